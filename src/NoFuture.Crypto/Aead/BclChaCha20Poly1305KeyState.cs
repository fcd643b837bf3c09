// ChaCha20-Poly1305 (RFC 8439) through the BCL (OpenSSL on Linux); key handling as in BclAesGcmKeyState.
using System.Security.Cryptography;

namespace NoFuture.Crypto.Aead;

internal sealed class BclChaCha20Poly1305KeyState(ReadOnlySpan<byte> key) : AeadKeyState
{
    private readonly ChaCha20Poly1305 _cipher = new(key);

    internal override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext,
        Span<byte> tag, ReadOnlySpan<byte> associatedData) =>
        _cipher.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);

    internal override bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag,
        Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        try
        {
            _cipher.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
    }

    public override void Dispose() => _cipher.Dispose();
}
