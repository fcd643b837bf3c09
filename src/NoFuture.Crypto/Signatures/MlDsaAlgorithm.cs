// ML-DSA-44/65/87 (FIPS 204) in the SignatureAlgorithm family, computed by our managed core (MlDsa.MlDsaCore).
// Sizes: private key = the 32-byte seed xi (FIPS 204 section 6.1, Algorithm 6); public key 1312/1952/2592;
// signature 2420/3309/4627 bytes; a context is 0-255 bytes (pure ML-DSA, Algorithm 2/3). HashML-DSA and external
// mu are offered by MlDsaKey (the BCL-shaped type), not here.
// FIPS 204 defines no validity check for a public key (every 10-bit t1 value is valid), so ImportPublicKey accepts
// any key of the right length; a wrong key simply verifies nothing. Verification runs on public data only.
using NoFuture.Crypto.MlDsa;
using NoFuture.Memory;

namespace NoFuture.Crypto.Signatures;

internal sealed class MlDsaAlgorithm : SignatureAlgorithm
{
    internal MlDsaAlgorithm(MlDsaParameters parameters)
        : base(parameters.Name, parameters.PublicKeySizeInBytes, MlDsaParameters.SeedSizeInBytes, parameters.SignatureSizeInBytes, supportsContext: true)
    {
        Parameters = parameters;
    }

    internal MlDsaParameters Parameters { get; }

    private protected override SigningKey ImportCore(ReadOnlySpan<byte> privateKey, SecretOptions? options, KeyExportPolicies exportPolicy) =>
        MlDsaSigningKey.Create(this, privateKey, options, exportPolicy);

    private protected override bool IsValidPublicKey(ReadOnlySpan<byte> publicKey) => true;

    internal override bool VerifyCore(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature,
        ReadOnlySpan<byte> context)
    {
        if (signature.Length != Parameters.SignatureSizeInBytes) return false;
        Span<byte> tr = stackalloc byte[MlDsaParameters.TrSizeInBytes];
        Span<byte> mu = stackalloc byte[MlDsaParameters.MuSizeInBytes];
        Keccak.Sha3.Shake256(publicKey, tr);
        MlDsaCore.ComputeMu(tr, context, default, message, mu);
        return MlDsaCore.VerifyInternal(Parameters, publicKey, mu, signature);
    }
}
