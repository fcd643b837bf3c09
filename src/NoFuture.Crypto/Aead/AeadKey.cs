// A keyed AEAD object for many operations under one key (the one-shot calls on AeadAlgorithm re-key every time).
using System.Diagnostics;

namespace NoFuture.Crypto.Aead;

/// <summary>
/// An AEAD key bound to its <see cref="AeadAlgorithm"/>, for repeated <c>Seal</c>/<see cref="Open"/> calls.
/// Create it with <see cref="AeadAlgorithm.CreateKey(NoFuture.Memory.Secret)"/>; dispose it to wipe the key.
/// </summary>
/// <remarks>
/// <para>For AES-GCM and ChaCha20-Poly1305 the key lives in an OpenSSL cipher context (the BCL copies it there; that
/// memory is not locked or excluded from dumps); <see cref="Dispose"/> frees the context and OpenSSL cleanses it. For
/// XChaCha20-Poly1305 it lives in NoFuture secret memory.</para>
/// <para>Not thread-safe: use one instance per thread, or synchronise.</para>
/// </remarks>
[DebuggerDisplay("AeadKey {Algorithm.Name}")]
public sealed class AeadKey : IDisposable
{
    private readonly AeadKeyState _state;
    private bool _disposed;

    internal AeadKey(AeadAlgorithm algorithm, AeadKeyState state)
    {
        Algorithm = algorithm;
        _state = state;
    }

    /// <summary>The algorithm this key belongs to.</summary>
    public AeadAlgorithm Algorithm { get; }

    /// <summary>Encrypts; the same contract as <see cref="AeadAlgorithm.Seal(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, Span{byte}, ReadOnlySpan{byte})"/>.</summary>
    /// <exception cref="ArgumentException">A size is wrong or an output partly overlaps another argument.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag,
        ReadOnlySpan<byte> associatedData = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Algorithm.CheckSeal(nonce, plaintext, ciphertext, tag, associatedData);
        _state.Seal(nonce, plaintext, ciphertext, tag, associatedData);
    }

    /// <summary>Encrypts into <paramref name="destination"/> as ciphertext ‖ tag; the same contract as <see cref="AeadAlgorithm.TrySeal(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, out int, ReadOnlySpan{byte})"/>.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">A size is wrong or the destination partly overlaps another argument.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TrySeal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> destination, out int bytesWritten,
        ReadOnlySpan<byte> associatedData = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!Algorithm.TrySplitSealed(nonce, plaintext, destination, out Span<byte> ciphertext, out Span<byte> tag, out bytesWritten))
            return false;
        Algorithm.CheckSeal(nonce, plaintext, ciphertext, tag, associatedData);
        _state.Seal(nonce, plaintext, ciphertext, tag, associatedData);
        return true;
    }

    /// <summary>Encrypts and returns ciphertext ‖ tag in a new array (the output is public).</summary>
    /// <exception cref="ArgumentException">The nonce has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        byte[] sealedMessage = new byte[plaintext.Length + Algorithm.TagSizeInBytes];
        Seal(nonce, plaintext, sealedMessage.AsSpan(0, plaintext.Length), sealedMessage.AsSpan(plaintext.Length), associatedData);
        return sealedMessage;
    }

    /// <summary>Verifies and decrypts; the same contract as <see cref="AeadAlgorithm.Open(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, ReadOnlySpan{byte})"/>.</summary>
    /// <returns><see langword="false"/>, with <paramref name="plaintext"/> cleared, when the message is not authentic.</returns>
    /// <exception cref="ArgumentException">A size is wrong or the destination partly overlaps another argument.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext,
        ReadOnlySpan<byte> associatedData = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Algorithm.CheckOpen(nonce, ciphertext, tag, plaintext, associatedData);
        return _state.Open(nonce, ciphertext, tag, plaintext, associatedData);
    }

    /// <summary>Wipes the key (frees the OpenSSL context, or disposes the secret).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _state.Dispose();
    }

    /// <summary>Returns the algorithm name only.</summary>
    public override string ToString() => $"AeadKey {Algorithm.Name}";
}
