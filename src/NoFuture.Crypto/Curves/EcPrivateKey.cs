// ECDH (SEC1 §3.3.1) and ECDSA (FIPS 186-5 §6.4) on P-256/384/521 through the BCL, with the private scalar kept in a
// NoFuture.Memory Secret between operations.
// The BCL has no way to hand OpenSSL a scalar except ECParameters.D, a byte[]. Every operation therefore (1) copies d
// from the Secret into a pinned array (pinned so the GC cannot leave a moved copy behind), (2) imports it into a
// short-lived ECDiffieHellman/ECDsa, which copies it into OpenSSL's EVP_PKEY (OpenSSL's heap: not locked, not
// excluded from dumps; freed when the BCL object is disposed), and (3) wipes the array in finally, at once. The ECDH
// result arrives from DeriveRawSecretAgreement as a byte[]; it is copied into the caller's span and wiped at once.
// Generate lets OpenSSL pick d and exports it through ExportParameters: that D array is allocated by the BCL (not
// pinned, so a GC in the few instructions before the wipe could leave a moved copy); it is wiped in finally. Callers
// who want only pinned copies can draw d into a Secret themselves (rejecting 0 and d ≥ n) and use Import.
// Peer keys that are not valid points (wrong prefix, not on the curve, identity) make Agree return false (data from
// the network, not misuse); buffers of the wrong length throw.
// ECDSA signatures come in two encodings, chosen with the BCL's DSASignatureFormat: IEEE P1363 r ‖ s (fixed size,
// the default, what JOSE/COSE/WebCrypto and MLS use) and the RFC 3279 DER SEQUENCE (variable size, X.509/TLS). Verify
// parses DER itself, strictly (EcdsaDer), before the BCL sees r and s, so a BER or non-minimal encoding the platform
// might tolerate is refused. High-S signatures are valid (FIPS 186-5 has no low-S rule). The exact-size Sign overloads
// write P1363 only: a DER signature's length is known only after signing.
// Export: the public key always (exact span, Try, array); the scalar only for keys created with
// KeyExportPolicies.AllowPlaintextExport, into a span or a new Secret.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Curves;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// A P-256, P-384 or P-521 private key held in secret memory, for ECDH (<see cref="Agree"/>) and ECDSA
/// (<see cref="Sign(ReadOnlySpan{byte}, Span{byte})"/>). Verify with <see cref="Verify"/>. Dispose it to wipe the scalar.
/// </summary>
/// <remarks>
/// Each operation imports the scalar into a BCL key object for the duration of the call: the BCL copies it into
/// OpenSSL's memory (not locked, not excluded from dumps) and frees it when the call ends; the one managed copy the
/// BCL requires (<c>ECParameters.D</c>) is a pinned array wiped in <c>finally</c>. A generated key is exported from
/// OpenSSL the same way, and the exported array is wiped at once.
/// </remarks>
[DebuggerDisplay("EcPrivateKey {Curve.Name}")]
public sealed class EcPrivateKey : IDisposable
{
    private readonly Secret _d;
    private readonly byte[] _publicKey;

    private EcPrivateKey(NistCurve curve, Secret d, byte[] publicKey, KeyExportPolicies exportPolicy)
    {
        Curve = curve;
        ExportPolicy = exportPolicy;
        _d = d;
        _publicKey = publicKey;
    }

    /// <summary>The curve.</summary>
    public NistCurve Curve { get; }

    /// <summary>The private-key exports this key allows, fixed at creation.</summary>
    public KeyExportPolicies ExportPolicy { get; }

