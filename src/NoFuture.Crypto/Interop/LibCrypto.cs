// OpenSSL's low-level SHA-2 functions (SHA256_Init/Update/Final, SHA384_*, SHA512_*), reached directly in
// libcrypto.so.3, the library the BCL itself loads on Linux. Why (docs/dependencies.md, "SHA-2 and HMAC"): they run
// SHA-NI / AVX2 code, their context is a plain struct that the caller owns (so it lives on our stack or in a Secret and
// is wiped by us, never in OpenSSL's heap), and a context can be copied, which is what HMAC's precomputed inner and
// outer states need. The BCL offers no cloneable, caller-owned SHA-2 state, and .NET 10 has SHA intrinsics for Arm64
// only (System.Runtime.Intrinsics.Arm.Sha256), not for x86.
// These functions are deprecated in OpenSSL 3 but exported and stable (sha.h: SHA256_CTX is 112 bytes, SHA512_CTX 216,
// unchanged since 0.9.8); we reserve 224 bytes per context (Sha2Context) and verify known answers once at startup.
// Detection happens once, in the static constructor: Linux, libcrypto.so.3 loads, every export is present and the
// known-answer test passes. Otherwise (macOS, Windows, no OpenSSL 3) IsAvailable is false and callers use the BCL.
// Calls: [LibraryImport] P/Invokes, each behind a NoInlining wrapper that holds nothing but the call. Why: OpenSSL's
// SHA-NI code (and SHA256_Init itself) is legacy-SSE encoded, and the JIT's own AVX-512 code (zeroing or copying a
// 224-byte context with zmm stores) leaves the upper vector state dirty; entering legacy SSE code in that state costs
// about 140 ns per call on this Xeon (measured: SHA256_Init 147 ns called inline, 8 ns through the wrapper). The JIT
// puts a vzeroupper in the prolog of a method with an inlined P/Invoke, so a wrapper with no vector code of its own
// reaches OpenSSL with a clean state. An unmanaged function pointer (calli) gets no vzeroupper and pays the penalty.
// Init and Final, Transform, and Update on short inputs, run in bounded time, so they skip the GC transition
// (SuppressGCTransition); Update on longer inputs uses the ordinary transition so that a long hash never holds up a
// garbage collection.
// SHA256_Transform(c, block) is one compression, H = f(H, block), through the same sha256_block_data_order dispatcher
// (SHA-NI here) as Update, reading and writing only c->h[0..7]: HMAC-SHA256 (Kdf/Sha2Hmac.Sha256.cs) pads its own
// blocks and calls it with a 32-byte chaining value, skipping Update's and Final's bookkeeping (why: there).
// Detection checks that it touches nothing past those 32 bytes.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NoFuture.Crypto.Interop;

/// <summary>A SHA-256/384/512 context as OpenSSL lays it out, with room to spare (224 ≥ 216 bytes).</summary>
[InlineArray(28)]
internal struct Sha2Context
{
    private ulong _element0;
}

/// <summary>SHA-256's chaining value H(i) (FIPS 180-4 §6.2): eight words in host order, as the first 32 bytes of
/// OpenSSL's SHA256_CTX (h[0..7]), which is all SHA256_Transform reads and writes.</summary>
[InlineArray(8)]
internal struct Sha256ChainingValue
{
    private uint _element0;
}

internal static unsafe partial class LibCrypto
{
    /// <summary>Update calls on inputs up to this many bytes skip the GC transition (about 2 µs of SHA-NI work).</summary>
    internal const int ShortUpdate = 4096;

    private const string LibraryName = "libcrypto.so.3";

    /// <summary>True when the SHA-2 functions below can be called (decided once per process).</summary>
    internal static readonly bool IsAvailable = Detect();

    private static bool Detect()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(LibraryName, out nint lib)) return false;
        // The library stays loaded for the life of the process (the BCL holds it too), so the handle is never freed.
        foreach (string name in (ReadOnlySpan<string>)["SHA256_Init", "SHA256_Update", "SHA256_Final", "SHA256_Transform", "SHA384_Init",
                     "SHA384_Final", "SHA512_Init", "SHA512_Update", "SHA512_Final"])
        {
            if (!NativeLibrary.TryGetExport(lib, name, out nint address) || address == 0) return false;
        }
        return KnownAnswers();
    }

    // SAFETY (every wrapper below): the caller passes a pointer to a whole Sha2Context (224 bytes, more than OpenSSL's
    // 216), pinned or on the stack; data points to length readable bytes; md to the digest length (32/48/64) writable
    // bytes. Only called when IsAvailable is true. SHA384_Update is SHA512_Update in OpenSSL (one compression over the
    // same context), so Sha512Update serves both.

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Sha256Init(Sha2Context* c) => SHA256_Init(c);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Sha384Init(Sha2Context* c) => SHA384_Init(c);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Sha512Init(Sha2Context* c) => SHA512_Init(c);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Sha256UpdateShort(Sha2Context* c, byte* data, nuint length) => SHA256_Update_Short(c, data, length);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Sha512UpdateShort(Sha2Context* c, byte* data, nuint length) => SHA512_Update_Short(c, data, length);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Sha256UpdateLong(Sha2Context* c, byte* data, nuint length) => SHA256_Update(c, data, length);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Sha512UpdateLong(Sha2Context* c, byte* data, nuint length) => SHA512_Update(c, data, length);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Sha256Final(byte* md, Sha2Context* c) => SHA256_Final(md, c);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Sha384Final(byte* md, Sha2Context* c) => SHA384_Final(md, c);

    // SAFETY: h points to a whole Sha256ChainingValue (32 bytes, all that SHA256_Transform touches: checked by the
    // known answer below), block to 64 readable bytes. SHA256_Transform returns nothing and cannot fail.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Sha256Transform(Sha256ChainingValue* h, byte* block) => SHA256_Transform(h, block);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Sha512Final(byte* md, Sha2Context* c) => SHA512_Final(md, c);

