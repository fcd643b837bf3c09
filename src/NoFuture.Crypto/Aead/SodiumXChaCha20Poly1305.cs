// XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03 §2: HChaCha20 subkey, then RFC 8439 AEAD) through libsodium's
// crypto_aead_xchacha20poly1305_ietf_{encrypt,decrypt}_detached. The key is passed as a pointer into the caller's
// memory (a lease), so it is never copied out of secret memory. libsodium supports exact in-place operation (c == m)
// and verifies the tag before it writes any plaintext.
using System.Security.Cryptography;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Aead;

internal static unsafe class SodiumXChaCha20Poly1305
{
    internal static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        Sodium.EnsureInitialized();
        int rc;
        // SAFETY: sizes were validated by AeadAlgorithm: key 32, nonce 24, tag 16, ciphertext the length of the
        // plaintext (or the very same memory, which libsodium allows). Every span is pinned for the call and the C
        // function reads/writes exactly the lengths passed. Empty spans give null pointers with length 0, allowed.
        fixed (byte* k = key)
        fixed (byte* npub = nonce)
        fixed (byte* m = plaintext)
        fixed (byte* c = ciphertext)
        fixed (byte* mac = tag)
        fixed (byte* ad = associatedData)
        {
            rc = Sodium.CryptoAeadXChaCha20Poly1305IetfEncryptDetached(
                c, mac, null, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, npub, k);
        }
        if (rc != 0)
        {
            CryptographicOperations.ZeroMemory(ciphertext);
            CryptographicOperations.ZeroMemory(tag);
            CryptoThrowHelper.NativeFailed("crypto_aead_xchacha20poly1305_ietf_encrypt_detached");
        }
    }

    internal static bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        Sodium.EnsureInitialized();
        int rc;
        // SAFETY: as in Seal; the plaintext destination has the ciphertext's length (or is the same memory).
        fixed (byte* k = key)
        fixed (byte* npub = nonce)
        fixed (byte* c = ciphertext)
        fixed (byte* mac = tag)
        fixed (byte* m = plaintext)
        fixed (byte* ad = associatedData)
        {
            rc = Sodium.CryptoAeadXChaCha20Poly1305IetfDecryptDetached(
                m, null, c, (ulong)ciphertext.Length, mac, ad, (ulong)associatedData.Length, npub, k);
        }
        if (rc == 0) return true;
        CryptographicOperations.ZeroMemory(plaintext);
        return false;
    }
}
