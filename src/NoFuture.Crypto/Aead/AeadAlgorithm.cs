// Authenticated encryption with associated data: one sealed type per parameter set, four singletons.
//   AES-128-GCM, AES-256-GCM   NIST SP 800-38D, 96-bit nonce, 128-bit tag     (BCL AesGcm → OpenSSL)
//   ChaCha20-Poly1305          RFC 8439 §2.8, 96-bit nonce, 128-bit tag        (libsodium, pointers into our memory)
//   XChaCha20-Poly1305         draft-irtf-cfrg-xchacha-03, 192-bit nonce      (libsodium, pointers into our memory)
// Choices: only the 12-byte GCM nonce and the 16-byte tag are offered (other IV lengths are hashed by GHASH, which
// protocols do not use; short tags weaken GCM). Ciphertext and tag are detached, as in the BCL.
// Failure policy (docs/failure-policy.md): wrong sizes and partly overlapping buffers throw ArgumentException; Open
// returns false on an authentication failure and clears the destination. In-place operation is allowed only when the
// plaintext and ciphertext spans are exactly the same memory.
// Overloads, in the BCL's order: the exact detached form Seal(…, ciphertext, tag); TrySeal(…, destination, out
// bytesWritten), which writes ciphertext ‖ tag and returns false only when the destination is too small; and a Seal
// that returns ciphertext ‖ tag as a new array (public output). Open has no array form: its output, the plaintext, may
// be secret.
// One implementation per cipher (an AeadCipher), shared with AeadKey and HpkeAead: AES-GCM is the BCL's, both
// ChaCha20-Poly1305s are libsodium's (docs/dependencies.md). Key copies: for AES-GCM the BCL copies the key into an
// OpenSSL EVP context on every one-shot call (and frees it, cleansed, straight after); AeadKey keeps one context for
// many calls instead, keyed from its own copy in a Secret. libsodium reads the key where it is and keeps no copy.
using System.Diagnostics;
using NoFuture.Crypto.Aead;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An AEAD parameter set (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305, XChaCha20-Poly1305) with one-shot
/// <c>Seal</c>/<c>Open</c> over spans or a key in a <see cref="Secret"/>. For many operations under one key use
/// <see cref="CreateKey(Secret)"/>.
/// </summary>
/// <remarks>
/// <para>For AES-GCM (the BCL's) each one-shot call copies the key into an OpenSSL
/// cipher context, which OpenSSL cleanses and frees before the call returns. That copy lives in OpenSSL's heap, not in
/// NoFuture secret memory (it is neither locked nor excluded from dumps) while the call runs. ChaCha20-Poly1305 and
/// XChaCha20-Poly1305 (libsodium's) read the key where it is and make no copy.</para>
/// <para>Nonces must never repeat under one key; with 12-byte random nonces stay well below 2^32 messages per key,
/// or use <see cref="XChaCha20Poly1305"/>, whose 24-byte nonces may be drawn at random.</para>
/// </remarks>
[DebuggerDisplay("{Name}")]
public sealed class AeadAlgorithm
{
    private readonly AeadCipher _cipher;

    private AeadAlgorithm(string name, AeadCipher cipher, int keySize, int nonceSize)
    {
        Name = name;
        _cipher = cipher;
        KeySizeInBytes = keySize;
        NonceSizeInBytes = nonceSize;
    }

    /// <summary>AES-128-GCM: 16-byte key, 12-byte nonce, 16-byte tag.</summary>
    public static AeadAlgorithm Aes128Gcm { get; } = new("AES-128-GCM", BclAesGcm.Instance, 16, 12);

    /// <summary>AES-256-GCM: 32-byte key, 12-byte nonce, 16-byte tag.</summary>
    public static AeadAlgorithm Aes256Gcm { get; } = new("AES-256-GCM", BclAesGcm.Instance, 32, 12);

    /// <summary>ChaCha20-Poly1305 (RFC 8439): 32-byte key, 12-byte nonce, 16-byte tag.</summary>
    public static AeadAlgorithm ChaCha20Poly1305 { get; } = new("ChaCha20-Poly1305", SodiumChaCha20Poly1305.Ietf, 32, 12);

