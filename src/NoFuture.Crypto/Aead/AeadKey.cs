// A keyed AEAD object for many operations under one key (the one-shot calls on AeadAlgorithm re-key every time).
// The key lives in a Secret this object owns, so SecureMemory.Purge wipes it. AES-GCM (the BCL's AesGcm) also holds
// it in an OpenSSL context, which Purge cannot reach: Purge lives in NoFuture.Memory and
// wipes the memory it allocated, without a global list of objects to call back (which would keep them alive). So
// every operation first checks the Secret: once it has been purged, the object disposes itself, which frees that
// context (EVP_CIPHER_CTX_free cleanses it), and throws ObjectDisposedException. A purge racing with an operation
// already past the check lets that one operation finish; the next one refuses.
using System.Diagnostics;
using NoFuture.Crypto.Aead;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An AEAD key bound to its <see cref="AeadAlgorithm"/>, for repeated <c>Seal</c>/<see cref="Open"/> calls.
/// Create it with <see cref="AeadAlgorithm.CreateKey(NoFuture.Memory.Secret)"/>; dispose it to wipe the key.
/// </summary>
/// <remarks>
/// <para>The key is held in a <see cref="Secret"/> owned by this object. For AES-GCM it also
/// lives in an OpenSSL cipher context (the BCL copies it there; that memory is not locked or excluded from dumps);
/// <see cref="Dispose"/> frees the context and OpenSSL cleanses it. ChaCha20-Poly1305 and XChaCha20-Poly1305
/// (libsodium) work on the <see cref="Secret"/> directly.</para>
/// <para><see cref="SecureMemory.Purge"/> wipes the <see cref="Secret"/> at once. OpenSSL's copy (AES-GCM)
/// lives until this object is disposed or next used: after a purge every operation disposes the
/// object, which frees that copy, and throws <see cref="ObjectDisposedException"/>. Dispose keys you no longer need,
/// or use them once after a purge, to be rid of OpenSSL's copy.</para>
/// <para>Not thread-safe: use one instance per thread, or synchronise.</para>
/// </remarks>
[DebuggerDisplay("AeadKey {Algorithm.Name}")]
public sealed class AeadKey : IDisposable
{
    private readonly Secret _key;         // the key in secret memory: what SecureMemory.Purge wipes
    private readonly AeadKeyState _state; // keyed from _key: BCL AesGcm (OpenSSL context) or libsodium over _key
    private bool _disposed;

    private AeadKey(AeadAlgorithm algorithm, Secret key, AeadKeyState state)
    {
        Algorithm = algorithm;
        _key = key;
        _state = state;
    }

    /// <summary>Copies <paramref name="key"/> (already checked for size) into a new Secret and keys the state from it.</summary>
    internal static AeadKey Create(AeadAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        Secret copy = Secret.CopyFrom(key);
        try
        {
            return new AeadKey(algorithm, copy, algorithm.CreateKeyState(copy));
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>The algorithm this key belongs to.</summary>
    public AeadAlgorithm Algorithm { get; }

    /// <summary>Encrypts; the same contract as <see cref="AeadAlgorithm.Seal(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, Span{byte}, ReadOnlySpan{byte})"/>.</summary>
    /// <exception cref="ArgumentException">A size is wrong or an output partly overlaps another argument.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed, or secret memory was purged (<see cref="SecureMemory.Purge"/>).</exception>
    public void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag,
        ReadOnlySpan<byte> associatedData = default)
    {
        ThrowIfUnusable();
        Algorithm.CheckSeal(nonce, plaintext, ciphertext, tag, associatedData);
        _state.Seal(nonce, plaintext, ciphertext, tag, associatedData);
    }

    /// <summary>Encrypts into <paramref name="destination"/> as ciphertext ‖ tag; the same contract as <see cref="AeadAlgorithm.TrySeal(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, out int, ReadOnlySpan{byte})"/>.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">A size is wrong or the destination partly overlaps another argument.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed, or secret memory was purged (<see cref="SecureMemory.Purge"/>).</exception>
    public bool TrySeal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> destination, out int bytesWritten,
        ReadOnlySpan<byte> associatedData = default)
    {
        ThrowIfUnusable();
        if (!Algorithm.TrySplitSealed(nonce, plaintext, destination, out Span<byte> ciphertext, out Span<byte> tag, out bytesWritten))
            return false;
        Algorithm.CheckSeal(nonce, plaintext, ciphertext, tag, associatedData);
        _state.Seal(nonce, plaintext, ciphertext, tag, associatedData);
        return true;
    }

    /// <summary>Encrypts and returns ciphertext ‖ tag in a new array (the output is public).</summary>
    /// <exception cref="ArgumentException">The nonce has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed, or secret memory was purged.</exception>
    public byte[] Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        byte[] sealedMessage = new byte[plaintext.Length + Algorithm.TagSizeInBytes];
        Seal(nonce, plaintext, sealedMessage.AsSpan(0, plaintext.Length), sealedMessage.AsSpan(plaintext.Length), associatedData);
        return sealedMessage;
    }

    /// <summary>Verifies and decrypts; the same contract as <see cref="AeadAlgorithm.Open(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, ReadOnlySpan{byte})"/>.</summary>
    /// <returns><see langword="false"/>, with <paramref name="plaintext"/> cleared, when the message is not authentic.</returns>
    /// <exception cref="ArgumentException">A size is wrong or the destination partly overlaps another argument.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed, or secret memory was purged (<see cref="SecureMemory.Purge"/>).</exception>
    public bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext,
        ReadOnlySpan<byte> associatedData = default)
    {
        ThrowIfUnusable();
        Algorithm.CheckOpen(nonce, ciphertext, tag, plaintext, associatedData);
        return _state.Open(nonce, ciphertext, tag, plaintext, associatedData);
    }

    /// <summary>Wipes the key: frees the OpenSSL context (OpenSSL cleanses it) and disposes the secret.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _state.Dispose();
        _key.Dispose();
    }

    /// <summary>
    /// Disposal, then purge: a purged key disposes itself here (freeing OpenSSL's copy) before refusing, so nothing
    /// is computed with a key whose secret memory was wiped.
    /// </summary>
    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_key.IsDisposed)
        {
            Dispose();
            CryptoThrowHelper.KeyPurged(nameof(AeadKey));
        }
    }

    /// <summary>Returns the algorithm name only.</summary>
    public override string ToString() => $"AeadKey {Algorithm.Name}";
}
