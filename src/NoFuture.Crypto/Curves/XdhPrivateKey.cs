// What an X25519 or X448 key pair object does, written once (RFC 7748 keys differ only in their function and size):
// the scalar in a NoFuture.Memory Secret the key owns, the public key (not secret) in an ordinary array. See X25519.cs
// and X448.cs for the low-order-point policy.
// Export: the public key always (exact span, Try, array); the scalar only when the key was created with
// KeyExportPolicies.AllowPlaintextExport, and only into a span or a new Secret.
// The constructor is private protected: the two curves are the only kinds; they add their static factories.
using NoFuture.Crypto.Curves.Xdh;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An RFC 7748 private key (<see cref="X25519PrivateKey"/> or <see cref="X448PrivateKey"/>) held in secret memory, with
/// its public key. Dispose it to wipe the scalar.
/// </summary>
/// <remarks>
/// The scalar never leaves secret memory: <see cref="ExportPrivateKey(SecretOptions?)"/> copies it into another
/// <see cref="Secret"/> (or a caller's span), never into an array, and only when the key was created with
/// <see cref="KeyExportPolicies.AllowPlaintextExport"/>. <see cref="ToString"/> shows no key material.
/// </remarks>
public abstract class XdhPrivateKey : IDisposable
{
    private readonly Secret _scalar;
    private readonly byte[] _publicKey;

    /// <summary>Takes ownership of <paramref name="scalar"/> (already checked for size) and its public key.</summary>
    private protected XdhPrivateKey(Secret scalar, byte[] publicKey, KeyExportPolicies exportPolicy)
    {
        _scalar = scalar;
        _publicKey = publicKey;
        ExportPolicy = exportPolicy;
    }

    /// <summary>The private-key exports this key allows, fixed at creation.</summary>
    public KeyExportPolicies ExportPolicy { get; }

    /// <summary>The size of the scalar, the public key and the shared secret: 32 bytes (X25519) or 56 (X448).</summary>
    public int KeySizeInBytes => _publicKey.Length;

    /// <summary>The public key (the u-coordinate, <see cref="KeySizeInBytes"/> bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public ReadOnlySpan<byte> PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
            return _publicKey;
        }
    }


    /// <summary>Writes the public key into <paramref name="destination"/> (exactly <see cref="KeySizeInBytes"/> bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPublicKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        if (destination.Length != _publicKey.Length) CryptoThrowHelper.WrongSize(nameof(destination), _publicKey.Length);
        _publicKey.CopyTo(destination);
    }

    /// <summary>Writes the public key into the start of <paramref name="destination"/> if it holds at least <see cref="KeySizeInBytes"/> bytes.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TryExportPublicKey(Span<byte> destination, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        return KeyExport.TryCopyPublic(_publicKey, destination, out bytesWritten);
    }

    /// <summary>Returns a copy of the public key (<see cref="KeySizeInBytes"/> bytes).</summary>
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
        return Agree(_scalar, peerPublicKey, sharedSecret);
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

    /// <summary>Copies the private scalar into <paramref name="destination"/> (exactly <see cref="KeySizeInBytes"/> bytes, typically a write lease's span).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPrivateKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        if (destination.Length != _scalar.Length) CryptoThrowHelper.WrongSize(nameof(destination), _scalar.Length);
        using SecretReadLease lease = _scalar.OpenRead();
        lease.Span.CopyTo(destination);
    }

    /// <summary>Opens the private scalar for reading, for this library's own algorithms (XEdDSA signs with it).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    internal SecretReadLease OpenScalar()
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        return _scalar.OpenRead();
    }

    /// <summary>A new secret holding a copy of the scalar, for a copy of this key (no export policy applies: the copy
    /// is a key object with this key's own policy).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    private protected Secret CloneScalar()
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        return _scalar.Clone();
    }

    /// <summary>Wipes and frees the private scalar.</summary>
    public void Dispose()
    {
        _scalar.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Returns the type name only.</summary>
    public override string ToString() => GetType().Name;

    /// <summary>The curve's key agreement (checked form).</summary>
    private protected abstract bool Agree(Secret scalar, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret);

    /// <summary>
    /// A new key of the curve <typeparamref name="T"/> over <paramref name="scalar"/>, which the key then owns; the
    /// scalar is disposed if that fails. <paramref name="make"/> is the curve's constructor.
    /// </summary>
    private protected static TKey Own<T, TKey>(Secret scalar, KeyExportPolicies exportPolicy, Func<Secret, byte[], KeyExportPolicies, TKey> make)
        where T : IXdhFunction
        where TKey : XdhPrivateKey
    {
        try
        {
            byte[] publicKey = new byte[T.KeySize];
            Xdh<T>.DerivePublicKey(scalar, publicKey);
            return make(scalar, publicKey, exportPolicy);
        }
        catch
        {
            scalar.Dispose();
            throw;
        }
    }

    /// <summary>Import from a secret: the size and policy checks, then a copy the key owns.</summary>
    private protected static TKey Import<T, TKey>(Secret privateKey, SecretOptions? options, KeyExportPolicies exportPolicy,
        Func<Secret, byte[], KeyExportPolicies, TKey> make)
        where T : IXdhFunction
        where TKey : XdhPrivateKey
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != T.KeySize) CryptoThrowHelper.WrongSecretSize(nameof(privateKey), T.KeySize);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return Own<T, TKey>(privateKey.Clone(options), exportPolicy, make);
    }

    /// <summary>Import from a span: the size and policy checks, then a copy the key owns.</summary>
    private protected static TKey Import<T, TKey>(ReadOnlySpan<byte> privateKey, SecretOptions? options, KeyExportPolicies exportPolicy,
        Func<Secret, byte[], KeyExportPolicies, TKey> make)
        where T : IXdhFunction
        where TKey : XdhPrivateKey
    {
        if (privateKey.Length != T.KeySize) CryptoThrowHelper.WrongSize(nameof(privateKey), T.KeySize);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return Own<T, TKey>(Secret.CopyFrom(privateKey, options), exportPolicy, make);
    }

    /// <summary>Generate: the policy check, then a random scalar written straight into secret memory.</summary>
    private protected static TKey Generate<T, TKey>(SecretOptions? options, KeyExportPolicies exportPolicy,
        Func<Secret, byte[], KeyExportPolicies, TKey> make)
        where T : IXdhFunction
        where TKey : XdhPrivateKey
    {
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return Own<T, TKey>(Xdh<T>.GeneratePrivateKey(options), exportPolicy, make);
    }
}
