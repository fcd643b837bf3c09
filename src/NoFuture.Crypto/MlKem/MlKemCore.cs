// ML-KEM's internal algorithms: FIPS 203, section 6 (Algorithms 16, 17 and 18: KeyGen_internal,
// Encaps_internal, Decaps_internal) and the input checks of section 7.2 (encapsulation key: type and modulus
// check) and section 7.3 (decapsulation key: type and hash check; ciphertext type check).
// Hashes (section 4.1): H = SHA3-256, G = SHA3-512, J(s) = SHAKE256(s, 32).
// Layout of dk (Algorithm 16, step 3): dk_PKE (384k) || ek (384k + 32) || H(ek) (32) || z (32).
//
// Choices:
// - Callers pass exactly sized spans; this layer only asserts. Randomness is the caller's: these are
//   the derandomized algorithms, and the public key type draws d, z and m from the OS CSPRNG.
// - Implicit rejection (Algorithm 18, steps 9-11) compares c with c' and selects K-bar over K' with masks: no
//   branch, no early exit, and the mask is built without a data-dependent comparison (SelectOnMismatch).
// - Every stack buffer that holds a secret (m', K', r', K-bar, c', G output) is wiped in a finally block.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem.Simd;

namespace NoFuture.Crypto.MlKem;

internal static class MlKemCore
{
    /// <summary>FIPS 203, Algorithm 16 (ML-KEM.KeyGen_internal) from the seeds d and z (32 bytes each).</summary>
    internal static void KeyGenInternal(MlKemParameters p, ReadOnlySpan<byte> d, ReadOnlySpan<byte> z, Span<byte> ek, Span<byte> dk) =>
        KeyGenInternal(p, MlKemPaths.Best, d, z, ek, dk);

    /// <summary>Algorithm 16 computed by <paramref name="path"/> (tests and benchmarks choose it).</summary>
    internal static void KeyGenInternal(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> d, ReadOnlySpan<byte> z, Span<byte> ek, Span<byte> dk)
    {
        Debug.Assert(d.Length == 32 && z.Length == 32);
        Debug.Assert(ek.Length == p.EncapsulationKeySizeInBytes && dk.Length == p.DecapsulationKeySizeInBytes);
        int dkPkeSize = p.EncodedVectorSizeInBytes, ekSize = p.EncapsulationKeySizeInBytes;
        // Steps 1-3: (ek_PKE, dk_PKE) = K-PKE.KeyGen(d); ek = ek_PKE; dk = dk_PKE || ek || H(ek) || z.
        KPke.KeyGen(p, path, d, ek, dk[..dkPkeSize]);
        ek.CopyTo(dk.Slice(dkPkeSize, ekSize));
        Sha3.Sha3_256(ek, dk.Slice(dkPkeSize + ekSize, 32));
        z.CopyTo(dk.Slice(dkPkeSize + ekSize + 32, 32));
    }

    /// <summary>
    /// FIPS 203, Algorithm 17 (ML-KEM.Encaps_internal): shared key K and ciphertext c from ek and the 32-byte m.
    /// </summary>
    internal static void EncapsInternal(MlKemParameters p, ReadOnlySpan<byte> ek, ReadOnlySpan<byte> m, Span<byte> sharedKey, Span<byte> c) =>
        EncapsInternal(p, MlKemPaths.Best, ek, m, sharedKey, c);

    /// <summary>Algorithm 17 computed by <paramref name="path"/>.</summary>
    internal static void EncapsInternal(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> ek, ReadOnlySpan<byte> m, Span<byte> sharedKey, Span<byte> c)
    {
        Debug.Assert(ek.Length == p.EncapsulationKeySizeInBytes && m.Length == 32);
        Debug.Assert(sharedKey.Length == 32 && c.Length == p.CiphertextSizeInBytes);
        Span<byte> hEk = stackalloc byte[32];
        Sha3.Sha3_256(ek, hEk); // H(ek) of step 1; ek is public, so hEk is too
        EncapsInternal(p, path, ek, hEk, m, sharedKey, c);
    }

