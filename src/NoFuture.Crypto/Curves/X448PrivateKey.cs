// An X448 key pair object (RFC 7748, Curve448): the 56-byte scalar in a NoFuture.Memory Secret the key owns, and the public
// key (not secret) in an ordinary array. See X448.cs for the low-order-point policy.
// Export: the public key always (exact span, Try, array); the scalar only when the key was created with
// KeyExportPolicies.AllowPlaintextExport, and only into a span or a new Secret.
using System.Diagnostics;
using NoFuture.Memory;

namespace NoFuture.Crypto.Curves;

/// <summary>
/// An X448 private key held in secret memory, with its public key. Dispose it to wipe the scalar.
/// </summary>
/// <remarks>
/// The scalar never leaves secret memory: <see cref="ExportPrivateKey(SecretOptions?)"/> copies it into another
/// <see cref="Secret"/> (or a caller's span), never into an array, and only when the key was created with
/// <see cref="KeyExportPolicies.AllowPlaintextExport"/>. <see cref="ToString"/> shows no key material.
/// </remarks>
[DebuggerDisplay("X448PrivateKey")]
public sealed class X448PrivateKey : IDisposable
{
    private readonly Secret _scalar;
    private readonly byte[] _publicKey = new byte[X448.PublicKeySizeInBytes];

    private X448PrivateKey(Secret scalar, KeyExportPolicies exportPolicy)
    {
        _scalar = scalar;
        ExportPolicy = exportPolicy;
        X448.DerivePublicKey(scalar, _publicKey);
    }

    /// <summary>The private-key exports this key allows, fixed at creation.</summary>
    public KeyExportPolicies ExportPolicy { get; }

    /// <summary>The public key (u-coordinate, 56 bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public ReadOnlySpan<byte> PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
            return _publicKey;
        }
    }

    /// <summary>Generates a key from the OS CSPRNG, written straight into secret memory.</summary>
    /// <param name="options">Secret-memory options; <see cref="SecretOptions.Default"/> when null.</param>
    /// <param name="exportPolicy">Whether the scalar may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static X448PrivateKey Generate(SecretOptions? options = null, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return Own(X448.GeneratePrivateKey(options), exportPolicy);
    }

    /// <summary>Imports a 56-byte scalar by copying it from <paramref name="privateKey"/> (left as it is).</summary>
    /// <exception cref="ArgumentException">The secret is not 56 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static X448PrivateKey Import(Secret privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != X448.PrivateKeySizeInBytes)
            CryptoThrowHelper.WrongSecretSize(nameof(privateKey), X448.PrivateKeySizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return Own(privateKey.Clone(options), exportPolicy);
    }

    /// <summary>
    /// Imports a 56-byte scalar by copying it from <paramref name="privateKey"/> (for example another lease). The
    /// caller remains responsible for wiping its own copy.
    /// </summary>
    /// <exception cref="ArgumentException">The span is not 56 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static X448PrivateKey Import(ReadOnlySpan<byte> privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        if (privateKey.Length != X448.PrivateKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(privateKey), X448.PrivateKeySizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return Own(Secret.CopyFrom(privateKey, options), exportPolicy);
    }

    /// <summary>Copies the public key into <paramref name="destination"/> (exactly 56 bytes); the same as <see cref="ExportPublicKey(Span{byte})"/>.</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void CopyPublicKeyTo(Span<byte> destination) => ExportPublicKey(destination);

    /// <summary>Writes the public key into <paramref name="destination"/> (exactly 56 bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPublicKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        if (destination.Length != X448.PublicKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(destination), X448.PublicKeySizeInBytes);
        _publicKey.CopyTo(destination);
    }

    /// <summary>Writes the public key into the start of <paramref name="destination"/> if it holds at least 56 bytes.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TryExportPublicKey(Span<byte> destination, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        return KeyExport.TryCopyPublic(_publicKey, destination, out bytesWritten);
    }

    /// <summary>Returns a copy of the public key (56 bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] ExportPublicKey()
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        return (byte[])_publicKey.Clone();
    }

    /// <summary>
    /// Computes the shared secret with <paramref name="peerPublicKey"/> into <paramref name="sharedSecret"/>
    /// (typically a write lease's span).
    /// </summary>
    /// <returns><see langword="false"/> (destination all zero) when the peer point has small order.</returns>
    /// <exception cref="ArgumentException">A buffer has the wrong size or the buffers overlap.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool Agree(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        return X448.Agree(_scalar, peerPublicKey, sharedSecret);
    }

    /// <summary>Copies the private scalar into a new <see cref="Secret"/> the caller owns.</summary>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret ExportPrivateKey(SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        return _scalar.Clone(options);
    }

    /// <summary>Copies the private scalar into <paramref name="destination"/> (exactly 56 bytes, typically a write lease's span).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPrivateKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        if (destination.Length != X448.PrivateKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(destination), X448.PrivateKeySizeInBytes);
        using SecretReadLease lease = _scalar.OpenRead();
        lease.Span.CopyTo(destination);
    }

    /// <summary>Wipes and frees the private scalar.</summary>
    public void Dispose() => _scalar.Dispose();

    /// <summary>Returns the type name only.</summary>
    public override string ToString() => nameof(X448PrivateKey);

    private static X448PrivateKey Own(Secret scalar, KeyExportPolicies exportPolicy)
    {
        try
        {
            return new X448PrivateKey(scalar, exportPolicy);
        }
        catch
        {
            scalar.Dispose();
            throw;
        }
    }
}