    /// <summary>The public key, SEC1 uncompressed (0x04 ‖ X ‖ Y).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public ReadOnlySpan<byte> PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
            return _publicKey;
        }
    }

    /// <summary>Generates a key on <paramref name="curve"/> with the platform's generator (OpenSSL).</summary>
    /// <param name="curve">The curve.</param>
    /// <param name="options">Secret-memory options; <see cref="SecretOptions.Default"/> when null.</param>
    /// <param name="exportPolicy">Whether the scalar may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static EcPrivateKey Generate(NistCurve curve, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(curve);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        using ECDiffieHellman ecdh = ECDiffieHellman.Create(curve.Curve);
        ECParameters parameters = ecdh.ExportParameters(includePrivateParameters: true);
        try
        {
            Secret d = Secret.CopyFrom(parameters.D, options);
            return new EcPrivateKey(curve, d, Encode(curve, parameters.Q), exportPolicy);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>Imports the big-endian scalar held in <paramref name="privateKey"/> (copied; the secret is left as it is).</summary>
    /// <exception cref="ArgumentException">The secret is not <see cref="NistCurve.ScalarSizeInBytes"/> bytes.</exception>
    /// <exception cref="CryptoException">The scalar is 0 or not below the group order (<see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static EcPrivateKey Import(NistCurve curve, Secret privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != curve.ScalarSizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(privateKey), curve.ScalarSizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        using SecretReadLease lease = privateKey.OpenRead();
        return ImportCore(curve, lease.Span, options, exportPolicy);
    }

    /// <summary>Imports a big-endian scalar from <paramref name="privateKey"/> (copied; the caller wipes its own copy).</summary>
    /// <exception cref="ArgumentException">The span is not <see cref="NistCurve.ScalarSizeInBytes"/> bytes.</exception>
    /// <exception cref="CryptoException">The scalar is 0 or not below the group order (<see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static EcPrivateKey Import(NistCurve curve, ReadOnlySpan<byte> privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (privateKey.Length != curve.ScalarSizeInBytes) CryptoThrowHelper.WrongSize(nameof(privateKey), curve.ScalarSizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return ImportCore(curve, privateKey, options, exportPolicy);
    }

    /// <summary>Writes the public key (0x04 ‖ X ‖ Y) into <paramref name="destination"/> (exactly <see cref="NistCurve.PublicKeySizeInBytes"/> bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPublicKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
        if (destination.Length != Curve.PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(destination), Curve.PublicKeySizeInBytes);
        _publicKey.CopyTo(destination);
    }

    /// <summary>Writes the public key into the start of <paramref name="destination"/> if it is large enough.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TryExportPublicKey(Span<byte> destination, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
        return KeyExport.TryCopyPublic(_publicKey, destination, out bytesWritten);
    }

    /// <summary>Returns a copy of the public key (0x04 ‖ X ‖ Y).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] ExportPublicKey()
    {
        ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
        return (byte[])_publicKey.Clone();
    }

    /// <summary>
    /// ECDH: writes the X coordinate of d·Q_peer into <paramref name="sharedSecret"/> (typically a write lease's span).
    /// </summary>
    /// <param name="peerPublicKey">The peer's uncompressed public key on the same curve.</param>
    /// <param name="sharedSecret">Receives <see cref="NistCurve.SharedSecretSizeInBytes"/> bytes.</param>
    /// <returns><see langword="false"/>, with the destination cleared, when the peer key is not a valid point.</returns>
    /// <exception cref="ArgumentException">A buffer has the wrong size or the buffers overlap.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool Agree(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
        if (peerPublicKey.Length != Curve.PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(peerPublicKey), Curve.PublicKeySizeInBytes);
        if (sharedSecret.Length != Curve.SharedSecretSizeInBytes) CryptoThrowHelper.WrongSize(nameof(sharedSecret), Curve.SharedSecretSizeInBytes);
        if (sharedSecret.Overlaps(peerPublicKey)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        return AgreeCore(peerPublicKey, sharedSecret);
    }

    /// <summary>ECDSA: signs <paramref name="data"/> (hashed with the curve's default hash) into an IEEE P1363 signature.</summary>
    /// <exception cref="ArgumentException">The signature buffer is not <see cref="NistCurve.SignatureSizeInBytes"/> bytes or overlaps the data.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => Sign(data, signature, Curve.DefaultHashAlgorithm);

    /// <summary>ECDSA: signs <paramref name="data"/> hashed with <paramref name="hashAlgorithm"/> into r ‖ s (IEEE P1363).</summary>
    /// <remarks>For a DER signature use <see cref="TrySign(ReadOnlySpan{byte}, Span{byte}, HashAlgorithmName, DSASignatureFormat, out int)"/>: its length varies.</remarks>
    /// <exception cref="ArgumentException">The signature buffer is the wrong size or overlaps the data, or the hash is unknown.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature, HashAlgorithmName hashAlgorithm)
    {
        ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
        ArgumentException.ThrowIfNullOrEmpty(hashAlgorithm.Name, nameof(hashAlgorithm));
        if (signature.Length != Curve.SignatureSizeInBytes) CryptoThrowHelper.WrongSize(nameof(signature), Curve.SignatureSizeInBytes);
        if (signature.Overlaps(data)) CryptoThrowHelper.Overlap(nameof(signature));
        SignCore(data, signature, hashAlgorithm);
    }

    /// <summary>ECDSA with the curve's default hash into the start of <paramref name="destination"/>; see <see cref="TrySign(ReadOnlySpan{byte}, Span{byte}, HashAlgorithmName, out int)"/>.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">The destination overlaps the data.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TrySign(ReadOnlySpan<byte> data, Span<byte> destination, out int bytesWritten) =>
        TrySign(data, destination, Curve.DefaultHashAlgorithm, out bytesWritten);

    /// <summary>
    /// ECDSA: signs <paramref name="data"/> hashed with <paramref name="hashAlgorithm"/> into the first
    /// <see cref="NistCurve.SignatureSizeInBytes"/> bytes of <paramref name="destination"/> (r ‖ s).
    /// </summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">The destination overlaps the data, or the hash is unknown.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TrySign(ReadOnlySpan<byte> data, Span<byte> destination, HashAlgorithmName hashAlgorithm, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
        ArgumentException.ThrowIfNullOrEmpty(hashAlgorithm.Name, nameof(hashAlgorithm));
        if (destination.Length < Curve.SignatureSizeInBytes)
        {
            bytesWritten = 0;
            return false;
        }
        Span<byte> signature = destination[..Curve.SignatureSizeInBytes];
        if (signature.Overlaps(data)) CryptoThrowHelper.Overlap(nameof(destination));
        SignCore(data, signature, hashAlgorithm);
        bytesWritten = signature.Length;
        return true;
    }

    /// <summary>
    /// ECDSA: signs <paramref name="data"/> hashed with <paramref name="hashAlgorithm"/> into the start of
    /// <paramref name="destination"/>, encoded as <paramref name="signatureFormat"/>.
    /// </summary>
    /// <remarks>
    /// The destination must hold <see cref="NistCurve.GetMaxSignatureSize"/> bytes for the format, even though a DER
    /// signature is often a few bytes shorter (r and s lose leading zeros): its exact length is known only after
    /// signing, and a call that returns <see langword="false"/> must not have signed. <paramref name="bytesWritten"/>
    /// gives the length used.
    /// </remarks>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is smaller than the maximum size.</returns>
    /// <exception cref="ArgumentException">The destination overlaps the data, or the hash is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signatureFormat"/> is not a defined value.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TrySign(ReadOnlySpan<byte> data, Span<byte> destination, HashAlgorithmName hashAlgorithm,
        DSASignatureFormat signatureFormat, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
        ArgumentException.ThrowIfNullOrEmpty(hashAlgorithm.Name, nameof(hashAlgorithm));
        int maxSize = Curve.GetMaxSignatureSize(signatureFormat);
        if (destination.Length < maxSize)
        {
            bytesWritten = 0;
            return false;
        }
        Span<byte> signature = destination[..maxSize];
        if (signature.Overlaps(data)) CryptoThrowHelper.Overlap(nameof(destination));
        bytesWritten = SignCore(data, signature, hashAlgorithm, signatureFormat);
        return true;
    }

    /// <summary>ECDSA with the curve's default hash, returning the (public) IEEE P1363 signature.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] Sign(ReadOnlySpan<byte> data) => Sign(data, Curve.DefaultHashAlgorithm);

    /// <summary>ECDSA with <paramref name="hashAlgorithm"/>, returning the (public) IEEE P1363 signature r ‖ s.</summary>
    /// <exception cref="ArgumentException">The hash is unknown.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] Sign(ReadOnlySpan<byte> data, HashAlgorithmName hashAlgorithm)
    {
        ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
        ArgumentException.ThrowIfNullOrEmpty(hashAlgorithm.Name, nameof(hashAlgorithm));
        byte[] signature = new byte[Curve.SignatureSizeInBytes];
        SignCore(data, signature, hashAlgorithm);
        return signature;
    }

    /// <summary>ECDSA with <paramref name="hashAlgorithm"/>, returning the (public) signature encoded as <paramref name="signatureFormat"/>.</summary>
    /// <exception cref="ArgumentException">The hash is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signatureFormat"/> is not a defined value.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] Sign(ReadOnlySpan<byte> data, HashAlgorithmName hashAlgorithm, DSASignatureFormat signatureFormat)
    {
        ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
        ArgumentException.ThrowIfNullOrEmpty(hashAlgorithm.Name, nameof(hashAlgorithm));
        Span<byte> signature = stackalloc byte[Curve.GetMaxSignatureSize(signatureFormat)];
        int written = SignCore(data, signature, hashAlgorithm, signatureFormat);
        return signature[..written].ToArray();
    }

    /// <summary>ECDSA verification of a signature encoded as <paramref name="signatureFormat"/> (IEEE P1363 r ‖ s by default).</summary>
    /// <remarks>
    /// DER (<see cref="DSASignatureFormat.Rfc3279DerSequence"/>) is parsed strictly: BER length forms, redundant
    /// leading zeros, negative integers and trailing bytes give <see langword="false"/>. High-S signatures are accepted.
    /// </remarks>
    /// <param name="curve">The curve.</param>
    /// <param name="publicKey">The signer's uncompressed public key (0x04 ‖ X ‖ Y).</param>
    /// <param name="data">The signed data (hashed here).</param>
    /// <param name="signature">The signature.</param>
    /// <param name="hashAlgorithm">The hash; the curve's <see cref="NistCurve.DefaultHashAlgorithm"/> when default.</param>
    /// <param name="signatureFormat">The signature's encoding.</param>
    /// <returns>
    /// <see langword="false"/> for a wrong signature, a signature that is malformed or of the wrong length for its
    /// format, r or s outside [1, n − 1], or a public key that is not a valid point. Never throws for a signature.
    /// </returns>
    /// <exception cref="ArgumentException">The public key is not <see cref="NistCurve.PublicKeySizeInBytes"/> bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signatureFormat"/> is not a defined value.</exception>
    public static bool Verify(NistCurve curve, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature,
        HashAlgorithmName hashAlgorithm = default, DSASignatureFormat signatureFormat = DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (publicKey.Length != curve.PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(publicKey), curve.PublicKeySizeInBytes);
        if (hashAlgorithm.Name is null) hashAlgorithm = curve.DefaultHashAlgorithm;
        curve.GetMaxSignatureSize(signatureFormat); // validates the format
        Span<byte> rs = stackalloc byte[curve.SignatureSizeInBytes];
        if (signatureFormat == DSASignatureFormat.Rfc3279DerSequence)
        {
            if (!EcdsaDer.TryDecode(signature, curve.CoordinateSizeInBytes, rs)) return false;
        }
        else
        {
            if (signature.Length != curve.SignatureSizeInBytes) return false;
            signature.CopyTo(rs);
        }
        if (!curve.TryPublicParameters(publicKey, out ECParameters parameters)) return false;
        using ECDsa ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(parameters);
        }
        catch (CryptographicException)
        {
            return false; // not a point on the curve
        }
        return ecdsa.VerifyData(data, rs, hashAlgorithm, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Copies the scalar into a new <see cref="Secret"/> the caller owns.</summary>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret ExportPrivateKey(SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        return _d.Clone(options);
    }

    /// <summary>Copies the big-endian scalar into <paramref name="destination"/> (exactly <see cref="NistCurve.ScalarSizeInBytes"/> bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPrivateKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_d.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        if (destination.Length != Curve.ScalarSizeInBytes) CryptoThrowHelper.WrongSize(nameof(destination), Curve.ScalarSizeInBytes);
        using SecretReadLease lease = _d.OpenRead();
        lease.Span.CopyTo(destination);
    }

    /// <summary>Wipes and frees the scalar.</summary>
    public void Dispose() => _d.Dispose();

    /// <summary>Returns the type and curve name only.</summary>
    public override string ToString() => $"EcPrivateKey {Curve.Name}";

    private static EcPrivateKey ImportCore(NistCurve curve, ReadOnlySpan<byte> scalar, SecretOptions? options, KeyExportPolicies exportPolicy)
    {
        byte[] d = GC.AllocateArray<byte>(scalar.Length, pinned: true);
        ECParameters exported = default;
        try
        {
            scalar.CopyTo(d);
            using ECDiffieHellman ecdh = ECDiffieHellman.Create();
            try
            {
                // With Q absent the platform derives the public point from d (OpenSSL does).
                ecdh.ImportParameters(new ECParameters { Curve = curve.Curve, D = d });
            }
            catch (CryptographicException)
            {
                CryptoThrowHelper.InvalidPrivateKey("privateKey");
            }
            exported = ecdh.ExportParameters(includePrivateParameters: false);
            Secret secret = Secret.CopyFrom(scalar, options);
            return new EcPrivateKey(curve, secret, Encode(curve, exported.Q), exportPolicy);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    private bool AgreeCore(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        if (!Curve.TryPublicParameters(peerPublicKey, out ECParameters peerParameters))
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
            return false;
        }
        using ECDiffieHellman peer = ECDiffieHellman.Create();
        try
        {
            peer.ImportParameters(peerParameters);
        }
        catch (CryptographicException)
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
            return false; // not on the curve
        }
        byte[] d = GC.AllocateArray<byte>(Curve.ScalarSizeInBytes, pinned: true);
        byte[]? z = null;
        try
        {
            using (SecretReadLease lease = _d.OpenRead()) lease.Span.CopyTo(d);
            using ECDiffieHellman mine = ECDiffieHellman.Create();
            mine.ImportParameters(new ECParameters { Curve = Curve.Curve, D = d, Q = PublicPoint() });
            using ECDiffieHellmanPublicKey peerKey = peer.PublicKey;
            z = mine.DeriveRawSecretAgreement(peerKey);
            z.CopyTo(sharedSecret);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
            if (z is not null) CryptographicOperations.ZeroMemory(z);
        }
    }

    private void SignCore(ReadOnlySpan<byte> data, Span<byte> signature, HashAlgorithmName hashAlgorithm)
    {
        int written = SignCore(data, signature, hashAlgorithm, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        Debug.Assert(written == signature.Length);
    }

    /// <summary>Signs into <paramref name="signature"/> (at least the format's maximum size); returns the bytes written.</summary>
    private int SignCore(ReadOnlySpan<byte> data, Span<byte> signature, HashAlgorithmName hashAlgorithm, DSASignatureFormat format)
    {
        Debug.Assert(signature.Length >= Curve.GetMaxSignatureSize(format));
        byte[] d = GC.AllocateArray<byte>(Curve.ScalarSizeInBytes, pinned: true);
        try
        {
            using (SecretReadLease lease = _d.OpenRead()) lease.Span.CopyTo(d);
            using ECDsa ecdsa = ECDsa.Create();
            ecdsa.ImportParameters(new ECParameters { Curve = Curve.Curve, D = d, Q = PublicPoint() });
            // The BCL writes DER itself (System.Formats.Asn1 in DER mode: minimal INTEGERs and lengths).
            bool done = ecdsa.TrySignData(data, signature, hashAlgorithm, format, out int written);
            Debug.Assert(done);
            return written;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    private ECPoint PublicPoint()
    {
        int n = Curve.CoordinateSizeInBytes;
        return new ECPoint { X = _publicKey.AsSpan(1, n).ToArray(), Y = _publicKey.AsSpan(1 + n, n).ToArray() };
    }

    private static byte[] Encode(NistCurve curve, ECPoint q)
    {
        int n = curve.CoordinateSizeInBytes;
        byte[] encoded = new byte[1 + 2 * n];
        encoded[0] = 0x04;
        // The BCL exports fixed-size coordinates; right-align defensively in case a platform trims leading zeros.
        q.X.AsSpan().CopyTo(encoded.AsSpan(1 + n - q.X!.Length, q.X.Length));
        q.Y.AsSpan().CopyTo(encoded.AsSpan(1 + 2 * n - q.Y!.Length, q.Y.Length));
        return encoded;
    }
}
