// An Ed25519 signing key (RFC 8032 §5.1.5): libsodium's 64-byte expanded form (seed ‖ public key) in a Secret the key
// owns. The seed is the exportable private key; it is only ever copied into another Secret or a caller's span, and
// only when the key was created with KeyExportPolicies.AllowPlaintextExport.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Interop;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>An Ed25519 private key held in secret memory, with its public key. Dispose it to wipe the key.</summary>
/// <remarks>
/// <see cref="ToString"/> shows no key material; there is no accessor that returns the seed as an array, and
/// <see cref="ExportPrivateKey(SecretOptions?)"/> works only for keys created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.
/// </remarks>
[DebuggerDisplay("Ed25519PrivateKey")]
public sealed unsafe class Ed25519PrivateKey : IDisposable
{
    private readonly Secret _expanded; // seed ‖ public key, 64 bytes
    private readonly byte[] _publicKey = new byte[Ed25519.PublicKeySizeInBytes];

    private Ed25519PrivateKey(ReadOnlySpan<byte> seed, SecretOptions? options, KeyExportPolicies exportPolicy)
    {
        ExportPolicy = exportPolicy;
        _expanded = Secret.Allocate(Sodium.Ed25519SecretKeyBytes, options);
        try
        {
            Sodium.EnsureInitialized();
            using SecretWriteLease lease = _expanded.OpenWrite();
            // SAFETY: seed is 32 bytes (checked by every caller), the lease span is 64 bytes and _publicKey 32,
            // exactly what crypto_sign_ed25519_seed_keypair reads and writes; all are pinned for the call.
            fixed (byte* s = seed)
            fixed (byte* sk = lease.Span)
            fixed (byte* pk = _publicKey)
            {
                if (Sodium.CryptoSignEd25519SeedKeypair(pk, sk, s) != 0)
                    CryptoThrowHelper.NativeFailed("crypto_sign_ed25519_seed_keypair");
            }
        }
        catch
        {
            _expanded.Dispose();
            throw;
        }
    }