    /// <summary>
    /// Algorithm 17 with H(ek) precomputed by the caller (<paramref name="hEk"/>, 32 bytes): ek is public, so a key
    /// object may hash it once when it is generated or imported (as FIPS 203, section 7.3 stores H(ek) in dk).
    /// </summary>
    internal static void EncapsInternal(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> ek, ReadOnlySpan<byte> hEk, ReadOnlySpan<byte> m, Span<byte> sharedKey, Span<byte> c)
    {
        Debug.Assert(ek.Length == p.EncapsulationKeySizeInBytes && hEk.Length == 32 && m.Length == 32);
        Debug.Assert(sharedKey.Length == 32 && c.Length == p.CiphertextSizeInBytes);
        Span<byte> kr = stackalloc byte[64];
        try
        {
            // Step 1: (K, r) = G(m || H(ek)); step 2: c = K-PKE.Encrypt(ek, m, r).
            Sha3.Sha3_512(m, hEk, kr);
            KPke.Encrypt(p, path, ek, m, kr[32..], c);
            kr[..32].CopyTo(sharedKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kr);
        }
    }

    /// <summary>
    /// Algorithm 17 over an expanded encapsulation key (<see cref="ExpandedEncapsulationKey"/>): H(ek), t-hat and
    /// A-hat^T were computed once, so only the per-message work remains.
    /// </summary>
    internal static void EncapsInternal(MlKemParameters p, MlKemPath path, ExpandedEncapsulationKey ek, ReadOnlySpan<byte> m, Span<byte> sharedKey, Span<byte> c)
    {
        Debug.Assert(ek.Parameters == p && m.Length == 32);
        Debug.Assert(sharedKey.Length == 32 && c.Length == p.CiphertextSizeInBytes);
        Span<byte> kr = stackalloc byte[64];
        try
        {
            // Step 1: (K, r) = G(m || H(ek)); step 2: c = K-PKE.Encrypt(ek, m, r).
            Sha3.Sha3_512(m, ek.HEk, kr);
            KPke.Encrypt(p, path, ek.ATranspose, ek.THat, m, kr[32..], c);
            kr[..32].CopyTo(sharedKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kr);
        }
    }

    /// <summary>FIPS 203, Algorithm 18 (ML-KEM.Decaps_internal) with implicit rejection.</summary>
    internal static void DecapsInternal(MlKemParameters p, ReadOnlySpan<byte> dk, ReadOnlySpan<byte> c, Span<byte> sharedKey) =>
        DecapsInternal(p, MlKemPaths.Best, dk, c, sharedKey);

    /// <summary>Algorithm 18 computed by <paramref name="path"/>.</summary>
    internal static void DecapsInternal(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> dk, ReadOnlySpan<byte> c, Span<byte> sharedKey) =>
        DecapsInternal(p, path, dk, null, c, sharedKey);

    /// <summary>
    /// Algorithm 18 computed by <paramref name="path"/>, re-encrypting (step 8) over <paramref name="expandedEk"/>
    /// when given. It must be the expansion of the ek inside <paramref name="dk"/> (the key object's own).
    /// </summary>
    internal static void DecapsInternal(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> dk, ExpandedEncapsulationKey? expandedEk, ReadOnlySpan<byte> c, Span<byte> sharedKey)
    {
        Debug.Assert(expandedEk is null || expandedEk.Parameters == p);
        Debug.Assert(dk.Length == p.DecapsulationKeySizeInBytes && c.Length == p.CiphertextSizeInBytes && sharedKey.Length == 32);
        int dkPkeSize = p.EncodedVectorSizeInBytes, ekSize = p.EncapsulationKeySizeInBytes;
        // Steps 1-4: split dk.
        ReadOnlySpan<byte> dkPke = dk[..dkPkeSize];
        ReadOnlySpan<byte> ekPke = dk.Slice(dkPkeSize, ekSize);
        ReadOnlySpan<byte> h = dk.Slice(dkPkeSize + ekSize, 32);
        ReadOnlySpan<byte> z = dk.Slice(dkPkeSize + ekSize + 32, 32);
        Span<byte> mPrime = stackalloc byte[32];
        Span<byte> krPrime = stackalloc byte[64];
        Span<byte> kBar = stackalloc byte[32];
        Span<byte> cPrime = stackalloc byte[MlKemParameters.MaxCiphertextSizeInBytes];
        cPrime = cPrime[..p.CiphertextSizeInBytes];
        try
        {
            KPke.Decrypt(p, path, dkPke, c, mPrime);              // step 5
            Sha3.Sha3_512(mPrime, h, krPrime);              // step 6: (K', r') = G(m' || h)
            Sha3.Shake256(z, c, kBar);                      // step 7: K-bar = J(z || c)
            if (expandedEk is null) KPke.Encrypt(p, path, ekPke, mPrime, krPrime[32..], cPrime); // step 8
            else KPke.Encrypt(p, path, expandedEk.ATranspose, expandedEk.THat, mPrime, krPrime[32..], cPrime);
            krPrime[..32].CopyTo(sharedKey);
            SelectOnMismatch(c, cPrime, kBar, sharedKey);   // steps 9-11
        }
        finally
        {
            CryptographicOperations.ZeroMemory(mPrime);
            CryptographicOperations.ZeroMemory(krPrime);
            CryptographicOperations.ZeroMemory(kBar);
            CryptographicOperations.ZeroMemory(cPrime);
        }
    }

