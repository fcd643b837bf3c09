// Ed448 and Ed448ph (RFC 8032 §5.2), our managed implementation in Curves/Curve448 (libsodium and the BCL have
// neither). Sizes: private key (seed) 57, public key 57, signature 114 bytes; a context is 0–255 bytes (dom4, §5.2).
// Ed448ph signs PH(M) = SHAKE256(M, 64) with phflag 1. Verification (§5.2.7) rejects S ≥ L and an R or public key that
// does not decode (§5.2.3: y ≥ p, x = 0 with the sign bit set, no square root), and checks the cofactorless equation
// (Ed448Core says why). It runs in variable time: every input is public.
using NoFuture.Crypto.Curves.Curve448;
using NoFuture.Memory;

namespace NoFuture.Crypto.Signatures;

internal sealed class Ed448Algorithm : SignatureAlgorithm
{
    internal const int MaxContextSizeInBytes = 255;

    internal Ed448Algorithm(bool prehash)
        : base(prehash ? "Ed448ph" : "Ed448", Ed448Core.PublicKeySize, Ed448Core.SeedSize, Ed448Core.SignatureSize, supportsContext: true)
    {
        PhFlag = prehash ? (byte)1 : (byte)0;
    }

    /// <summary>RFC 8032 §5.2's phflag: 1 for Ed448ph.</summary>
    internal byte PhFlag { get; }

    private protected override SigningKey ImportCore(ReadOnlySpan<byte> privateKey, SecretOptions? options, KeyExportPolicies exportPolicy) =>
        Ed448SigningKey.Create(this, privateKey, options, exportPolicy);

    private protected override bool IsValidPublicKey(ReadOnlySpan<byte> publicKey) => Ed448Core.IsValidPublicKey(publicKey);

    internal override bool VerifyCore(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature,
        ReadOnlySpan<byte> context)
    {
        if (signature.Length != Ed448Core.SignatureSize) return false;
        if (PhFlag == 0) return Ed448Core.Verify(publicKey, 0, context, message, signature);
        Span<byte> ph = stackalloc byte[Ed448Core.PrehashSize];
        Ed448Core.Prehash(message, ph);
        return Ed448Core.Verify(publicKey, 1, context, ph, signature);
    }
}
