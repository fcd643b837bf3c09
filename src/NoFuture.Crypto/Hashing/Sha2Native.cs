// SHA-256/384/512 (FIPS 180-4) over OpenSSL's low-level functions (Interop/LibCrypto.cs: why), with the context in
// memory the caller owns: a stack local or a Secret. Callers wipe contexts that absorbed secret data (Wipe), in finally.
// Only used when LibCrypto.IsAvailable; otherwise the BCL serves (Sha2HashAlgorithm, Kdf/Sha2Hmac).
// For HMAC-SHA256 also bare compressions (Sha256Blocks: SHA256_Transform over a 32-byte chaining value, the caller
// padding), and the SHA256_CTX a keyed HMAC state is expected to be (SetSha256Context).
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Hashing;

/// <summary>Which SHA-2 function.</summary>
internal enum Sha2Variant : byte
{
    Sha256,
    Sha384,
    Sha512,
}

internal static unsafe class Sha2Native
{
    internal const int MaxHashSize = 64, MaxBlockSize = 128;

    internal static int HashLength(Sha2Variant v) => v switch { Sha2Variant.Sha256 => 32, Sha2Variant.Sha384 => 48, _ => 64 };

    internal static int BlockLength(Sha2Variant v) => v == Sha2Variant.Sha256 ? 64 : 128;

    internal static HashAlgorithmName Name(Sha2Variant v) => v switch
    {
        Sha2Variant.Sha256 => HashAlgorithmName.SHA256,
        Sha2Variant.Sha384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    internal static void Init(Sha2Variant v, ref Sha2Context ctx)
    {
        Debug.Assert(LibCrypto.IsAvailable);
        // SAFETY: c points to a whole Sha2Context (224 bytes, more than OpenSSL's 216), pinned for the call.
        fixed (Sha2Context* c = &ctx)
        {
            int r = v switch
            {
                Sha2Variant.Sha256 => LibCrypto.Sha256Init(c),
                Sha2Variant.Sha384 => LibCrypto.Sha384Init(c),
                _ => LibCrypto.Sha512Init(c),
            };
            if (r != 1) CryptoThrowHelper.NativeFailed("SHA2_Init");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Update(Sha2Variant v, ref Sha2Context ctx, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        UpdateCore(v, ref ctx, data);
    }

    private static void UpdateCore(Sha2Variant v, ref Sha2Context ctx, ReadOnlySpan<byte> data)
    {
        // SAFETY: c points to an initialised context, d to data.Length readable bytes; both pinned for the call.
        fixed (Sha2Context* c = &ctx)
        fixed (byte* d = data)
        {
            nuint n = (nuint)data.Length;
            bool sha256 = v == Sha2Variant.Sha256;
            int r = data.Length <= LibCrypto.ShortUpdate
                ? (sha256 ? LibCrypto.Sha256UpdateShort(c, d, n) : LibCrypto.Sha512UpdateShort(c, d, n))
                : (sha256 ? LibCrypto.Sha256UpdateLong(c, d, n) : LibCrypto.Sha512UpdateLong(c, d, n));
            if (r != 1) CryptoThrowHelper.NativeFailed("SHA2_Update");
        }
    }

    /// <summary>Writes the digest (exactly HashLength bytes) and leaves the context finished (re-Init before reuse).</summary>
    internal static void Final(Sha2Variant v, ref Sha2Context ctx, Span<byte> digest)
    {
        Debug.Assert(digest.Length == HashLength(v));
        // SAFETY: md points to HashLength(v) writable bytes (asserted), c to an initialised context; pinned for the call.
        fixed (Sha2Context* c = &ctx)
        fixed (byte* md = digest)
        {
            int r = v switch
            {
                Sha2Variant.Sha256 => LibCrypto.Sha256Final(md, c),
                Sha2Variant.Sha384 => LibCrypto.Sha384Final(md, c),
                _ => LibCrypto.Sha512Final(md, c),
            };
            if (r != 1) CryptoThrowHelper.NativeFailed("SHA2_Final");
        }
    }

    /// <summary>One-shot hash; the stack context is wiped.</summary>
    internal static void Hash(Sha2Variant v, ReadOnlySpan<byte> data, Span<byte> digest)
    {
        Sha2Context ctx;
        Unsafe.SkipInit(out ctx); // Init writes every field OpenSSL uses
        try
        {
            Init(v, ref ctx);
            Update(v, ref ctx, data);
            Final(v, ref ctx, digest);
        }
        finally
        {
            Wipe(v, ref ctx);
        }
    }

    /// <summary>Zeroes a context (not elided: ZeroMemory is opaque to the JIT).</summary>
    internal static void Wipe(ref Sha2Context ctx) =>
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref ctx, 1)));

