// The one implementation behind an AeadAlgorithm: AeadAlgorithm (and, through it, AeadKey and HpkeAead) validates
// every argument, so this layer only computes. One cipher object per implementation, shared by every caller: there is
// one ChaCha20-Poly1305 and one AES-GCM in the library (docs/dependencies.md, "Decisions taken while building").
// Open must leave the destination cleared when it returns false (docs/failure-policy.md).
using NoFuture.Memory;

namespace NoFuture.Crypto.Aead;

internal abstract class AeadCipher
{
    /// <summary>True when the platform provides the implementation.</summary>
    internal abstract bool IsSupported { get; }

    /// <summary>Seals with a key read from <paramref name="key"/> (a lease's span or a wiped stack buffer).</summary>
    internal abstract void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData);

    /// <summary>Opens with a key read from <paramref name="key"/>; false, with the destination cleared, when not authentic.</summary>
    internal abstract bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData);

    /// <summary>The keyed state of an AeadKey over its key <see cref="Secret"/>, which the state borrows and does not own.</summary>
    internal abstract AeadKeyState CreateKeyState(Secret key);
}