    /// <summary>XChaCha20-Poly1305: 32-byte key, 24-byte nonce (safe to draw at random), 16-byte tag.</summary>
    public static AeadAlgorithm XChaCha20Poly1305 { get; } = new("XChaCha20-Poly1305", SodiumChaCha20Poly1305.Extended, 32, 24);

    /// <summary>The algorithm's name, for example "AES-256-GCM".</summary>
    public string Name { get; }

    /// <summary>The key size in bytes.</summary>
    public int KeySizeInBytes { get; }

    /// <summary>The nonce size in bytes.</summary>
    public int NonceSizeInBytes { get; }

    /// <summary>The tag size in bytes (16 for every algorithm here).</summary>
    public int TagSizeInBytes { get; } = 16;

    /// <summary>True when the platform provides the algorithm (AES-GCM comes from the BCL, which needs OpenSSL on Linux).</summary>
    public bool IsSupported => _cipher.IsSupported;

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (same length, or the very same span
    /// for in-place) and writes the tag.
    /// </summary>
    /// <param name="key">The key, <see cref="KeySizeInBytes"/> bytes (typically a read lease's span).</param>
    /// <param name="nonce">A nonce never used before with this key, <see cref="NonceSizeInBytes"/> bytes.</param>
    /// <param name="plaintext">The message.</param>
    /// <param name="ciphertext">Receives the encrypted message; the same length as <paramref name="plaintext"/>.</param>
    /// <param name="tag">Receives the tag, <see cref="TagSizeInBytes"/> bytes.</param>
    /// <param name="associatedData">Data authenticated but not encrypted.</param>
    /// <exception cref="ArgumentException">A size is wrong or an output partly overlaps another argument.</exception>
    /// <exception cref="PlatformNotSupportedException">The algorithm is not available here (<see cref="IsSupported"/>).</exception>
    public void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData = default)
    {
        if (key.Length != KeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(key), KeySizeInBytes);
        CheckSeal(nonce, plaintext, ciphertext, tag, associatedData);
        CheckNoOverlap(key, ciphertext, tag);
        SealCore(key, nonce, plaintext, ciphertext, tag, associatedData);
    }

