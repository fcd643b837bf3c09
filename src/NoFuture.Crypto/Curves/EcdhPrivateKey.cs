// ECDH (SEC1 §3.3.1) on P-256/384/521 through the BCL, with the private scalar kept in a NoFuture.Memory Secret between
// operations. (ECDSA is SignatureAlgorithm's: Signatures/EcdsaAlgorithm.cs.)
// The BCL has no way to hand OpenSSL a scalar except ECParameters.D, a byte[]. Every operation therefore (1) copies d
// from the Secret into a pinned array (pinned so the GC cannot leave a moved copy behind), (2) imports it into a
// short-lived ECDiffieHellman, which copies it into OpenSSL's EVP_PKEY (OpenSSL's heap: not locked, not excluded from
// dumps; freed when the BCL object is disposed), and (3) wipes the array in finally, at once. The ECDH result arrives
// from DeriveRawSecretAgreement as a byte[]; it is copied into the caller's span and wiped at once.
// Generate lets OpenSSL pick d and exports it through ExportParameters: that D array is allocated by the BCL (not
// pinned, so a GC in the few instructions before the wipe could leave a moved copy); it is wiped in finally. Callers
// who want only pinned copies can draw d into a Secret themselves (rejecting 0 and d ≥ n) and use Import.
// Peer keys that are not valid points (wrong prefix, not on the curve, identity) make Agree return false (data from
// the network, not misuse); buffers of the wrong length throw.
// Export: the public key always (exact span, Try, array); the scalar only for keys created with
// KeyExportPolicies.AllowPlaintextExport, into a span or a new Secret.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// A P-256, P-384 or P-521 private key held in secret memory, for ECDH (<see cref="Agree"/>). Dispose it to wipe the
/// scalar. For ECDSA use <see cref="SignatureAlgorithm.EcdsaP256Sha256"/> and its siblings.
/// </summary>
/// <remarks>
/// Each operation imports the scalar into a BCL key object for the duration of the call: the BCL copies it into
/// OpenSSL's memory (not locked, not excluded from dumps) and frees it when the call ends; the one managed copy the
/// BCL requires (<c>ECParameters.D</c>) is a pinned array wiped in <c>finally</c>. A generated key is exported from
/// OpenSSL the same way, and the exported array is wiped at once.
/// </remarks>
[DebuggerDisplay("EcdhPrivateKey {Curve.Name}")]
public sealed class EcdhPrivateKey : IDisposable
{
    private readonly Secret _d;
    private readonly byte[] _publicKey;

    private EcdhPrivateKey(NistCurve curve, Secret d, byte[] publicKey, KeyExportPolicies exportPolicy)
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
    public static EcdhPrivateKey Generate(NistCurve curve, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(curve);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        Secret d = curve.GenerateScalar(options, out byte[] publicKey);
        return new EcdhPrivateKey(curve, d, publicKey, exportPolicy);
    }

    /// <summary>Imports the big-endian scalar held in <paramref name="privateKey"/> (copied; the secret is left as it is).</summary>
    /// <exception cref="ArgumentException">The secret is not <see cref="NistCurve.ScalarSizeInBytes"/> bytes.</exception>
    /// <exception cref="CryptoException">The scalar is 0 or not below the group order (<see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static EcdhPrivateKey Import(NistCurve curve, Secret privateKey, SecretOptions? options = null,
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
    public static EcdhPrivateKey Import(NistCurve curve, ReadOnlySpan<byte> privateKey, SecretOptions? options = null,
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
    public override string ToString() => $"EcdhPrivateKey {Curve.Name}";

    private static EcdhPrivateKey ImportCore(NistCurve curve, ReadOnlySpan<byte> scalar, SecretOptions? options, KeyExportPolicies exportPolicy)
    {
        byte[] publicKey = curve.DerivePublicKey(scalar, "privateKey");
        return new EcdhPrivateKey(curve, Secret.CopyFrom(scalar, options), publicKey, exportPolicy);
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

    private ECPoint PublicPoint() => Curve.DecodePoint(_publicKey);
}
