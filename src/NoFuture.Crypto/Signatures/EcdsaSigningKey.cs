// An ECDSA signing key: the big-endian scalar d in the key's Secret. The BCL has no way to hand OpenSSL a scalar except
// ECParameters.D, a byte[]; every signature therefore (1) copies d into a pinned array (pinned so the GC cannot leave a
// moved copy behind), (2) imports it into a short-lived ECDsa, which copies it into OpenSSL's EVP_PKEY (OpenSSL's
// heap: not locked, not excluded from dumps; freed when the ECDsa is disposed), and (3) wipes the array in finally.
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto.Signatures;

internal sealed class EcdsaSigningKey : SigningKey
{
    private readonly EcdsaAlgorithm _algorithm;

    internal EcdsaSigningKey(EcdsaAlgorithm algorithm, Secret d, byte[] publicKey, KeyExportPolicies exportPolicy)
        : base(algorithm, d, publicKey, exportPolicy)
    {
        _algorithm = algorithm;
    }

    private protected override bool IsFixedSize => _algorithm.Format == DSASignatureFormat.IeeeP1363FixedFieldConcatenation;

    private protected override int SignCore(ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, Span<byte> signature)
    {
        NistCurve curve = _algorithm.Curve;
        byte[] d = GC.AllocateArray<byte>(curve.ScalarSizeInBytes, pinned: true);
        try
        {
            using (SecretReadLease lease = Key.OpenRead()) lease.Span.CopyTo(d);
            using ECDsa ecdsa = ECDsa.Create();
            ecdsa.ImportParameters(new ECParameters { Curve = curve.Curve, D = d, Q = curve.DecodePoint(PublicKeyBytes) });
            // The BCL writes DER itself (System.Formats.Asn1 in DER mode: minimal INTEGERs and lengths). The
            // destination holds the format's maximum size, so this cannot run out of room.
            if (!ecdsa.TrySignData(message, signature, curve.DefaultHashAlgorithm, _algorithm.Format, out int written))
            {
                CryptographicOperations.ZeroMemory(signature);
                CryptoThrowHelper.NativeFailed("ECDsa.TrySignData");
            }
            return written;
        }
        catch
        {
            CryptographicOperations.ZeroMemory(signature);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }
}