    /// <summary>Encrypts with the key held in <paramref name="key"/>; see the span overload.</summary>
    /// <exception cref="ArgumentException">A size is wrong or an output partly overlaps another argument.</exception>
    /// <exception cref="ObjectDisposedException">The key secret was disposed.</exception>
    public void Seal(Secret key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeySizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(key), KeySizeInBytes);
        CheckSeal(nonce, plaintext, ciphertext, tag, associatedData);
        using SecretReadLease lease = key.OpenRead();
        CheckNoOverlap(lease.Span, ciphertext, tag);
        SealCore(lease.Span, nonce, plaintext, ciphertext, tag, associatedData);
    }

    /// <summary>
    /// Encrypts into <paramref name="destination"/> as ciphertext ‖ tag (<paramref name="plaintext"/>'s length plus
    /// <see cref="TagSizeInBytes"/> bytes) if it is large enough. In place is allowed when the plaintext is exactly the
    /// start of <paramref name="destination"/>.
    /// </summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">A size is wrong or the destination partly overlaps another argument.</exception>
    /// <exception cref="PlatformNotSupportedException">The algorithm is not available here (<see cref="IsSupported"/>).</exception>
    public bool TrySeal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        Span<byte> destination, out int bytesWritten, ReadOnlySpan<byte> associatedData = default)
    {
        if (key.Length != KeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(key), KeySizeInBytes);
        if (!TrySplitSealed(nonce, plaintext, destination, out Span<byte> ciphertext, out Span<byte> tag, out bytesWritten)) return false;
        CheckSeal(nonce, plaintext, ciphertext, tag, associatedData);
        CheckNoOverlap(key, ciphertext, tag);
        SealCore(key, nonce, plaintext, ciphertext, tag, associatedData);
        return true;
    }

    /// <summary>Encrypts with the key held in <paramref name="key"/> into ciphertext ‖ tag; see the span overload.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">A size is wrong or the destination partly overlaps another argument.</exception>
    /// <exception cref="ObjectDisposedException">The key secret was disposed.</exception>
    public bool TrySeal(Secret key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        Span<byte> destination, out int bytesWritten, ReadOnlySpan<byte> associatedData = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeySizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(key), KeySizeInBytes);
        if (!TrySplitSealed(nonce, plaintext, destination, out Span<byte> ciphertext, out Span<byte> tag, out bytesWritten)) return false;
        CheckSeal(nonce, plaintext, ciphertext, tag, associatedData);
        using SecretReadLease lease = key.OpenRead();
        CheckNoOverlap(lease.Span, ciphertext, tag);
        SealCore(lease.Span, nonce, plaintext, ciphertext, tag, associatedData);
        return true;
    }

    /// <summary>Encrypts and returns ciphertext ‖ tag in a new array (the output is public).</summary>
    /// <exception cref="ArgumentException">The key or nonce has the wrong size.</exception>
    /// <exception cref="PlatformNotSupportedException">The algorithm is not available here (<see cref="IsSupported"/>).</exception>
    public byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> associatedData = default)
    {
        byte[] sealedMessage = new byte[plaintext.Length + TagSizeInBytes];
        Seal(key, nonce, plaintext, sealedMessage.AsSpan(0, plaintext.Length), sealedMessage.AsSpan(plaintext.Length), associatedData);
        return sealedMessage;
    }

    /// <summary>Encrypts with the key held in <paramref name="key"/> and returns ciphertext ‖ tag in a new array.</summary>
    /// <exception cref="ArgumentException">The key or nonce has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key secret was disposed.</exception>
    public byte[] Seal(Secret key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        byte[] sealedMessage = new byte[plaintext.Length + TagSizeInBytes];
        Seal(key, nonce, plaintext, sealedMessage.AsSpan(0, plaintext.Length), sealedMessage.AsSpan(plaintext.Length), associatedData);
        return sealedMessage;
    }

    /// <summary>
    /// Verifies the tag and decrypts <paramref name="ciphertext"/> into <paramref name="plaintext"/> (same length, or
    /// the very same span for in-place).
    /// </summary>
    /// <returns>
    /// <see langword="true"/> when authentic; <see langword="false"/> otherwise, with <paramref name="plaintext"/>
    /// cleared to zero (in place, that destroys the ciphertext).
    /// </returns>
    /// <exception cref="ArgumentException">A size is wrong or the destination partly overlaps another argument.</exception>
    /// <exception cref="PlatformNotSupportedException">The algorithm is not available here (<see cref="IsSupported"/>).</exception>
    public bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        if (key.Length != KeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(key), KeySizeInBytes);
        CheckOpen(nonce, ciphertext, tag, plaintext, associatedData);
        CheckNoOverlap(key, plaintext, default);
        return OpenCore(key, nonce, ciphertext, tag, plaintext, associatedData);
    }

    /// <summary>Verifies and decrypts with the key held in <paramref name="key"/>; see the span overload.</summary>
    /// <returns><see langword="false"/> (destination cleared) when the message is not authentic.</returns>
    /// <exception cref="ArgumentException">A size is wrong or the destination partly overlaps another argument.</exception>
    /// <exception cref="ObjectDisposedException">The key secret was disposed.</exception>
    public bool Open(Secret key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeySizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(key), KeySizeInBytes);
        CheckOpen(nonce, ciphertext, tag, plaintext, associatedData);
        using SecretReadLease lease = key.OpenRead();
        CheckNoOverlap(lease.Span, plaintext, default);
        return OpenCore(lease.Span, nonce, ciphertext, tag, plaintext, associatedData);
    }

    /// <summary>
    /// Creates a reusable keyed object from the key in <paramref name="key"/>, which avoids re-keying on every call.
    /// </summary>
    /// <remarks>
    /// The key is copied into a new <see cref="Secret"/> owned by the returned object, which
    /// <see cref="SecureMemory.Purge"/> wipes. For AES-GCM it is also copied once into an
    /// OpenSSL context (OpenSSL's heap: not locked, not excluded from dumps) that lives until the object is disposed,
    /// or is next used after a purge; OpenSSL cleanses it when it is freed. See <see cref="AeadKey"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The key has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key secret was disposed.</exception>
    /// <exception cref="PlatformNotSupportedException">The algorithm is not available here (<see cref="IsSupported"/>).</exception>
    public AeadKey CreateKey(Secret key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeySizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(key), KeySizeInBytes);
        using SecretReadLease lease = key.OpenRead();
        return AeadKey.Create(this, lease.Span);
    }

    /// <summary>Creates a reusable keyed object from <paramref name="key"/>; see <see cref="CreateKey(Secret)"/>.</summary>
    /// <exception cref="ArgumentException">The key has the wrong size.</exception>
    /// <exception cref="PlatformNotSupportedException">The algorithm is not available here.</exception>
    public AeadKey CreateKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(key), KeySizeInBytes);
        return AeadKey.Create(this, key);
    }

    /// <summary>Returns the algorithm's name.</summary>
    public override string ToString() => Name;

    internal void CheckSeal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext,
        Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        if (nonce.Length != NonceSizeInBytes) CryptoThrowHelper.WrongSize(nameof(nonce), NonceSizeInBytes);
        if (tag.Length != TagSizeInBytes) CryptoThrowHelper.WrongSize(nameof(tag), TagSizeInBytes);
        if (ciphertext.Length != plaintext.Length) CryptoThrowHelper.LengthMismatch(nameof(ciphertext), nameof(plaintext));
        if (ciphertext.Overlaps(plaintext, out int offset) && offset != 0) CryptoThrowHelper.Overlap(nameof(ciphertext));
        if (ciphertext.Overlaps(nonce) || ciphertext.Overlaps(associatedData) || ciphertext.Overlaps(tag))
            CryptoThrowHelper.Overlap(nameof(ciphertext));
        if (tag.Overlaps(nonce) || tag.Overlaps(associatedData) || tag.Overlaps(plaintext)) CryptoThrowHelper.Overlap(nameof(tag));
    }

    internal void CheckOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag,
        Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        if (nonce.Length != NonceSizeInBytes) CryptoThrowHelper.WrongSize(nameof(nonce), NonceSizeInBytes);
        if (tag.Length != TagSizeInBytes) CryptoThrowHelper.WrongSize(nameof(tag), TagSizeInBytes);
        if (plaintext.Length != ciphertext.Length) CryptoThrowHelper.LengthMismatch(nameof(plaintext), nameof(ciphertext));
        if (plaintext.Overlaps(ciphertext, out int offset) && offset != 0) CryptoThrowHelper.Overlap(nameof(plaintext));
        if (plaintext.Overlaps(nonce) || plaintext.Overlaps(associatedData) || plaintext.Overlaps(tag))
            CryptoThrowHelper.Overlap(nameof(plaintext));
    }

    /// <summary>
    /// The size step of every TrySeal: checks the nonce (misuse throws even when the destination is small), then
    /// splits <paramref name="destination"/> into ciphertext ‖ tag, or reports "too small" with nothing written.
    /// </summary>
    internal bool TrySplitSealed(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> destination,
        out Span<byte> ciphertext, out Span<byte> tag, out int bytesWritten)
    {
        if (nonce.Length != NonceSizeInBytes) CryptoThrowHelper.WrongSize(nameof(nonce), NonceSizeInBytes);
        int size = plaintext.Length + TagSizeInBytes;
        if (destination.Length < size)
        {
            ciphertext = tag = default;
            bytesWritten = 0;
            return false;
        }
        ciphertext = destination[..plaintext.Length];
        tag = destination.Slice(plaintext.Length, TagSizeInBytes);
        bytesWritten = size;
        return true;
    }

    private static void CheckNoOverlap(ReadOnlySpan<byte> key, Span<byte> output, Span<byte> tag)
    {
        if (output.Overlaps(key)) CryptoThrowHelper.Overlap(nameof(key));
        if (tag.Overlaps(key)) CryptoThrowHelper.Overlap(nameof(key));
    }

    /// <summary>Seals with arguments already validated (by this type, <see cref="AeadKey"/> or HPKE).</summary>
    internal void SealCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData) =>
        _cipher.Seal(key, nonce, plaintext, ciphertext, tag, associatedData);

    /// <summary>Opens with arguments already validated; false, with the destination cleared, when not authentic.</summary>
    internal bool OpenCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData) =>
        _cipher.Open(key, nonce, ciphertext, tag, plaintext, associatedData);

    /// <summary>The keyed state of an <see cref="AeadKey"/> over its key <see cref="Secret"/> (which it does not own).</summary>
    internal AeadKeyState CreateKeyState(Secret key) => _cipher.CreateKeyState(key);
}
