// Kyber round 3 (CRYSTALS-Kyber, specification v3.02 of 2021-08-04, section 1.3, Algorithms 7, 8 and 9:
// Kyber.CCAKEM.KeyGen, Enc and Dec), the KEM libsignal calls Kyber1024 (key type byte 0x08). It is built on the
// same K-PKE as ML-KEM (KPke.cs; Kyber.CPAPKE in the round-3 text) with the same key, ciphertext and dk layouts
// (dk = dk_PKE || ek || H(ek) || z), but a different Fujisaki-Okamoto transform:
//   KeyGen: K-PKE.KeyGen with (rho, sigma) = G(d)       (FIPS 203: G(d || k))
//   Enc:    m = H(m); (K-bar, r) = G(m || H(pk)); c = K-PKE.Enc(pk, m, r); K = KDF(K-bar || H(c))
//   Dec:    m' = K-PKE.Dec(s, c); (K-bar', r') = G(m' || h); c' = K-PKE.Enc(pk, m', r');
//           K = KDF(K-bar' || H(c)) if c == c', else K = KDF(z || H(c))
// with H = SHA3-256, G = SHA3-512 and KDF = SHAKE-256 to 32 bytes (the round-3 instantiation). FIPS 203 dropped the
// m = H(m) step and the H(c) in the key derivation, so the two KEMs interoperate only in their keys.
//
// Choices: the same as MlKemCore (derandomized algorithms; callers pass exactly sized spans; the choice between the
// two keys of Dec is branch-free, MlKemCore.SelectOnMismatch; every secret stack buffer is wiped in finally).
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem.Simd;

namespace NoFuture.Crypto.MlKem;

internal static class KyberRound3Core
{
    /// <summary>Kyber round 3, Algorithm 7 (CCAKEM.KeyGen) from the seeds d (K-PKE) and z (rejection), 32 bytes each.</summary>
    internal static void KeyGen(MlKemParameters p, ReadOnlySpan<byte> d, ReadOnlySpan<byte> z, Span<byte> ek, Span<byte> dk)
    {
        Debug.Assert(d.Length == 32 && z.Length == 32);
        Debug.Assert(ek.Length == p.EncapsulationKeySizeInBytes && dk.Length == p.DecapsulationKeySizeInBytes);
        int dkPkeSize = p.EncodedVectorSizeInBytes, ekSize = p.EncapsulationKeySizeInBytes;
        // sk = sk_PKE || pk || H(pk) || z (Algorithm 7, steps 1-4).
        KPke.KeyGen(p, MlKemPaths.Best, d, ek, dk[..dkPkeSize], kyberRound3: true);
        ek.CopyTo(dk.Slice(dkPkeSize, ekSize));
        Sha3.Sha3_256(ek, dk.Slice(dkPkeSize + ekSize, 32));
        z.CopyTo(dk.Slice(dkPkeSize + ekSize + 32, 32));
    }

    /// <summary>
    /// Kyber round 3, Algorithm 8 (CCAKEM.Enc) over an expanded public key, from the 32 random bytes
    /// <paramref name="random"/> (hashed into m first, step 2).
    /// </summary>
    internal static void Encaps(MlKemParameters p, ExpandedEncapsulationKey ek, ReadOnlySpan<byte> random, Span<byte> sharedKey, Span<byte> c)
    {
        Debug.Assert(ek.Parameters == p && random.Length == 32);
        Debug.Assert(sharedKey.Length == 32 && c.Length == p.CiphertextSizeInBytes);
        Span<byte> m = stackalloc byte[32];
        Span<byte> kr = stackalloc byte[64];
        try
        {
            Sha3.Sha3_256(random, m);                                         // step 2: m = H(m)
            Sha3.Sha3_512(m, ek.HEk, kr);                                     // step 3: (K-bar, r) = G(m || H(pk))
            KPke.Encrypt(p, MlKemPaths.Best, ek.ATranspose, ek.THat, m, kr[32..], c); // step 4
            Sha3.Sha3_256(c, kr[32..]);                                       // H(c) over r, no longer needed
            Sha3.Shake256(kr[..32], kr[32..64], sharedKey);                   // step 5: K = KDF(K-bar || H(c))
        }
        finally
        {
            CryptographicOperations.ZeroMemory(m);
            CryptographicOperations.ZeroMemory(kr);
        }
    }

    /// <summary>
    /// Kyber round 3, Algorithm 9 (CCAKEM.Dec) with implicit rejection; <paramref name="expandedEk"/> is the
    /// expansion of the pk inside <paramref name="dk"/>.
    /// </summary>
    internal static void Decaps(MlKemParameters p, ReadOnlySpan<byte> dk, ExpandedEncapsulationKey expandedEk, ReadOnlySpan<byte> c, Span<byte> sharedKey)
    {
        Debug.Assert(expandedEk.Parameters == p);
        Debug.Assert(dk.Length == p.DecapsulationKeySizeInBytes && c.Length == p.CiphertextSizeInBytes && sharedKey.Length == 32);
        int dkPkeSize = p.EncodedVectorSizeInBytes, ekSize = p.EncapsulationKeySizeInBytes;
        ReadOnlySpan<byte> dkPke = dk[..dkPkeSize];
        ReadOnlySpan<byte> h = dk.Slice(dkPkeSize + ekSize, 32);
        ReadOnlySpan<byte> z = dk.Slice(dkPkeSize + ekSize + 32, 32);
        Span<byte> mPrime = stackalloc byte[32];
        Span<byte> krPrime = stackalloc byte[64];
        Span<byte> hc = stackalloc byte[32];
        Span<byte> rejected = stackalloc byte[32];
        Span<byte> cPrime = stackalloc byte[MlKemParameters.MaxCiphertextSizeInBytes];
        cPrime = cPrime[..p.CiphertextSizeInBytes];
        try
        {
            KPke.Decrypt(p, MlKemPaths.Best, dkPke, c, mPrime);                       // step 4
            Sha3.Sha3_512(mPrime, h, krPrime);                                         // step 5: (K-bar', r') = G(m' || h)
            KPke.Encrypt(p, MlKemPaths.Best, expandedEk.ATranspose, expandedEk.THat, mPrime, krPrime[32..], cPrime); // step 6
            Sha3.Sha3_256(c, hc);                                                      // H(c): public
            Sha3.Shake256(krPrime[..32], hc, sharedKey);                               // step 8: KDF(K-bar' || H(c))
            Sha3.Shake256(z, hc, rejected);                                            // step 10: KDF(z || H(c))
            MlKemCore.SelectOnMismatch(c, cPrime, rejected, sharedKey);                // steps 7-10, branch-free
        }
        finally
        {
            CryptographicOperations.ZeroMemory(mPrime);
            CryptographicOperations.ZeroMemory(krPrime);
            CryptographicOperations.ZeroMemory(rejected);
            CryptographicOperations.ZeroMemory(cPrime);
        }
    }
}
