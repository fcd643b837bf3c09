// X-Wing: the general-purpose post-quantum/traditional hybrid KEM, draft-connolly-cfrg-xwing-kem-10
// (ML-KEM-768 + X25519 + SHA3-256). The algorithms of the draft's section 5, on exactly sized spans:
//   §5.2 expandDecapsulationKey: SHAKE256(sk, 96 bytes) = d (32) || z (32) || sk_X (32);
//        (pk_M, sk_M) = ML-KEM-768.KeyGen_internal(d, z); pk_X = X25519(sk_X, 9); pk = pk_M || pk_X.
//   §5.3 Combiner: ss = SHA3-256(ss_M || ss_X || ct_X || pk_X || XWingLabel), XWingLabel = 5c2e2f2f5e5c ("\./" "/^\").
//   §5.4 EncapsulateDerand(pk, eseed): m = eseed[0:32], ek_X = eseed[32:64]; ct = ct_M || ct_X.
//   §5.5 Decapsulate(ct, sk) over the cached expanded key (§5.5.1).
// Both may run over an ExpandedEncapsulationKey of pk_M (t-hat, A-hat^T and H(pk_M) computed once per key); the
// bytes are the same as without it.
// Sizes: sk 32, pk 1216 (1184 + 32), ct 1120 (1088 + 32), ss 32.
//
// Choices:
// - The expanded decapsulation key is held as sk_M (the 2400-byte ML-KEM dk) || sk_X (32); pk_X is public and is read
//   from the public key. The seed sk is kept beside it by XWingPrivateKey for export only.
// - No all-zero check on ss_X. The draft's Encapsulate/Decapsulate compute X25519 and feed the result to the combiner
//   with no check (and name none); ss_M and ct_X/pk_X in the hash keep the output unpredictable. So a low-order
//   ct_X or pk_X is hashed regardless. (libsodium 1.0.22's crypto_kem_xwing_* deviates and returns -1 there.)
// - The ML-KEM encapsulation-key check (FIPS 203 §7.2) is required before encapsulation by the draft's §4
//   (Cryptographic Dependencies); the public entry points in XWingKem perform it and throw when it fails. The
//   decapsulation-key check (§7.3) is not required and not done: the ML-KEM dk is always our own expansion of sk.
// - SHAKE256 and SHA3-256 are our Keccak (Keccak/Sha3.cs), as in ML-KEM, not the BCL's: no OpenSSL dependency and no
//   per-call overhead. The tests check the combiner against the BCL's SHA3-256 where the platform has it.
// - Every stack buffer holding a secret (the SHAKE output, ss_M, ss_X, the combiner input) is wiped in finally.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Curves;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;

namespace NoFuture.Crypto.XWing;

internal static class XWingCore
{
    internal const int SeedSizeInBytes = 32;
    internal const int PublicKeySizeInBytes = 1216, CiphertextSizeInBytes = 1120, SharedSecretSizeInBytes = 32;
    internal const int EncapsulationSeedSizeInBytes = 64;
    internal const int PkMSizeInBytes = 1184, CtMSizeInBytes = 1088, SkMSizeInBytes = 2400, XSizeInBytes = 32;

    /// <summary>The expanded decapsulation key as cached: sk_M (2400) || sk_X (32).</summary>
    internal const int ExpandedKeySizeInBytes = SkMSizeInBytes + XSizeInBytes;

    private const int CombinerInputSizeInBytes = 4 * 32 + 6;

    /// <summary>XWingLabel (draft §5.3): the 6 ASCII bytes "\./" "/^\", hex 5c2e2f2f5e5c.</summary>
    internal static ReadOnlySpan<byte> XWingLabel => [0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c];

    private static MlKemParameters P => MlKemParameters.MlKem768;

