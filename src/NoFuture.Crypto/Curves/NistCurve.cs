// The NIST prime curves of FIPS 186-5 / SEC 2 through the BCL (ECDiffieHellman, ECDsa → OpenSSL), one sealed
// singleton per curve, for ECDH (EcdhPrivateKey, HPKE's DHKEMs). Encodings: private key = the scalar d, big-endian,
// exactly ScalarSizeInBytes; public key = SEC1 uncompressed point 0x04 ‖ X ‖ Y; ECDH output = the X coordinate
// (SEC1 §3.3.1, RFC 9180 DH-KEM "raw" form). ECDSA is SignatureAlgorithm's (Signatures/EcdsaAlgorithm.cs), which
// uses the internal hash and order size kept here.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>A NIST prime curve (P-256, P-384, P-521) for <see cref="EcdhPrivateKey"/> ECDH. ECDSA is in <see cref="SignatureAlgorithm"/>.</summary>
[DebuggerDisplay("{Name}")]
public sealed class NistCurve
{
    private NistCurve(string name, ECCurve curve, int orderBits, HashAlgorithmName hash)
    {
        // The field and the order have the same bit length on these curves (FIPS 186-5 / SP 800-186 §3.2.1).
        OrderBits = orderBits;
        int coordinateSize = (orderBits + 7) / 8;
        Name = name;
        Curve = curve;
        CoordinateSizeInBytes = coordinateSize;
        DefaultHashAlgorithm = hash;
    }

    /// <summary>NIST P-256 (secp256r1): 32-byte coordinates.</summary>
    public static NistCurve P256 { get; } = new("P-256", ECCurve.NamedCurves.nistP256, 256, HashAlgorithmName.SHA256);

    /// <summary>NIST P-384 (secp384r1): 48-byte coordinates.</summary>
    public static NistCurve P384 { get; } = new("P-384", ECCurve.NamedCurves.nistP384, 384, HashAlgorithmName.SHA384);

    /// <summary>NIST P-521 (secp521r1): 66-byte coordinates.</summary>
    public static NistCurve P521 { get; } = new("P-521", ECCurve.NamedCurves.nistP521, 521, HashAlgorithmName.SHA512);

    /// <summary>The curve's name, for example "P-256".</summary>
    public string Name { get; }

    /// <summary>The size of a field element (one coordinate) in bytes.</summary>
    public int CoordinateSizeInBytes { get; }

    /// <summary>The size of the private scalar in bytes (big-endian, left-padded).</summary>
    public int ScalarSizeInBytes => CoordinateSizeInBytes;

    /// <summary>The size of an uncompressed public key (0x04 ‖ X ‖ Y).</summary>
    public int PublicKeySizeInBytes => 1 + 2 * CoordinateSizeInBytes;

    /// <summary>The size of the ECDH shared secret (the X coordinate).</summary>
    public int SharedSecretSizeInBytes => CoordinateSizeInBytes;

    /// <summary>The hash ECDSA pairs with the curve (SHA-256/384/512).</summary>
    internal HashAlgorithmName DefaultHashAlgorithm { get; }

    internal ECCurve Curve { get; }

    /// <summary>The bit length of the group order n (256, 384, 521).</summary>
    internal int OrderBits { get; }

    /// <summary>Returns the name.</summary>
    public override string ToString() => Name;

    /// <summary>Builds public-only parameters from an uncompressed point; false when the encoding is not 0x04 ‖ X ‖ Y.</summary>
    internal bool TryPublicParameters(ReadOnlySpan<byte> publicKey, out ECParameters parameters)
    {
        Debug.Assert(publicKey.Length == PublicKeySizeInBytes);
        parameters = default;
        if (publicKey[0] != 0x04) return false;
        int n = CoordinateSizeInBytes;
        parameters = new ECParameters
        {
            Curve = Curve,
            Q = new ECPoint { X = publicKey.Slice(1, n).ToArray(), Y = publicKey.Slice(1 + n, n).ToArray() },
        };
        return true;
    }

    /// <summary>The public point as SEC1 uncompressed bytes (0x04 ‖ X ‖ Y).</summary>
    internal byte[] EncodePoint(ECPoint q)
    {
        int n = CoordinateSizeInBytes;
        byte[] encoded = new byte[1 + 2 * n];
        encoded[0] = 0x04;
        // The BCL exports fixed-size coordinates; right-align defensively in case a platform trims leading zeros.
        q.X.AsSpan().CopyTo(encoded.AsSpan(1 + n - q.X!.Length, q.X.Length));
        q.Y.AsSpan().CopyTo(encoded.AsSpan(1 + 2 * n - q.Y!.Length, q.Y.Length));
        return encoded;
    }

    /// <summary>The coordinates of a public key already known to be 0x04 ‖ X ‖ Y on this curve.</summary>
    internal ECPoint DecodePoint(ReadOnlySpan<byte> publicKey)
    {
        Debug.Assert(publicKey.Length == PublicKeySizeInBytes && publicKey[0] == 0x04);
        int n = CoordinateSizeInBytes;
        return new ECPoint { X = publicKey.Slice(1, n).ToArray(), Y = publicKey.Slice(1 + n, n).ToArray() };
    }

    /// <summary>Generates a key pair with the platform's generator (OpenSSL): the scalar goes into a new
    /// <see cref="Secret"/>, the public key (0x04 ‖ X ‖ Y) into <paramref name="publicKey"/>. The exported D array
    /// (the BCL's, not pinned) is wiped at once. ECDH and ECDSA keys share it: the key pair is the same object.</summary>
    internal Secret GenerateScalar(SecretOptions? options, out byte[] publicKey)
    {
        using ECDiffieHellman ecdh = ECDiffieHellman.Create(Curve);
        ECParameters parameters = ecdh.ExportParameters(includePrivateParameters: true);
        try
        {
            Secret d = Secret.CopyFrom(parameters.D, options);
            publicKey = EncodePoint(parameters.Q);
            return d;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>The public key (0x04 ‖ X ‖ Y) of an imported big-endian scalar, derived by the platform from a pinned
    /// copy that is wiped before returning.</summary>
    /// <exception cref="CryptoException">The scalar is 0 or not below the group order
    /// (<see cref="CryptoError.InvalidPrivateKey"/>): an imported key is untrusted input.</exception>
    internal byte[] DerivePublicKey(ReadOnlySpan<byte> scalar, string paramName)
    {
        byte[] d = GC.AllocateArray<byte>(scalar.Length, pinned: true);
        try
        {
            scalar.CopyTo(d);
            using ECDiffieHellman ecdh = ECDiffieHellman.Create();
            try
            {
                // With Q absent the platform derives the public point from d (OpenSSL does); d = 0 or d ≥ n fails.
                ecdh.ImportParameters(new ECParameters { Curve = Curve, D = d });
            }
            catch (CryptographicException)
            {
                CryptoThrowHelper.InvalidPrivateKey(paramName);
            }
            return EncodePoint(ecdh.ExportParameters(includePrivateParameters: false).Q);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }
}
