// AES-GCM through the BCL (OpenSSL on Linux). The AesGcm instance holds the key in an OpenSSL EVP_CIPHER_CTX until
// disposed; EVP_CIPHER_CTX_free cleanses it. The BCL clears the destination on a tag mismatch; we clear again so the
// policy does not depend on that.
using System.Security.Cryptography;

namespace NoFuture.Crypto.Aead;

internal sealed class BclAesGcmKeyState(ReadOnlySpan<byte> key, int tagSize) : AeadKeyState
{
    private readonly AesGcm _aes = new(key, tagSize);

    internal override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext,
        Span<byte> tag, ReadOnlySpan<byte> associatedData) =>
        _aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);

    internal override bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag,
        Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        try
        {
            _aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
    }

    public override void Dispose() => _aes.Dispose();
}
