// A private signing key of any SignatureAlgorithm. The private part lives in one Secret the key owns, laid out by the
// algorithm with the exportable private key (the RFC 8032 seed, the ECDSA scalar) first, followed by whatever makes
// signing cheaper (libsodium's seed ‖ public key for Ed25519; s mod L ‖ prefix for Ed448). The public key, not secret,
// is an ordinary array.
// This class validates (disposal, sizes, overlap, context, export policy) and the internal subclasses in
// Signatures/ compute; a Try method that returns false has written nothing.
using System.Diagnostics;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// A private key of a <see cref="SignatureAlgorithm"/> held in secret memory, with its public key. Dispose it to wipe
/// the key. Create one with <see cref="SignatureAlgorithm.GenerateKey"/> or
/// <see cref="SignatureAlgorithm.ImportPrivateKey(ReadOnlySpan{byte}, SecretOptions?, KeyExportPolicies)"/>.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> shows the algorithm only; there is no accessor that returns the private key as an array, and
/// <see cref="ExportPrivateKey(SecretOptions?)"/> works only for keys created with
/// <see cref="KeyExportPolicies.AllowPlaintextExport"/>. ECDSA signing copies the scalar into OpenSSL for the duration
/// of each call (see the README's ECDSA passage). Signing is safe from several threads at once.
/// </remarks>
[DebuggerDisplay("SigningKey {Algorithm.Name}")]
public abstract class SigningKey : IDisposable
{
    private readonly Secret _key;
    private readonly byte[] _publicKey;

    private protected SigningKey(SignatureAlgorithm algorithm, Secret key, byte[] publicKey, KeyExportPolicies exportPolicy)
    {
        Debug.Assert(publicKey.Length == algorithm.PublicKeySizeInBytes && key.Length >= algorithm.PrivateKeySizeInBytes);
        Algorithm = algorithm;
        ExportPolicy = exportPolicy;
        _key = key;
        _publicKey = publicKey;
    }

    /// <summary>The key's algorithm.</summary>
    public SignatureAlgorithm Algorithm { get; }

    /// <summary>The private-key exports this key allows, fixed at creation.</summary>
    public KeyExportPolicies ExportPolicy { get; }

    /// <summary>The public key (<see cref="SignatureAlgorithm.PublicKeySizeInBytes"/> bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public ReadOnlySpan<byte> PublicKey
    {
        get
        {
            ThrowIfDisposed();
            return _publicKey;
        }
    }

    /// <summary>The secret the subclass signs with (its layout is the subclass's).</summary>
    private protected Secret Key => _key;

    /// <summary>The public key, without the disposal check (subclasses call this after it).</summary>
    private protected ReadOnlySpan<byte> PublicKeyBytes => _publicKey;

    /// <summary>Writes the public key into <paramref name="destination"/> (exactly <see cref="SignatureAlgorithm.PublicKeySizeInBytes"/> bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPublicKey(Span<byte> destination)
    {
        ThrowIfDisposed();
        if (destination.Length != _publicKey.Length) CryptoThrowHelper.WrongSize(nameof(destination), _publicKey.Length);
        _publicKey.CopyTo(destination);
    }

    /// <summary>Writes the public key into the start of <paramref name="destination"/> if it is large enough.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TryExportPublicKey(Span<byte> destination, out int bytesWritten)
    {
        ThrowIfDisposed();
        return KeyExport.TryCopyPublic(_publicKey, destination, out bytesWritten);
    }

    /// <summary>Returns a copy of the public key.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] ExportPublicKey()
    {
        ThrowIfDisposed();
        return (byte[])_publicKey.Clone();
    }

    /// <summary>Copies the private key (<see cref="SignatureAlgorithm.PrivateKeySizeInBytes"/> bytes) into a new <see cref="Secret"/> the caller owns.</summary>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret ExportPrivateKey(SecretOptions? options = null)
    {
        ThrowIfDisposed();
        KeyExport.Demand(ExportPolicy);
        using SecretReadLease lease = _key.OpenRead();
        return Secret.CopyFrom(lease.Span[..Algorithm.PrivateKeySizeInBytes], options);
    }