    /// <summary>Zeroes the part of a context that <paramref name="v"/>'s functions use (SHA256_CTX: 112 bytes;
    /// SHA512_CTX: 216), or all of it.</summary>
    internal static void Wipe(Sha2Variant v, ref Sha2Context ctx) =>
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref ctx, 1))[..(v == Sha2Variant.Sha256 ? 112 : Unsafe.SizeOf<Sha2Context>())]);

    /// <summary>SHA-256's initial hash value H(0) (FIPS 180-4 §5.3.3).</summary>
    internal static ReadOnlySpan<uint> Sha256InitialHashValue =>
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// <summary>SHA-256 compressions H = f(H, block) over whole 64-byte blocks (no padding, no length bookkeeping:
    /// the caller does both), one SHA256_Transform per block.</summary>
    internal static void Sha256Blocks(ref Sha256ChainingValue h, ReadOnlySpan<byte> blocks)
    {
        Debug.Assert(LibCrypto.IsAvailable && blocks.Length % 64 == 0);
        // SAFETY: p points to the 32-byte chaining value, b to blocks.Length readable bytes, a whole number of 64-byte
        // blocks (asserted; every caller slices to a multiple of 64); both pinned for the calls.
        fixed (Sha256ChainingValue* p = &h)
        fixed (byte* b = blocks)
        {
            for (int offset = 0; offset < blocks.Length; offset += 64) LibCrypto.Sha256Transform(p, b + offset);
        }
    }

    /// <summary>The chaining value at the head of a SHA-256 context (SHA256_CTX's h[0..7]).</summary>
    internal static ref readonly Sha256ChainingValue ChainingValue(in Sha2Context ctx) =>
        ref Unsafe.As<Sha2Context, Sha256ChainingValue>(ref Unsafe.AsRef(in ctx));

    /// <summary>
    /// Writes a SHA-256 context exactly as SHA256_Init and one SHA256_Update of 64 bytes would leave it, whose chaining
    /// value is <paramref name="h"/> (what HMAC's keyed states are): h[0..7] = H, Nl = 512 (bits so far), Nh = 0,
    /// data zero, num = 0, md_len = 32 (sha.h's SHA256_CTX, 28 words). So a keyed context stays a valid context for
    /// Update and Final, although the HMAC path now reads only its chaining value.
    /// </summary>
    internal static void SetSha256Context(ref Sha2Context ctx, in Sha256ChainingValue h)
    {
        Span<uint> words = MemoryMarshal.Cast<ulong, uint>(MemoryMarshal.CreateSpan(ref ctx[0], 28))[..28];
        words.Clear();
        ((ReadOnlySpan<uint>)h).CopyTo(words);
        words[8] = 512; // Nl: the low word of the length in bits
        words[27] = 32; // md_len: SHA-256's digest length
    }

    /// <summary>Zeroes a chaining value (not elided: ZeroMemory is opaque to the JIT).</summary>
    internal static void Wipe(ref Sha256ChainingValue h) =>
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes((Span<uint>)h));

    /// <summary>A view of <paramref name="bytes"/> (at least sizeof(Sha2Context)) as a context.</summary>
    internal static ref Sha2Context AsContext(Span<byte> bytes) =>
        ref MemoryMarshal.AsRef<Sha2Context>(bytes[..Unsafe.SizeOf<Sha2Context>()]);
}