    /// <summary>The public key (32 bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public ReadOnlySpan<byte> PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_expanded.IsDisposed, this);
            return _publicKey;
        }
    }

    /// <summary>The private-key exports this key allows, fixed at creation.</summary>
    public KeyExportPolicies ExportPolicy { get; }

    /// <summary>Generates a key from a random seed drawn from the OS CSPRNG into secret memory.</summary>
    /// <param name="options">Secret-memory options; <see cref="SecretOptions.Default"/> when null.</param>
    /// <param name="exportPolicy">Whether the seed may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static Ed25519PrivateKey Generate(SecretOptions? options = null, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        using Secret seed = Secret.CreateRandom(Ed25519.SeedSizeInBytes, options);
        return Import(seed, options, exportPolicy);
    }

    /// <summary>Derives the key from the 32-byte seed held in <paramref name="seed"/> (left as it is).</summary>
    /// <exception cref="ArgumentException">The secret is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static Ed25519PrivateKey Import(Secret seed, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (seed.Length != Ed25519.SeedSizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(seed), Ed25519.SeedSizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        using SecretReadLease lease = seed.OpenRead();
        return new Ed25519PrivateKey(lease.Span, options, exportPolicy);
    }

    /// <summary>
    /// Derives the key from a 32-byte seed in <paramref name="seed"/> (for example another lease). The caller remains
    /// responsible for wiping its own copy.
    /// </summary>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static Ed25519PrivateKey Import(ReadOnlySpan<byte> seed, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        if (seed.Length != Ed25519.SeedSizeInBytes) CryptoThrowHelper.WrongSize(nameof(seed), Ed25519.SeedSizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return new Ed25519PrivateKey(seed, options, exportPolicy);
    }

    /// <summary>Writes the public key into <paramref name="destination"/> (exactly 32 bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPublicKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_expanded.IsDisposed, this);
        if (destination.Length != Ed25519.PublicKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(destination), Ed25519.PublicKeySizeInBytes);
        _publicKey.CopyTo(destination);
    }

    /// <summary>Writes the public key into the start of <paramref name="destination"/> if it holds at least 32 bytes.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TryExportPublicKey(Span<byte> destination, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_expanded.IsDisposed, this);
        return KeyExport.TryCopyPublic(_publicKey, destination, out bytesWritten);
    }

    /// <summary>Returns a copy of the public key (32 bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] ExportPublicKey()
    {
        ObjectDisposedException.ThrowIf(_expanded.IsDisposed, this);
        return (byte[])_publicKey.Clone();
    }

    /// <summary>Signs <paramref name="message"/> into <paramref name="signature"/> (exactly 64 bytes).</summary>
    /// <exception cref="ArgumentException">The signature buffer is not 64 bytes or overlaps the message.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        ObjectDisposedException.ThrowIf(_expanded.IsDisposed, this);
        if (signature.Length != Ed25519.SignatureSizeInBytes) CryptoThrowHelper.WrongSize(nameof(signature), Ed25519.SignatureSizeInBytes);
        if (signature.Overlaps(message)) CryptoThrowHelper.Overlap(nameof(signature));
        SignCore(message, signature);
    }

    /// <summary>Signs <paramref name="message"/> into the start of <paramref name="destination"/> if it holds at least 64 bytes.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">The destination overlaps the message.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TrySign(ReadOnlySpan<byte> message, Span<byte> destination, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_expanded.IsDisposed, this);
        if (destination.Length < Ed25519.SignatureSizeInBytes)
        {
            bytesWritten = 0;
            return false;
        }
        Span<byte> signature = destination[..Ed25519.SignatureSizeInBytes];
        if (signature.Overlaps(message)) CryptoThrowHelper.Overlap(nameof(destination));
        SignCore(message, signature);
        bytesWritten = Ed25519.SignatureSizeInBytes;
        return true;
    }

    /// <summary>Signs <paramref name="message"/> and returns the (public) signature.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        ObjectDisposedException.ThrowIf(_expanded.IsDisposed, this);
        byte[] signature = new byte[Ed25519.SignatureSizeInBytes];
        SignCore(message, signature);
        return signature;
    }

    /// <summary>Copies the 32-byte seed (RFC 8032's private key) into a new <see cref="Secret"/> the caller owns.</summary>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret ExportPrivateKey(SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_expanded.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        using SecretReadLease lease = _expanded.OpenRead();
        return Secret.CopyFrom(lease.Span[..Ed25519.SeedSizeInBytes], options);
    }

    /// <summary>Copies the 32-byte seed into <paramref name="destination"/> (exactly 32 bytes, typically a write lease's span).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPrivateKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_expanded.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        if (destination.Length != Ed25519.SeedSizeInBytes) CryptoThrowHelper.WrongSize(nameof(destination), Ed25519.SeedSizeInBytes);
        using SecretReadLease lease = _expanded.OpenRead();
        lease.Span[..Ed25519.SeedSizeInBytes].CopyTo(destination);
    }

    /// <summary>Wipes and frees the key.</summary>
    public void Dispose() => _expanded.Dispose();

    /// <summary>Returns the type name only.</summary>
    public override string ToString() => nameof(Ed25519PrivateKey);

    private void SignCore(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        Sodium.EnsureInitialized();
        using SecretReadLease lease = _expanded.OpenRead();
        int rc;
        // SAFETY: the lease span is the 64-byte expanded key and signature is 64 bytes (checked), what the C function
        // reads and writes; the message is read for exactly message.Length bytes. All pinned for the call.
        fixed (byte* sk = lease.Span)
        fixed (byte* m = message)
        fixed (byte* sig = signature)
        {
            rc = Sodium.CryptoSignEd25519Detached(sig, null, m, (ulong)message.Length, sk);
        }
        if (rc != 0)
        {
            CryptographicOperations.ZeroMemory(signature);
            CryptoThrowHelper.NativeFailed("crypto_sign_ed25519_detached");
        }
    }
}