    /// <summary>
    /// Copies the private key into <paramref name="destination"/> (exactly <see cref="SignatureAlgorithm.PrivateKeySizeInBytes"/>
    /// bytes, typically a write lease's span).
    /// </summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPrivateKey(Span<byte> destination)
    {
        ThrowIfDisposed();
        KeyExport.Demand(ExportPolicy);
        int size = Algorithm.PrivateKeySizeInBytes;
        if (destination.Length != size) CryptoThrowHelper.WrongSize(nameof(destination), size);
        using SecretReadLease lease = _key.OpenRead();
        lease.Span[..size].CopyTo(destination);
    }

    /// <summary>Signs <paramref name="message"/> (with an empty context) and returns the (public) signature.</summary>
    /// <remarks>
    /// This form takes no context on purpose: a <c>Sign(message, context)</c> overload would be chosen for
    /// <c>Sign(message, byte[] destination)</c> (C# prefers the conversion to <see cref="ReadOnlySpan{T}"/>) and
    /// silently sign under the destination as context. To sign with a context use
    /// <see cref="Sign(ReadOnlySpan{byte}, Span{byte}, ReadOnlySpan{byte})"/> or <see cref="TrySign"/>.
    /// </remarks>
    /// <param name="message">The message.</param>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        ThrowIfDisposed();
        int size = Algorithm.SignatureSizeInBytes;
        if (IsFixedSize)
        {
            byte[] signature = new byte[size];
            SignCore(message, default, signature);
            return signature;
        }
        Span<byte> buffer = stackalloc byte[size];
        int written = SignCore(message, default, buffer);
        return buffer[..written].ToArray();
    }

    /// <summary>
    /// Signs <paramref name="message"/> into the start of <paramref name="destination"/>, which must hold
    /// <see cref="SignatureAlgorithm.SignatureSizeInBytes"/> bytes (for DER ECDSA the maximum, although the signature
    /// is often shorter: its length is known only after signing).
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">
    /// The destination is too small or overlaps the message or context; the context is not empty and the algorithm
    /// takes none, or it is longer than 255 bytes.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public int Sign(ReadOnlySpan<byte> message, Span<byte> destination, ReadOnlySpan<byte> context = default)
    {
        ThrowIfDisposed();
        Algorithm.CheckContext(context, nameof(context));
        int size = Algorithm.SignatureSizeInBytes;
        if (destination.Length < size) CryptoThrowHelper.TooSmall(nameof(destination), size);
        Span<byte> signature = destination[..size];
        CheckOverlap(message, signature, context, nameof(destination));
        return SignCore(message, context, signature);
    }

    /// <summary>
    /// Signs <paramref name="message"/> into the start of <paramref name="destination"/> if it holds
    /// <see cref="SignatureAlgorithm.SignatureSizeInBytes"/> bytes.
    /// </summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">
    /// The destination overlaps the message or context; the context is not empty and the algorithm takes none, or it is
    /// longer than 255 bytes.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TrySign(ReadOnlySpan<byte> message, Span<byte> destination, out int bytesWritten, ReadOnlySpan<byte> context = default)
    {
        ThrowIfDisposed();
        Algorithm.CheckContext(context, nameof(context));
        int size = Algorithm.SignatureSizeInBytes;
        if (destination.Length < size)
        {
            bytesWritten = 0;
            return false;
        }
        Span<byte> signature = destination[..size];
        CheckOverlap(message, signature, context, nameof(destination));
        bytesWritten = SignCore(message, context, signature);
        return true;
    }

    /// <summary>Wipes and frees the private key.</summary>
    public void Dispose()
    {
        _key.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Returns the type and algorithm name only.</summary>
    public override string ToString() => $"SigningKey {Algorithm.Name}";

    /// <summary>Whether every signature has exactly <see cref="SignatureAlgorithm.SignatureSizeInBytes"/> bytes.</summary>
    private protected virtual bool IsFixedSize => true;

    /// <summary>
    /// Signs into <paramref name="signature"/> (exactly the maximum size, not overlapping the inputs, context checked);
    /// returns the bytes written. On failure it leaves <paramref name="signature"/> cleared.
    /// </summary>
    private protected abstract int SignCore(ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, Span<byte> signature);

    private protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_key.IsDisposed, this);

    private static void CheckOverlap(ReadOnlySpan<byte> message, Span<byte> signature, ReadOnlySpan<byte> context, string paramName)
    {
        // Ed25519 and Ed448 write R before hashing M (and C) for k, so an overlap would sign other bytes than the caller's.
        if (signature.Overlaps(message) || signature.Overlaps(context)) CryptoThrowHelper.Overlap(paramName);
    }
}
