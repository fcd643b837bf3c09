// ChaCha20-Poly1305 (RFC 8439 §2.8, 12-byte nonce) for HPKE's AEAD 0x0003 through libsodium's
// crypto_aead_chacha20poly1305_ietf_{encrypt,decrypt}_detached. Why not the BCL's: each BCL call creates and keys an
// OpenSSL context (about 1.5 µs, a copy of the key in OpenSSL's heap); libsodium reads the key straight from the
// caller's span (the context's Secret or a wiped stack buffer) with no context at all. libsodium verifies the tag
// before it writes any plaintext; on failure we clear the destination anyway (STYLE 5).
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Hpke;

internal static unsafe class HpkeSodiumChaCha20Poly1305
{
    internal static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        Debug.Assert(key.Length == 32 && nonce.Length == 12 && tag.Length == 16 && ciphertext.Length == plaintext.Length);
        Sodium.EnsureInitialized();
        int rc;
        // SAFETY: key 32, nonce 12 and tag 16 bytes, ciphertext as long as the plaintext (or the very same memory, which
        // libsodium allows), as asserted above and validated by the callers; every span is pinned for the call and the
        // C function reads/writes exactly the lengths passed. Empty spans give null pointers with length 0, allowed.
        fixed (byte* k = key)
        fixed (byte* npub = nonce)
        fixed (byte* m = plaintext)
        fixed (byte* c = ciphertext)
        fixed (byte* mac = tag)
        fixed (byte* ad = associatedData)
        {
            rc = Sodium.CryptoAeadChaCha20Poly1305IetfEncryptDetached(
                c, mac, null, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, npub, k);
        }
        if (rc != 0)
        {
            CryptographicOperations.ZeroMemory(ciphertext);
            CryptographicOperations.ZeroMemory(tag);
            CryptoThrowHelper.NativeFailed("crypto_aead_chacha20poly1305_ietf_encrypt_detached");
        }
    }

    internal static bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        Debug.Assert(key.Length == 32 && nonce.Length == 12 && tag.Length == 16 && ciphertext.Length == plaintext.Length);
        Sodium.EnsureInitialized();
        int rc;
        // SAFETY: as in Seal; the plaintext is written only when the tag verifies.
        fixed (byte* k = key)
        fixed (byte* npub = nonce)
        fixed (byte* m = plaintext)
        fixed (byte* c = ciphertext)
        fixed (byte* mac = tag)
        fixed (byte* ad = associatedData)
        {
            rc = Sodium.CryptoAeadChaCha20Poly1305IetfDecryptDetached(
                m, null, c, (ulong)ciphertext.Length, mac, ad, (ulong)associatedData.Length, npub, k);
        }
        if (rc == 0) return true;
        CryptographicOperations.ZeroMemory(plaintext);
        return false;
    }
}
