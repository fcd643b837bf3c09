// ChaCha20-Poly1305 through libsodium's detached IETF functions: the library's only ChaCha20-Poly1305 (Memory's enclave
// cipher aside), for AeadAlgorithm, AeadKey and HPKE alike. Two instances, one per nonce size:
//   Ietf (12 bytes):     RFC 8439 §2.8 (crypto_aead_chacha20poly1305_ietf_*): AeadAlgorithm.ChaCha20Poly1305, HPKE 0x0003;
//   Extended (24 bytes): XChaCha20-Poly1305, draft-irtf-cfrg-xchacha-03 §2 (HChaCha20 subkey, then RFC 8439;
//                        crypto_aead_xchacha20poly1305_ietf_*): AeadAlgorithm.XChaCha20Poly1305.
// Why libsodium and not the BCL (measured, bench/RESULTS.md section 14): libsodium reads the key straight from the
// caller's span (a lease or a wiped stack buffer) with no context at all, where every BCL key costs an OpenSSL context
// (construction and a key copy in OpenSSL's heap, out of Purge's reach). libsodium supports exact in-place operation
// (c == m) and verifies the tag before it writes any plaintext; on failure we clear the destination anyway
// (docs/failure-policy.md).
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Interop;
using NoFuture.Memory;

namespace NoFuture.Crypto.Aead;

internal sealed unsafe class SodiumChaCha20Poly1305 : AeadCipher
{
    internal const int KeySize = 32, IetfNonceSize = 12, ExtendedNonceSize = 24, TagSize = 16;

    private readonly bool _extended;

    private SodiumChaCha20Poly1305(bool extended) => _extended = extended;

    /// <summary>ChaCha20-Poly1305 with a 12-byte nonce (RFC 8439).</summary>
    internal static SodiumChaCha20Poly1305 Ietf { get; } = new(extended: false);

    /// <summary>XChaCha20-Poly1305 with a 24-byte nonce.</summary>
    internal static SodiumChaCha20Poly1305 Extended { get; } = new(extended: true);

    /// <summary>libsodium is bundled for every runtime the package supports.</summary>
    internal override bool IsSupported => true;

    internal override AeadKeyState CreateKeyState(Secret key) => new SodiumKeyState(key, this);

    internal override void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        Debug.Assert(key.Length == KeySize && nonce.Length == (_extended ? ExtendedNonceSize : IetfNonceSize) && tag.Length == TagSize);
        Debug.Assert(ciphertext.Length == plaintext.Length);
        Sodium.EnsureInitialized();
        bool extended = _extended;
        int rc;
        // SAFETY: key 32, nonce 12 or 24 (as the instance's function expects) and tag 16 bytes, ciphertext as long as the
        // plaintext (or the very same memory, which libsodium allows), as asserted above and validated by the callers.
        // Every span is pinned for the call and the C function reads/writes exactly the lengths passed. Empty spans give
        // null pointers with length 0, which libsodium allows.
        fixed (byte* k = key)
        fixed (byte* npub = nonce)
        fixed (byte* m = plaintext)
        fixed (byte* c = ciphertext)
        fixed (byte* mac = tag)
        fixed (byte* ad = associatedData)
        {
            rc = extended
                ? Sodium.CryptoAeadXChaCha20Poly1305IetfEncryptDetached(c, mac, null, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, npub, k)
                : Sodium.CryptoAeadChaCha20Poly1305IetfEncryptDetached(c, mac, null, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, npub, k);
        }
        if (rc != 0)
        {
            CryptographicOperations.ZeroMemory(ciphertext);
            CryptographicOperations.ZeroMemory(tag);
            CryptoThrowHelper.NativeFailed(extended ? "crypto_aead_xchacha20poly1305_ietf_encrypt_detached" : "crypto_aead_chacha20poly1305_ietf_encrypt_detached");
        }
    }

    internal override bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        Debug.Assert(key.Length == KeySize && nonce.Length == (_extended ? ExtendedNonceSize : IetfNonceSize) && tag.Length == TagSize);
        Debug.Assert(ciphertext.Length == plaintext.Length);
        Sodium.EnsureInitialized();
        int rc;
        // SAFETY: as in Seal; the plaintext destination has the ciphertext's length (or is the same memory) and is written
        // only when the tag verifies.
        fixed (byte* k = key)
        fixed (byte* npub = nonce)
        fixed (byte* c = ciphertext)
        fixed (byte* mac = tag)
        fixed (byte* m = plaintext)
        fixed (byte* ad = associatedData)
        {
            rc = _extended
                ? Sodium.CryptoAeadXChaCha20Poly1305IetfDecryptDetached(m, null, c, (ulong)ciphertext.Length, mac, ad, (ulong)associatedData.Length, npub, k)
                : Sodium.CryptoAeadChaCha20Poly1305IetfDecryptDetached(m, null, c, (ulong)ciphertext.Length, mac, ad, (ulong)associatedData.Length, npub, k);
        }
        if (rc == 0) return true;
        CryptographicOperations.ZeroMemory(plaintext);
        return false;
    }
}
