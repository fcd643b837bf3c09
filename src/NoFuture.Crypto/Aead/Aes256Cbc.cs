// AES-256-CBC with PKCS#7 padding (NIST SP 800-38A §6.2; padding as RFC 5652 §6.3), the cipher of libsignal's 1:1
// messages (Signal's Double Ratchet specification, section 5.2: encrypt-then-MAC with HMAC-SHA256, so a receiver checks
// the MAC before it decrypts and a padding oracle cannot arise). Internal: NoFuture.Sessions is its only user, and CBC is
// not an AEAD, so it stays out of the public AeadAlgorithm family.
// Where the key goes, by path (chosen once per process, UseAesNi; both kept callable for the tests):
// - AES-NI (x86 with the AES instructions; Aes256Ni.cs): the key is expanded into stack scratch wiped in finally. Every
//   message has a fresh key, so the per-call set-up of an EVP context (provider dispatch, parameters, allocation: about
//   half a microsecond) cost as much as decrypting a kilobyte; this path has none of it.
// - Otherwise on Linux, OpenSSL's EVP context (Interop/LibCrypto.Cipher.cs: native heap, cleansed on free, never the GC
//   heap). Elsewhere the BCL's Aes, which copies the key into a managed byte[] for the call: the least-bad portable
//   option (documented in docs/sessions.md); the array is cleared when the Aes is disposed, but a GC may have moved it
//   first.
// The methods here and in Aes256Ni are jitted fully optimized at once (AggressiveOptimization, see Aes256Ni.cs).
// Padding is added and checked here, not by the cipher, so decryption writes whole blocks into the caller's scratch and
// the caller decides what reaches its destination. No caller overlaps its buffers; the AES-NI and EVP paths also work in
// place (scratch the ciphertext's memory, or the plaintext at the ciphertext's start; tested), shifted overlaps do not.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Aead;

internal static class Aes256Cbc
{
    internal const int KeySize = 32, BlockSize = 16;

    /// <summary>The ciphertext length for <paramref name="plaintextLength"/> bytes: PKCS#7 always adds 1 to 16 bytes.</summary>
    internal static int CiphertextLength(int plaintextLength) => (plaintextLength / BlockSize + 1) * BlockSize;

    /// <summary>True when the AES-NI path is used (decided once per process).</summary>
    internal static readonly bool UseAesNi = Aes256Ni.IsSupported;

    /// <summary>Encrypts with PKCS#7 padding into <paramref name="ciphertext"/> (exactly <see cref="CiphertextLength"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) =>
        Encrypt(UseAesNi, key, iv, plaintext, ciphertext);

    /// <summary><see cref="Encrypt(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> on the
    /// AES-NI path (<paramref name="aesNi"/>, only where <see cref="Aes256Ni.IsSupported"/>) or the EVP / BCL one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Encrypt(bool aesNi, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        Debug.Assert(key.Length == KeySize && iv.Length == BlockSize && ciphertext.Length == CiphertextLength(plaintext.Length));
        Debug.Assert(!aesNi || Aes256Ni.IsSupported);
        int full = plaintext.Length / BlockSize * BlockSize;
        // Whole blocks go straight from the plaintext; the last block (the plaintext's tail and the padding) is
        // assembled in wiped stack scratch and chained after them in the same call, so the plaintext is never copied
        // into the (public, movable) ciphertext buffer.
        Span<byte> last = stackalloc byte[BlockSize];
        Span<byte> schedule = aesNi ? stackalloc byte[Aes256Ni.ScheduleSize] : default;
        try
        {
            plaintext[full..].CopyTo(last);
            last[(plaintext.Length - full)..].Fill((byte)(BlockSize - (plaintext.Length - full)));
            if (aesNi)
            {
                Aes256Ni.ExpandKey(key, schedule);
                Vector128<byte> previous = Aes256Ni.EncryptCbc(schedule, Vector128.Create(iv), plaintext[..full], ciphertext[..full]);
                Aes256Ni.EncryptCbc(schedule, previous, last, ciphertext[full..]);
                return;
            }
            if (LibCrypto.IsCbcAvailable)
            {
                if (!LibCrypto.Aes256CbcBlocks(true, key, iv, plaintext[..full], ciphertext[..full], last, ciphertext[full..]))
                    CryptoThrowHelper.Unreachable();
                return;
            }
            if (full > 0) Blocks(true, key, iv, plaintext[..full], ciphertext[..full]);
            ReadOnlySpan<byte> chain = full > 0 ? ciphertext[(full - BlockSize)..full] : iv;
            Blocks(true, key, chain, last, ciphertext[full..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(last);
            CryptographicOperations.ZeroMemory(schedule);
        }
    }

    /// <summary>Decrypts whole blocks into <paramref name="scratch"/> (the ciphertext's length) and returns the plaintext
    /// length after removing PKCS#7 padding, or -1 when the length or the padding is wrong (the scratch is then cleared).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> scratch) =>
        Decrypt(UseAesNi, key, iv, ciphertext, scratch);

    /// <summary><see cref="Decrypt(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> on the
    /// AES-NI path (<paramref name="aesNi"/>, only where <see cref="Aes256Ni.IsSupported"/>) or the EVP / BCL one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Decrypt(bool aesNi, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> scratch)
    {
        Debug.Assert(key.Length == KeySize && iv.Length == BlockSize && scratch.Length == ciphertext.Length);
        Debug.Assert(!aesNi || Aes256Ni.IsSupported);
        if (ciphertext.Length == 0 || ciphertext.Length % BlockSize != 0) return -1;
        if (aesNi) DecryptBlocksNi(key, iv, ciphertext, scratch);
        else Blocks(false, key, iv, ciphertext, scratch);
        // PKCS#7 (RFC 5652 §6.3), checked in constant time over the whole last block: the bytes read and the work done
        // do not depend on the padding value. The caller has checked the MAC first (encrypt-then-MAC), so this is not
        // what stops a padding oracle; it keeps the check from timing the plaintext's length.
        ReadOnlySpan<byte> last = scratch[^BlockSize..];
        int pad = last[BlockSize - 1];
        int bad = ((pad - 1) | (BlockSize - pad)) >> 31; // -1 when pad is 0 or above 16
        for (int i = 0; i < BlockSize; i++)
        {
            int inPadding = (i - pad) >> 31; // -1 for the pad bytes at the end (i < pad)
            bad |= inPadding & (last[BlockSize - 1 - i] ^ pad);
        }
        if (bad != 0)
        {
            CryptographicOperations.ZeroMemory(scratch);
            return -1;
        }
        return ciphertext.Length - pad;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecryptBlocksNi(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<byte> schedule = stackalloc byte[Aes256Ni.ScheduleSize];
        try
        {
            Aes256Ni.ExpandKey(key, schedule);
            Aes256Ni.InvertSchedule(schedule);
            Aes256Ni.DecryptCbc(schedule, iv, input, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(schedule);
        }
    }

    private static void Blocks(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (LibCrypto.IsCbcAvailable)
        {
            if (!LibCrypto.Aes256CbcBlocks(encrypt, key, iv, input, output)) CryptoThrowHelper.Unreachable();
            return;
        }
        using var aes = Aes.Create();
        aes.SetKey(key); // a managed copy of the key: see the header
        if (encrypt) aes.EncryptCbc(input, iv, output, PaddingMode.None);
        else aes.DecryptCbc(input, iv, output, PaddingMode.None);
    }
}
