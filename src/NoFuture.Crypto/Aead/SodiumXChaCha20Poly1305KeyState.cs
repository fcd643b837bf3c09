// Keyed XChaCha20-Poly1305: the key is copied once into a Secret this state owns, and each call passes a pointer into
// it under a read lease.
using NoFuture.Memory;

namespace NoFuture.Crypto.Aead;

internal sealed class SodiumXChaCha20Poly1305KeyState(ReadOnlySpan<byte> key) : AeadKeyState
{
    private readonly Secret _key = Secret.CopyFrom(key);

    internal override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext,
        Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        using SecretReadLease lease = _key.OpenRead();
        SodiumChaCha20Poly1305.Seal(lease.Span, nonce, plaintext, ciphertext, tag, associatedData);
    }

    internal override bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag,
        Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        using SecretReadLease lease = _key.OpenRead();
        return SodiumChaCha20Poly1305.Open(lease.Span, nonce, ciphertext, tag, plaintext, associatedData);
    }

    public override void Dispose() => _key.Dispose();
}
