// An Ed448 signing key (RFC 8032 §5.2.5): one Secret the key owns holding the 57-byte seed (the RFC's private key, the
// only exportable part) followed by the expanded key, s mod L (56 bytes) ‖ prefix (57 bytes), so signing re-derives
// nothing. The public key (not secret) is an ordinary array.
// Export: the public key always (exact span, Try, array); the seed only when the key was created with
// KeyExportPolicies.AllowPlaintextExport, and only into a span or a new Secret.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Curves.Curve448;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>An Ed448 private key held in secret memory, with its public key. Dispose it to wipe the key.</summary>
/// <remarks>
/// Signing is constant time in the key and the secret nonce. <see cref="ToString"/> shows no key material; there is
/// no accessor that returns the seed as an array, and <see cref="ExportPrivateKey(SecretOptions?)"/> works only for
/// keys created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.
/// </remarks>
[DebuggerDisplay("Ed448PrivateKey")]
public sealed class Ed448PrivateKey : IDisposable
{
    private const int SeedSize = Ed448Core.SeedSize;

    private readonly Secret _key; // seed (57) ‖ s mod L (56) ‖ prefix (57)
    private readonly byte[] _publicKey = new byte[Ed448.PublicKeySizeInBytes];

    private Ed448PrivateKey(ReadOnlySpan<byte> seed, SecretOptions? options, KeyExportPolicies exportPolicy)
    {
        ExportPolicy = exportPolicy;
        _key = Secret.Allocate(SeedSize + Ed448Core.ExpandedSize, options);
        try
        {
            using SecretWriteLease lease = _key.OpenWrite();
            seed.CopyTo(lease.Span);
            Ed448Core.ExpandSeed(seed, lease.Span[SeedSize..], _publicKey);
        }
        catch
        {
            _key.Dispose();
            throw;
        }
    }

