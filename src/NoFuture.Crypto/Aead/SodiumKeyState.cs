// Keyed ChaCha20-Poly1305 / XChaCha20-Poly1305: libsodium works on the key in the AeadKey's Secret (borrowed, not
// owned: the AeadKey disposes it), through a pointer under a read lease, so the key is never copied out of secret
// memory and SecureMemory.Purge reaches the only copy.
using NoFuture.Memory;

namespace NoFuture.Crypto.Aead;

internal sealed class SodiumKeyState(Secret key, SodiumChaCha20Poly1305 cipher) : AeadKeyState
{
    internal override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext,
        Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        using SecretReadLease lease = key.OpenRead();
        cipher.Seal(lease.Span, nonce, plaintext, ciphertext, tag, associatedData);
    }

    internal override bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag,
        Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        using SecretReadLease lease = key.OpenRead();
        return cipher.Open(lease.Span, nonce, ciphertext, tag, plaintext, associatedData);
    }

    public override void Dispose()
    {
        // The Secret belongs to the AeadKey.
    }
}