    /// <summary>
    /// FIPS 203, section 7.2, check 2 (modulus check): ByteEncode12(ByteDecode12(ek[0 : 384k])) == ek[0 : 384k],
    /// that is, every 12-bit value of t-hat is below q. The length (check 1) is the caller's. ek is public.
    /// </summary>
    internal static bool EncapsulationKeyModulusCheck(MlKemParameters p, ReadOnlySpan<byte> ek)
    {
        Debug.Assert(ek.Length == p.EncapsulationKeySizeInBytes);
        return PolyEncoding.AllBelowQ(ek[..p.EncodedVectorSizeInBytes]);
    }

    /// <summary>
    /// FIPS 203, section 7.3, check 3 (hash check): H(dk[384k : 768k + 32]) == dk[768k + 32 : 768k + 64].
    /// The lengths (checks 1 and 2) are the caller's. The comparison is constant time.
    /// </summary>
    internal static bool DecapsulationKeyHashCheck(MlKemParameters p, ReadOnlySpan<byte> dk)
    {
        Debug.Assert(dk.Length == p.DecapsulationKeySizeInBytes);
        int dkPkeSize = p.EncodedVectorSizeInBytes, ekSize = p.EncapsulationKeySizeInBytes;
        Span<byte> test = stackalloc byte[32];
        Sha3.Sha3_256(dk.Slice(dkPkeSize, ekSize), test);
        return CryptographicOperations.FixedTimeEquals(test, dk.Slice(dkPkeSize + ekSize, 32));
    }

    /// <summary>k = (c == c') ? k : kBar, in time independent of where or whether c and c' differ.</summary>
    /// <remarks>
    /// The difference is an OR of XORs over every byte (32 at a time where vectors are accelerated), with no early
    /// exit: a loop whose result depends on all of its iterations, which the JIT cannot shorten. NoOptimization
    /// made this loop cost several microseconds per decapsulation; the mask arithmetic is still branch-free.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void SelectOnMismatch(ReadOnlySpan<byte> c, ReadOnlySpan<byte> cPrime, ReadOnlySpan<byte> kBar, Span<byte> k)
    {
        Debug.Assert(c.Length == cPrime.Length && kBar.Length == k.Length);
        uint difference = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<byte> any = Vector256<byte>.Zero;
            for (; i + 32 <= c.Length; i += 32) any |= Vector256.Create(c.Slice(i, 32)) ^ Vector256.Create(cPrime.Slice(i, 32));
            ulong folded = any.AsUInt64().GetElement(0) | any.AsUInt64().GetElement(1) | any.AsUInt64().GetElement(2) | any.AsUInt64().GetElement(3);
            folded |= folded >> 32;
            folded |= folded >> 16;
            folded |= folded >> 8;
            difference = (uint)(byte)folded;
        }
        for (; i < c.Length; i++) difference |= (uint)(c[i] ^ cPrime[i]);
        // difference is in [0, 255]: 0 - difference has its top bit set exactly when difference != 0.
        byte mask = (byte)(0u - ((0u - difference) >> 31)); // 0xFF on mismatch, 0x00 on match
        for (int j = 0; j < k.Length; j++) k[j] = (byte)(k[j] ^ ((k[j] ^ kBar[j]) & mask));
    }
}
