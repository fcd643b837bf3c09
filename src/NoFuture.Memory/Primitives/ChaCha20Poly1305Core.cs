// AEAD_CHACHA20_POLY1305: RFC 8439, section 2.8 (one-time key generation: section 2.6).
// Sizes: key 32 bytes, nonce 12 bytes, tag 16 bytes; ciphertext length = plaintext length.
//
// Choices:
// - Managed and allocation-free, so that sealing an enclave costs no object construction (the BCL's
//   ChaCha20Poly1305 pays for a native context in its constructor). Callers are internal and have already
//   validated sizes, so this file only asserts.
// - One ChaCha20.TwoBlocks call yields block 0 (whose first 32 bytes are the Poly1305 key, section 2.6) and
//   block 1 (the key stream for the first 64 bytes of text); longer texts continue from block 2.
// - Open computes and checks the tag before decrypting anything. On failure the plaintext destination is
//   cleared, so a caller that ignores the result still sees no unauthenticated bytes.
// - The tag comparison takes the same time wherever the tags differ (ConstantTime.AreEqual).
// - Key stream, the one-time key, the Poly1305 state and the computed tag are wiped in finally.
using System.Diagnostics;
using System.Security.Cryptography;

namespace NoFuture.Memory.Primitives;

internal static class ChaCha20Poly1305Core
{
    internal const int KeySize = 32, NonceSize = 12, TagSize = 16;

    // RFC 8439, section 2.8, chacha20_aead_encrypt. ciphertext may be plaintext itself (in place) but must not
    // overlap it otherwise; no other input may overlap an output.
    internal static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> associatedData, Span<byte> ciphertext, Span<byte> tag)
    {
        AssertSizes(key, nonce, tag, plaintext, ciphertext);
        Span<byte> keyStream = stackalloc byte[2 * ChaCha20.BlockSize];
        Poly1305 mac = default;
        try
        {
            ChaCha20.TwoBlocks(key, nonce, 0, keyStream);
            mac.Initialize(keyStream[..Poly1305.KeySize]); // poly1305_key_gen (section 2.6)
            Crypt(key, nonce, keyStream[ChaCha20.BlockSize..], plaintext, ciphertext);
            mac.UpdatePadded(associatedData);
            mac.UpdatePadded(ciphertext);
            mac.FinishAead((ulong)associatedData.Length, (ulong)ciphertext.Length, tag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyStream);
            mac.Clear();
        }
    }

    // RFC 8439, section 2.8, decryption: verify, then decrypt. Returns false, with plaintext cleared, when the tag
    // does not match. plaintext may be ciphertext itself (in place) but must not overlap it otherwise.
    internal static bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        AssertSizes(key, nonce, tag, ciphertext, plaintext);
        Span<byte> keyStream = stackalloc byte[2 * ChaCha20.BlockSize];
        Span<byte> expectedTag = stackalloc byte[TagSize];
        Poly1305 mac = default;
        try
        {
            ChaCha20.TwoBlocks(key, nonce, 0, keyStream);
            mac.Initialize(keyStream[..Poly1305.KeySize]);
            mac.UpdatePadded(associatedData);
            mac.UpdatePadded(ciphertext);
            mac.FinishAead((ulong)associatedData.Length, (ulong)ciphertext.Length, expectedTag);
            if (!ConstantTime.AreEqual(expectedTag, tag))
            {
                CryptographicOperations.ZeroMemory(plaintext);
                return false;
            }
            Crypt(key, nonce, keyStream[ChaCha20.BlockSize..], ciphertext, plaintext);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyStream);
            CryptographicOperations.ZeroMemory(expectedTag);
            mac.Clear();
        }
    }

    // RFC 8439, section 2.8: the text is encrypted with ChaCha20 starting at block 1. block1 is that block's key
    // stream, already computed alongside block 0; the rest starts at block 2.
    private static void Crypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> block1,
        ReadOnlySpan<byte> input, Span<byte> output)
    {
        int head = Math.Min(input.Length, ChaCha20.BlockSize);
        ChaCha20.XorBytes(input[..head], block1[..head], output[..head]);
        if (input.Length > head)
            ChaCha20.Xor(key, nonce, 2, input[head..], output[head..]);
    }

    [Conditional("DEBUG")]
    private static void AssertSizes(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> tag,
        ReadOnlySpan<byte> input, ReadOnlySpan<byte> output)
    {
        Debug.Assert(key.Length == KeySize);
        Debug.Assert(nonce.Length == NonceSize);
        Debug.Assert(tag.Length == TagSize);
        Debug.Assert(input.Length == output.Length);
        Debug.Assert(!input.Overlaps(output, out int offset) || offset == 0);
    }
}
