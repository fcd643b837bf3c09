// ECDSA (FIPS 186-5 §6.4) on P-256/SHA-256, P-384/SHA-384, P-521/SHA-512 through the BCL's ECDsa (OpenSSL), each in two
// signature encodings: the RFC 3279 DER SEQUENCE { r, s } (TLS 1.3, RFC 8446 §4.2.3; MLS, RFC 9420 §5.1.2; X.509) and
// IEEE P1363 r ‖ s (JOSE, COSE, WebCrypto). Verification parses DER itself, strictly (Curves/EcdsaDer.cs), before the
// BCL sees r and s, so a BER or non-minimal encoding the platform tolerates is refused (Wycheproof expects that).
// High-S signatures are valid: FIPS 186-5 has no low-S rule. Public keys are SEC1 uncompressed 0x04 ‖ X ‖ Y.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Curves;
using NoFuture.Memory;

namespace NoFuture.Crypto.Signatures;

internal sealed class EcdsaAlgorithm : SignatureAlgorithm
{
    internal EcdsaAlgorithm(NistCurve curve, bool der)
        : base(NameOf(curve, der), curve.PublicKeySizeInBytes, curve.ScalarSizeInBytes,
            der ? EcdsaDer.MaxSize(curve.OrderBits) : 2 * curve.CoordinateSizeInBytes, supportsContext: false)
    {
        Curve = curve;
        Format = der ? DSASignatureFormat.Rfc3279DerSequence : DSASignatureFormat.IeeeP1363FixedFieldConcatenation;
    }

    internal NistCurve Curve { get; }

    internal DSASignatureFormat Format { get; }

    private static string NameOf(NistCurve curve, bool der)
    {
        string name = $"ECDSA-{curve.Name.Replace("-", "", StringComparison.Ordinal)}-{curve.DefaultHashAlgorithm.Name}";
        return der ? name : name + "-P1363";
    }

    /// <summary>Lets OpenSSL pick d (<see cref="NistCurve.GenerateScalar"/>, shared with ECDH).</summary>
    private protected override SigningKey GenerateCore(SecretOptions? options, KeyExportPolicies exportPolicy)
    {
        Secret d = Curve.GenerateScalar(options, out byte[] publicKey);
        return new EcdsaSigningKey(this, d, publicKey, exportPolicy);
    }

    private protected override SigningKey ImportCore(ReadOnlySpan<byte> privateKey, SecretOptions? options, KeyExportPolicies exportPolicy)
    {
        byte[] publicKey = Curve.DerivePublicKey(privateKey, nameof(privateKey));
        return new EcdsaSigningKey(this, Secret.CopyFrom(privateKey, options), publicKey, exportPolicy);
    }

    private protected override bool IsValidPublicKey(ReadOnlySpan<byte> publicKey)
    {
        using ECDsa? ecdsa = TryImportPublic(publicKey);
        return ecdsa is not null;
    }

    internal override bool VerifyCore(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature,
        ReadOnlySpan<byte> context)
    {
        Debug.Assert(context.IsEmpty);
        int n = Curve.CoordinateSizeInBytes;
        Span<byte> rs = stackalloc byte[2 * n];
        if (Format == DSASignatureFormat.Rfc3279DerSequence)
        {
            if (!EcdsaDer.TryDecode(signature, n, rs)) return false;
        }
        else
        {
            if (signature.Length != rs.Length) return false;
            signature.CopyTo(rs);
        }
        using ECDsa? ecdsa = TryImportPublic(publicKey);
        if (ecdsa is null) return false; // not a point on the curve
        return ecdsa.VerifyData(message, rs, Curve.DefaultHashAlgorithm, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The public key as a BCL object, or null when it is not 0x04 ‖ X ‖ Y with (X, Y) on the curve.</summary>
    private ECDsa? TryImportPublic(ReadOnlySpan<byte> publicKey)
    {
        if (!Curve.TryPublicParameters(publicKey, out ECParameters parameters)) return null;
        ECDsa ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(parameters);
            return ecdsa;
        }
        catch (CryptographicException)
        {
            ecdsa.Dispose();
            return null;
        }
    }
}
