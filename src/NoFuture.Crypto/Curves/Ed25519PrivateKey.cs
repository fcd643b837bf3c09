// An Ed25519 signing key (RFC 8032 §5.1.5): libsodium's 64-byte expanded form (seed ‖ public key) in a Secret the key
// owns. The seed is the exportable private key; it is only ever copied into another Secret.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Interop;
using NoFuture.Memory;

namespace NoFuture.Crypto.Curves;

/// <summary>An Ed25519 private key held in secret memory, with its public key. Dispose it to wipe the key.</summary>
/// <remarks><see cref="ToString"/> shows no key material; there is no accessor that returns the seed as an array.</remarks>
[DebuggerDisplay("Ed25519PrivateKey")]
public sealed unsafe class Ed25519PrivateKey : IDisposable
{
    private readonly Secret _expanded; // seed ‖ public key, 64 bytes
    private readonly byte[] _publicKey = new byte[Ed25519.PublicKeySizeInBytes];

    private Ed25519PrivateKey(ReadOnlySpan<byte> seed, SecretOptions? options)
    {
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

    /// <summary>Generates a key from a random seed drawn from the OS CSPRNG into secret memory.</summary>
    public static Ed25519PrivateKey Generate(SecretOptions? options = null)
    {
        using Secret seed = Secret.CreateRandom(Ed25519.SeedSizeInBytes, options);
        return FromSeed(seed, options);
    }

    /// <summary>Derives the key from the 32-byte seed held in <paramref name="seed"/> (left as it is).</summary>
    /// <exception cref="ArgumentException">The secret is not 32 bytes.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static Ed25519PrivateKey FromSeed(Secret seed, SecretOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (seed.Length != Ed25519.SeedSizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(seed), Ed25519.SeedSizeInBytes);
        using SecretReadLease lease = seed.OpenRead();
        return new Ed25519PrivateKey(lease.Span, options);
    }

    /// <summary>
    /// Derives the key from a 32-byte seed in <paramref name="seed"/> (for example another lease). The caller remains
    /// responsible for wiping its own copy.
    /// </summary>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    public static Ed25519PrivateKey FromSeed(ReadOnlySpan<byte> seed, SecretOptions? options = null)
    {
        if (seed.Length != Ed25519.SeedSizeInBytes) CryptoThrowHelper.WrongSize(nameof(seed), Ed25519.SeedSizeInBytes);
        return new Ed25519PrivateKey(seed, options);
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
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret ExportSeed(SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_expanded.IsDisposed, this);
        using SecretReadLease lease = _expanded.OpenRead();
        return Secret.CopyFrom(lease.Span[..Ed25519.SeedSizeInBytes], options);
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