    /// <summary>The public key (57 bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public ReadOnlySpan<byte> PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
            return _publicKey;
        }
    }

    /// <summary>The private-key exports this key allows, fixed at creation.</summary>
    public KeyExportPolicies ExportPolicy { get; }

    /// <summary>Generates a key from a random 57-byte seed drawn from the OS CSPRNG into secret memory.</summary>
    /// <param name="options">Secret-memory options; <see cref="SecretOptions.Default"/> when null.</param>
    /// <param name="exportPolicy">Whether the seed may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static Ed448PrivateKey Generate(SecretOptions? options = null, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        using Secret seed = Secret.CreateRandom(SeedSize, options);
        using SecretReadLease lease = seed.OpenRead();
        return new Ed448PrivateKey(lease.Span, options, exportPolicy);
    }

    /// <summary>Imports the 57-byte private key (seed) held in <paramref name="privateKey"/> (left as it is).</summary>
    /// <exception cref="ArgumentException">The secret is not 57 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static Ed448PrivateKey Import(Secret privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != SeedSize) CryptoThrowHelper.WrongSecretSize(nameof(privateKey), SeedSize);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        using SecretReadLease lease = privateKey.OpenRead();
        return new Ed448PrivateKey(lease.Span, options, exportPolicy);
    }

    /// <summary>
    /// Imports a 57-byte private key (seed) from <paramref name="privateKey"/> (for example another lease). The caller
    /// remains responsible for wiping its own copy.
    /// </summary>
    /// <exception cref="ArgumentException">The span is not 57 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static Ed448PrivateKey Import(ReadOnlySpan<byte> privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        if (privateKey.Length != SeedSize) CryptoThrowHelper.WrongSize(nameof(privateKey), SeedSize);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return new Ed448PrivateKey(privateKey, options, exportPolicy);
    }

    /// <summary>Writes the public key into <paramref name="destination"/> (exactly 57 bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPublicKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        if (destination.Length != Ed448.PublicKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(destination), Ed448.PublicKeySizeInBytes);
        _publicKey.CopyTo(destination);
    }

    /// <summary>Writes the public key into the start of <paramref name="destination"/> if it holds at least 57 bytes.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TryExportPublicKey(Span<byte> destination, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        return KeyExport.TryCopyPublic(_publicKey, destination, out bytesWritten);
    }

    /// <summary>Returns a copy of the public key (57 bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] ExportPublicKey()
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        return (byte[])_publicKey.Clone();
    }

    /// <summary>Signs <paramref name="message"/> with Ed448 into <paramref name="signature"/> (exactly 114 bytes).</summary>
    /// <param name="message">The message.</param>
    /// <param name="signature">Receives the signature.</param>
    /// <param name="context">The context string (0–255 bytes; empty by default), which the verifier must also pass.</param>
    /// <exception cref="ArgumentException">
    /// The signature buffer is not 114 bytes or overlaps the message or context, or the context is longer than 255 bytes.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature, ReadOnlySpan<byte> context = default)
    {
        CheckSign(message, signature, context, nameof(signature));
        SignCore(0, message, context, signature);
    }

    /// <summary>Signs <paramref name="message"/> with Ed448 into the start of <paramref name="destination"/> if it holds at least 114 bytes.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">The destination overlaps the message or context, or the context is longer than 255 bytes.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TrySign(ReadOnlySpan<byte> message, Span<byte> destination, out int bytesWritten, ReadOnlySpan<byte> context = default)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        Ed448.CheckContext(context, nameof(context));
        if (destination.Length < Ed448.SignatureSizeInBytes)
        {
            bytesWritten = 0;
            return false;
        }
        Span<byte> signature = destination[..Ed448.SignatureSizeInBytes];
        CheckSign(message, signature, context, nameof(destination));
        SignCore(0, message, context, signature);
        bytesWritten = Ed448.SignatureSizeInBytes;
        return true;
    }

    /// <summary>Signs <paramref name="message"/> with Ed448 (no context) and returns the (public) signature.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        byte[] signature = new byte[Ed448.SignatureSizeInBytes];
        SignCore(0, message, default, signature);
        return signature;
    }

    /// <summary>
    /// Signs with Ed448ph: hashes <paramref name="message"/> to SHAKE256(M, 64) and signs that with the pre-hash flag
    /// set (RFC 8032 §5.2). Verify with <see cref="Ed448.VerifyPrehashed"/>.
    /// </summary>
    /// <param name="message">The whole message (this method hashes it).</param>
    /// <param name="signature">Receives the signature (exactly 114 bytes).</param>
    /// <param name="context">The context string (0–255 bytes; empty by default).</param>
    /// <exception cref="ArgumentException">
    /// The signature buffer is not 114 bytes or overlaps the message or context, or the context is longer than 255 bytes.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void SignPrehashed(ReadOnlySpan<byte> message, Span<byte> signature, ReadOnlySpan<byte> context = default)
    {
        CheckSign(message, signature, context, nameof(signature));
        Span<byte> ph = stackalloc byte[Ed448Core.PrehashSize];
        Ed448Core.Prehash(message, ph);
        SignCore(1, ph, context, signature);
    }

    /// <summary>Signs with Ed448ph (no context) and returns the (public) signature.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] SignPrehashed(ReadOnlySpan<byte> message)
    {
        byte[] signature = new byte[Ed448.SignatureSizeInBytes];
        SignPrehashed(message, signature);
        return signature;
    }

    /// <summary>Copies the 57-byte private key (seed) into a new <see cref="Secret"/> the caller owns.</summary>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret ExportPrivateKey(SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        using SecretReadLease lease = _key.OpenRead();
        return Secret.CopyFrom(lease.Span[..SeedSize], options);
    }

    /// <summary>Copies the 57-byte private key (seed) into <paramref name="destination"/> (exactly 57 bytes, typically a write lease's span).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPrivateKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        if (destination.Length != SeedSize) CryptoThrowHelper.WrongSize(nameof(destination), SeedSize);
        using SecretReadLease lease = _key.OpenRead();
        lease.Span[..SeedSize].CopyTo(destination);
    }

    /// <summary>Wipes and frees the key.</summary>
    public void Dispose() => _key.Dispose();

    /// <summary>Returns the type name only.</summary>
    public override string ToString() => nameof(Ed448PrivateKey);

    private void CheckSign(ReadOnlySpan<byte> message, Span<byte> signature, ReadOnlySpan<byte> context, string paramName)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        if (signature.Length != Ed448.SignatureSizeInBytes) CryptoThrowHelper.WrongSize(paramName, Ed448.SignatureSizeInBytes);
        Ed448.CheckContext(context, nameof(context));
        // R is written before k is hashed over M and C, so an overlap would sign other bytes than the caller's.
        if (signature.Overlaps(message) || signature.Overlaps(context)) CryptoThrowHelper.Overlap(paramName);
    }

    private void SignCore(byte phflag, ReadOnlySpan<byte> phM, ReadOnlySpan<byte> context, Span<byte> signature)
    {
        using SecretReadLease lease = _key.OpenRead();
        try
        {
            Ed448Core.Sign(lease.Span[SeedSize..], _publicKey, phflag, context, phM, signature);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(signature);
            throw;
        }
    }
}
