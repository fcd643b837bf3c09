// The keyed state behind AeadKey and the one-shot calls: AeadAlgorithm has already validated every argument, so this
// layer only computes. Open must leave the destination cleared when it returns false (docs/failure-policy.md).
namespace NoFuture.Crypto.Aead;

internal abstract class AeadKeyState : IDisposable
{
    internal abstract void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext,
        Span<byte> tag, ReadOnlySpan<byte> associatedData);

    internal abstract bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag,
        Span<byte> plaintext, ReadOnlySpan<byte> associatedData);

    public abstract void Dispose();
}