#pragma warning disable CA1707, IDE1006 // OpenSSL's names
    [LibraryImport(LibraryName), SuppressGCTransition]
    private static partial int SHA256_Init(Sha2Context* c);

    [LibraryImport(LibraryName), SuppressGCTransition]
    private static partial int SHA384_Init(Sha2Context* c);

    [LibraryImport(LibraryName), SuppressGCTransition]
    private static partial int SHA512_Init(Sha2Context* c);

    [LibraryImport(LibraryName, EntryPoint = "SHA256_Update"), SuppressGCTransition]
    private static partial int SHA256_Update_Short(Sha2Context* c, byte* data, nuint length);

    [LibraryImport(LibraryName, EntryPoint = "SHA512_Update"), SuppressGCTransition]
    private static partial int SHA512_Update_Short(Sha2Context* c, byte* data, nuint length);

    [LibraryImport(LibraryName)]
    private static partial int SHA256_Update(Sha2Context* c, byte* data, nuint length);

    [LibraryImport(LibraryName)]
    private static partial int SHA512_Update(Sha2Context* c, byte* data, nuint length);

    [LibraryImport(LibraryName), SuppressGCTransition]
    private static partial int SHA256_Final(byte* md, Sha2Context* c);

    [LibraryImport(LibraryName), SuppressGCTransition]
    private static partial int SHA384_Final(byte* md, Sha2Context* c);

    /// <summary>Declared over the chaining value: OpenSSL's parameter is a SHA256_CTX*, of which it uses h[0..7].</summary>
    [LibraryImport(LibraryName), SuppressGCTransition]
    private static partial void SHA256_Transform(Sha256ChainingValue* h, byte* block);

    [LibraryImport(LibraryName), SuppressGCTransition]
    private static partial int SHA512_Final(byte* md, Sha2Context* c);
#pragma warning restore CA1707, IDE1006

    /// <summary>FIPS 180-4 example "abc" for each function (the first 8 bytes of each digest), through a guarded context;
    /// and for SHA256_Transform, through a guarded chaining value.</summary>
    private static bool KnownAnswers()
    {
        Span<byte> digest = stackalloc byte[64];
        return Check(0, digest[..32], 0xba7816bf8f01cfea) &&
               Check(1, digest[..48], 0xcb00753f45a35e8b) &&
               Check(2, digest, 0xddaf35a193617aba) &&
               CheckTransform();
    }

    /// <summary>One SHA256_Transform of the padded block of "abc" (FIPS 180-4 §5.1.1) from the initial hash value
    /// (§5.3.3) gives the digest's first words, and leaves the 32 bytes after the chaining value as they were.</summary>
    private static bool CheckTransform()
    {
        Span<uint> words = stackalloc uint[16];
        ReadOnlySpan<uint> iv = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        iv.CopyTo(words);
        words[8..].Fill(0xA5A5A5A5); // canary: were more than h[0..7] written, it would change
        Span<byte> block = stackalloc byte[64];
        block.Clear();
        "abc"u8.CopyTo(block);
        block[3] = 0x80;
        block[63] = 24; // the message length in bits, big-endian
        // SAFETY: h addresses the first 32 bytes of the 64-byte stack buffer (the rest is the canary), b the 64-byte
        // block; both pinned by fixed for the call.
        fixed (uint* w = words)
        fixed (byte* b = block)
        {
            Sha256Transform((Sha256ChainingValue*)w, b);
        }
        return words[0] == 0xba7816bf && words[1] == 0x8f01cfea && words[8..].IndexOfAnyExcept(0xA5A5A5A5u) < 0;
    }

    private static bool Check(int variant, Span<byte> digest, ulong expectedPrefix)
    {
        ReadOnlySpan<byte> data = "abc"u8;
        // A context with a canary tail: were OpenSSL's struct larger than we reserve, the canary would change.
        const int Words = 28; // sizeof(Sha2Context) / 8
        Span<ulong> words = stackalloc ulong[2 * Words];
        words.Clear();
        words[Words..].Fill(0xA5A5A5A5A5A5A5A5);
        // SAFETY: ctx addresses the first 224 bytes of the stack buffer (the rest is the canary), d the 3-byte input,
        // md the digest buffer of the function's output length; all are pinned by fixed for the duration of the calls.
        fixed (ulong* w = words)
        fixed (byte* d = data)
        fixed (byte* md = digest)
        {
            Sha2Context* ctx = (Sha2Context*)w;
            bool ok = variant switch
            {
                0 => Sha256Init(ctx) == 1 && Sha256UpdateShort(ctx, d, 3) == 1 && Sha256Final(md, ctx) == 1,
                1 => Sha384Init(ctx) == 1 && Sha512UpdateShort(ctx, d, 3) == 1 && Sha384Final(md, ctx) == 1,
                _ => Sha512Init(ctx) == 1 && Sha512UpdateShort(ctx, d, 3) == 1 && Sha512Final(md, ctx) == 1,
            };
            if (!ok) return false;
        }
        bool canaryIntact = words[Words..].IndexOfAnyExcept(0xA5A5A5A5A5A5A5A5) < 0;
        return canaryIntact && System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest) == expectedPrefix;
    }
}