    /// <summary>
    /// Draft §5.2, expandDecapsulationKey(sk): writes the public key pk = pk_M || pk_X and the expanded key
    /// sk_M || sk_X.
    /// </summary>
    internal static void ExpandDecapsulationKey(ReadOnlySpan<byte> sk, Span<byte> pk, Span<byte> expanded)
    {
        Debug.Assert(sk.Length == SeedSizeInBytes && pk.Length == PublicKeySizeInBytes && expanded.Length == ExpandedKeySizeInBytes);
        Span<byte> shake = stackalloc byte[96];
        try
        {
            Sha3.Shake256(sk, shake); // expanded = SHAKE256(sk, 96*8)
            Span<byte> pkM = pk[..PkMSizeInBytes], pkX = pk[PkMSizeInBytes..];
            Span<byte> skM = expanded[..SkMSizeInBytes], skX = expanded[SkMSizeInBytes..];
            MlKemCore.KeyGenInternal(P, shake[..32], shake[32..64], pkM, skM); // d = expanded[0:32], z = expanded[32:64]
            shake[64..].CopyTo(skX);                                          // sk_X = expanded[64:96]
            X25519.DerivePublicKeyCore(skX, pkX);                              // pk_X = X25519(sk_X, X25519_BASE)
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shake);
        }
    }

    /// <summary>
    /// Draft §5.4, Encapsulate(pk) = EncapsulateDerand(pk, random(64)): the 64-byte eseed comes from the OS CSPRNG into
    /// a stack buffer that is wiped afterwards. Preconditions as for EncapsulateDerand.
    /// </summary>
    internal static void Encapsulate(ReadOnlySpan<byte> pk, ExpandedEncapsulationKey? expandedPkM, Span<byte> ct, Span<byte> ss)
    {
        Span<byte> eseed = stackalloc byte[EncapsulationSeedSizeInBytes];
        try
        {
            RandomNumberGenerator.Fill(eseed);
            EncapsulateDerand(pk, expandedPkM, eseed, ct, ss);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(eseed);
        }
    }

    /// <summary>
    /// Draft §5.4.1, EncapsulateDerand(pk, eseed). The caller has done the FIPS 203 §7.2 check on pk_M and
    /// ensured that <paramref name="ss"/> overlaps none of the other spans.
    /// </summary>
    internal static void EncapsulateDerand(ReadOnlySpan<byte> pk, ReadOnlySpan<byte> eseed, Span<byte> ct, Span<byte> ss) =>
        EncapsulateDerand(pk, null, eseed, ct, ss);

    /// <summary>
    /// Draft §5.4.1 with the ML-KEM part of <paramref name="pk"/> expanded once (<paramref name="expandedPkM"/>, the
    /// expansion of pk_M, or null to expand per call). The result is the same bytes either way.
    /// </summary>
    internal static void EncapsulateDerand(ReadOnlySpan<byte> pk, ExpandedEncapsulationKey? expandedPkM, ReadOnlySpan<byte> eseed, Span<byte> ct, Span<byte> ss)
    {
        Debug.Assert(pk.Length == PublicKeySizeInBytes && eseed.Length == EncapsulationSeedSizeInBytes);
        Debug.Assert(expandedPkM is null || expandedPkM.Parameters == P);
        Debug.Assert(ct.Length == CiphertextSizeInBytes && ss.Length == SharedSecretSizeInBytes);
        ReadOnlySpan<byte> pkM = pk[..PkMSizeInBytes], pkX = pk[PkMSizeInBytes..];
        ReadOnlySpan<byte> m = eseed[..32], ekX = eseed[32..];
        Span<byte> ctM = ct[..CtMSizeInBytes], ctX = ct[CtMSizeInBytes..];
        Span<byte> ssM = stackalloc byte[32];
        Span<byte> ssX = stackalloc byte[32];
        try
        {
            X25519.DerivePublicKeyCore(ekX, ctX);   // ct_X = X25519(ek_X, X25519_BASE)
            _ = X25519.AgreeCore(ekX, pkX, ssX);    // ss_X = X25519(ek_X, pk_X); all zero is hashed regardless
            // (ss_M, ct_M) = ML-KEM-768.EncapsDerand(pk_M, eseed[0:32])
            if (expandedPkM is null) MlKemCore.EncapsInternal(P, pkM, m, ssM, ctM);
            else MlKemCore.EncapsInternal(P, MlKemPaths.Best, expandedPkM, m, ssM, ctM);
            Combiner(ssM, ssX, ctX, pkX, ss);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ssM);
            CryptographicOperations.ZeroMemory(ssX);
        }
    }

    /// <summary>
    /// Draft §5.5, Decapsulate(ct, sk), with the expanded key cached (§5.5.1). Never fails: a bad ct_M gets ML-KEM's
    /// implicit rejection, a low-order ct_X an all-zero ss_X, and both are hashed as usual.
    /// </summary>
    internal static void Decapsulate(ReadOnlySpan<byte> expanded, ReadOnlySpan<byte> pkX, ReadOnlySpan<byte> ct, Span<byte> ss) =>
        Decapsulate(expanded, null, pkX, ct, ss);

    /// <summary>
    /// Draft §5.5 as above, with ML-KEM's re-encryption run over <paramref name="expandedPkM"/>: the expansion of the
    /// pk_M that belongs to <paramref name="expanded"/>, or null to expand per call.
    /// </summary>
    internal static void Decapsulate(ReadOnlySpan<byte> expanded, ExpandedEncapsulationKey? expandedPkM, ReadOnlySpan<byte> pkX, ReadOnlySpan<byte> ct, Span<byte> ss)
    {
        Debug.Assert(expandedPkM is null || expandedPkM.Parameters == P);
        Debug.Assert(expanded.Length == ExpandedKeySizeInBytes && pkX.Length == XSizeInBytes);
        Debug.Assert(ct.Length == CiphertextSizeInBytes && ss.Length == SharedSecretSizeInBytes);
        ReadOnlySpan<byte> skM = expanded[..SkMSizeInBytes], skX = expanded[SkMSizeInBytes..];
        ReadOnlySpan<byte> ctM = ct[..CtMSizeInBytes], ctX = ct[CtMSizeInBytes..];
        Span<byte> ssM = stackalloc byte[32];
        Span<byte> ssX = stackalloc byte[32];
        try
        {
            MlKemCore.DecapsInternal(P, MlKemPaths.Best, skM, expandedPkM, ctM, ssM); // ss_M = ML-KEM-768.Decapsulate(ct_M, sk_M)
            _ = X25519.AgreeCore(skX, ctX, ssX);        // ss_X = X25519(sk_X, ct_X); all zero is hashed regardless
            Combiner(ssM, ssX, ctX, pkX, ss);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ssM);
            CryptographicOperations.ZeroMemory(ssX);
        }
    }

    /// <summary>FIPS 203 §7.2 on pk_M: the length is fixed by the caller, so this is the modulus check.</summary>
    internal static bool PublicKeyPassesModulusCheck(ReadOnlySpan<byte> pk)
    {
        Debug.Assert(pk.Length == PublicKeySizeInBytes);
        return MlKemCore.EncapsulationKeyModulusCheck(P, pk[..PkMSizeInBytes]);
    }

    /// <summary>Draft §5.3, Combiner(ss_M, ss_X, ct_X, pk_X) = SHA3-256(ss_M || ss_X || ct_X || pk_X || XWingLabel).</summary>
    internal static void Combiner(ReadOnlySpan<byte> ssM, ReadOnlySpan<byte> ssX, ReadOnlySpan<byte> ctX, ReadOnlySpan<byte> pkX, Span<byte> ss)
    {
        Debug.Assert(ssM.Length == 32 && ssX.Length == 32 && ctX.Length == 32 && pkX.Length == 32 && ss.Length == 32);
        Span<byte> input = stackalloc byte[CombinerInputSizeInBytes];
        try
        {
            ssM.CopyTo(input);
            ssX.CopyTo(input[32..]);
            ctX.CopyTo(input[64..]);
            pkX.CopyTo(input[96..]);
            XWingLabel.CopyTo(input[128..]);
            Sha3.Sha3_256(input, ss);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
