// OpenSSL's EVP AES-256-CBC (libcrypto.so.3), for libsignal's message encryption (AES-256-CBC with PKCS#7 padding under
// HMAC-SHA256, encrypt-then-MAC; Signal's Double Ratchet specification, section 5.2). Why EVP and not the BCL: the
// BCL's Aes keeps its key in a managed byte[] (SymmetricAlgorithm.Key), so a message key would reach the GC heap, where
// a compaction can leave copies that nothing wipes. EVP keys a cipher context allocated in OpenSSL's native heap from
// our span; EVP_CIPHER_CTX_free cleanses it (OPENSSL_clear_free) before returning, so the expanded key lives only for
// the call, outside the GC heap. The low-level AES_cbc_encrypt would keep the schedule on our stack, but on x86-64 it
// is OpenSSL's table-based code (not AES-NI): cache-timing leaks, so it is not used.
// Detection is separate from the SHA-2 functions' (LibCrypto.IsAvailable): Linux, the exports present, and a known
// answer (NIST SP 800-38A F.2.5, CBC-AES256.Encrypt, first block). The cipher is fetched once (EVP_CIPHER_fetch) and
// kept for the process: passing EVP_aes_256_cbc() instead makes every init look the implementation up in the provider
// again, which costs more than the encryption of a short message. A call may cover two segments (whole blocks from the
// caller's plaintext, then the padded last block from stack scratch) on one context, so CBC chains across them and the
// key is expanded once.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NoFuture.Crypto.Interop;

internal static unsafe partial class LibCrypto
{
    /// <summary>True when the EVP AES-256-CBC functions below can be called (decided once per process).</summary>
    internal static readonly bool IsCbcAvailable = DetectCbc();

    private static bool DetectCbc()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(LibraryName, out nint lib)) return false;
        foreach (string name in (ReadOnlySpan<string>)["EVP_CIPHER_CTX_new", "EVP_CIPHER_CTX_free", "EVP_CIPHER_fetch",
                     "EVP_CipherInit_ex", "EVP_CipherUpdate", "EVP_CipherFinal_ex", "EVP_CIPHER_CTX_set_padding"])
        {
            if (!NativeLibrary.TryGetExport(lib, name, out nint address) || address == 0) return false;
        }
        // SAFETY: a NUL-terminated ASCII algorithm name in a fixed buffer; library context and properties are NULL
        // (the default ones). The returned cipher is never freed: it lives as long as the process, like the library.
        fixed (byte* name = "AES-256-CBC\0"u8)
            s_aes256Cbc = EVP_CIPHER_fetch(0, name, null);
        return s_aes256Cbc != 0 && CbcKnownAnswer();
    }

    private static nint s_aes256Cbc;

    /// <summary>AES-256-CBC over whole blocks, no padding: <paramref name="input"/> into <paramref name="output"/>, then
    /// <paramref name="input2"/> into <paramref name="output2"/> chained from it (either may be empty; each output has
    /// its input's length, a multiple of 16). Returns false when OpenSSL reports a failure (never expected).</summary>
    internal static bool Aes256CbcBlocks(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input,
        Span<byte> output, ReadOnlySpan<byte> input2 = default, Span<byte> output2 = default)
    {
        nint ctx = EVP_CIPHER_CTX_new();
        if (ctx == 0) return false;
        try
        {
            // SAFETY: key is 32 bytes and iv 16 (checked by the caller, Aes256Cbc); each output has its input's length,
            // a multiple of the block size, and padding is off, so EVP_CipherUpdate writes exactly that many bytes and
            // EVP_CipherFinal_ex none; all spans are pinned by fixed for the calls.
            fixed (byte* k = key)
            fixed (byte* v = iv)
            fixed (byte* i = input)
            fixed (byte* o = output)
            fixed (byte* i2 = input2)
            fixed (byte* o2 = output2)
            {
                if (EVP_CipherInit_ex(ctx, s_aes256Cbc, 0, k, v, encrypt ? 1 : 0) != 1) return false;
                if (EVP_CIPHER_CTX_set_padding(ctx, 0) != 1) return false;
                int written = 0, written2 = 0, final = 0;
                if (input.Length > 0 && EVP_CipherUpdate(ctx, o, &written, i, input.Length) != 1) return false;
                if (input2.Length > 0 && EVP_CipherUpdate(ctx, o2, &written2, i2, input2.Length) != 1) return false;
                byte none = 0;
                if (EVP_CipherFinal_ex(ctx, &none, &final) != 1) return false;
                return written == input.Length && written2 == input2.Length && final == 0;
            }
        }
        finally
        {
            EVP_CIPHER_CTX_free(ctx); // cleanses the key schedule
        }
    }

#pragma warning disable CA1707, IDE1006 // OpenSSL's names
    [LibraryImport(LibraryName)]
    private static partial nint EVP_CIPHER_CTX_new();

    [LibraryImport(LibraryName)]
    private static partial void EVP_CIPHER_CTX_free(nint ctx);

    [LibraryImport(LibraryName)]
    private static partial nint EVP_CIPHER_fetch(nint libraryContext, byte* algorithm, byte* properties);

    [LibraryImport(LibraryName)]
    private static partial int EVP_CipherInit_ex(nint ctx, nint cipher, nint engine, byte* key, byte* iv, int enc);

    [LibraryImport(LibraryName)]
    private static partial int EVP_CIPHER_CTX_set_padding(nint ctx, int padding);

    [LibraryImport(LibraryName)]
    private static partial int EVP_CipherUpdate(nint ctx, byte* output, int* outputLength, byte* input, int inputLength);

    [LibraryImport(LibraryName)]
    private static partial int EVP_CipherFinal_ex(nint ctx, byte* output, int* outputLength);
#pragma warning restore CA1707, IDE1006

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool CbcKnownAnswer()
    {
        // NIST SP 800-38A, F.2.5 CBC-AES256.Encrypt, block #1.
        ReadOnlySpan<byte> key = [0x60, 0x3d, 0xeb, 0x10, 0x15, 0xca, 0x71, 0xbe, 0x2b, 0x73, 0xae, 0xf0, 0x85, 0x7d, 0x77, 0x81,
            0x1f, 0x35, 0x2c, 0x07, 0x3b, 0x61, 0x08, 0xd7, 0x2d, 0x98, 0x10, 0xa3, 0x09, 0x14, 0xdf, 0xf4];
        ReadOnlySpan<byte> iv = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f];
        ReadOnlySpan<byte> plaintext = [0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96, 0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a];
        ReadOnlySpan<byte> expected = [0xf5, 0x8c, 0x4c, 0x04, 0xd6, 0xe5, 0xf1, 0xba, 0x77, 0x9e, 0xab, 0xfb, 0x5f, 0x7b, 0xfb, 0xd6];
        Span<byte> output = stackalloc byte[16];
        return Aes256CbcBlocks(true, key, iv, plaintext, output) && output.SequenceEqual(expected);
    }
}
