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
// Calls are unmanaged function pointers. Init and Final, and Update on short inputs, run in bounded time, so they skip
// the GC transition (SuppressGCTransition); Update on longer inputs uses the ordinary transition so that a long hash
// never holds up a garbage collection.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NoFuture.Crypto.Interop;

/// <summary>A SHA-256/384/512 context as OpenSSL lays it out, with room to spare (224 ≥ 216 bytes).</summary>
[InlineArray(28)]
internal struct Sha2Context
{
    private ulong _element0;
}

internal static unsafe class LibCrypto
{
    /// <summary>Update calls on inputs up to this many bytes skip the GC transition (about 2 µs of SHA-NI work).</summary>
    internal const int ShortUpdate = 4096;

    private const string LibraryName = "libcrypto.so.3";

    /// <summary>True when the SHA-2 functions below can be called (decided once per process).</summary>
    internal static readonly bool IsAvailable;

    // SAFETY: each pointer is set once, in the static constructor, from the export of the same name, and is used
    // only when IsAvailable is true. Their C signatures: int SHAx_Init(CTX*); int SHAx_Update(CTX*, const void*, size_t);
    // int SHAx_Final(unsigned char*, CTX*).
    internal static readonly delegate* unmanaged[SuppressGCTransition]<Sha2Context*, int> Sha256Init, Sha384Init, Sha512Init;
    internal static readonly delegate* unmanaged[SuppressGCTransition]<Sha2Context*, byte*, nuint, int> Sha256UpdateShort, Sha512UpdateShort;
    internal static readonly delegate* unmanaged<Sha2Context*, byte*, nuint, int> Sha256UpdateLong, Sha512UpdateLong;
    internal static readonly delegate* unmanaged[SuppressGCTransition]<byte*, Sha2Context*, int> Sha256Final, Sha384Final, Sha512Final;

    static LibCrypto()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(LibraryName, out nint lib)) return;
        // The library stays loaded for the life of the process (the BCL holds it too), so the handle is never freed.
        if (!TryGet(lib, "SHA256_Init", out nint i256) || !TryGet(lib, "SHA256_Update", out nint u256) ||
            !TryGet(lib, "SHA256_Final", out nint f256) || !TryGet(lib, "SHA384_Init", out nint i384) ||
            !TryGet(lib, "SHA384_Final", out nint f384) || !TryGet(lib, "SHA512_Init", out nint i512) ||
            !TryGet(lib, "SHA512_Update", out nint u512) || !TryGet(lib, "SHA512_Final", out nint f512))
        {
            return;
        }
        Sha256Init = (delegate* unmanaged[SuppressGCTransition]<Sha2Context*, int>)i256;
        Sha384Init = (delegate* unmanaged[SuppressGCTransition]<Sha2Context*, int>)i384;
        Sha512Init = (delegate* unmanaged[SuppressGCTransition]<Sha2Context*, int>)i512;
        // SHA384_Update is SHA512_Update in OpenSSL (one compression over the same context), so one pointer serves both.
        Sha256UpdateShort = (delegate* unmanaged[SuppressGCTransition]<Sha2Context*, byte*, nuint, int>)u256;
        Sha512UpdateShort = (delegate* unmanaged[SuppressGCTransition]<Sha2Context*, byte*, nuint, int>)u512;
        Sha256UpdateLong = (delegate* unmanaged<Sha2Context*, byte*, nuint, int>)u256;
        Sha512UpdateLong = (delegate* unmanaged<Sha2Context*, byte*, nuint, int>)u512;
        Sha256Final = (delegate* unmanaged[SuppressGCTransition]<byte*, Sha2Context*, int>)f256;
        Sha384Final = (delegate* unmanaged[SuppressGCTransition]<byte*, Sha2Context*, int>)f384;
        Sha512Final = (delegate* unmanaged[SuppressGCTransition]<byte*, Sha2Context*, int>)f512;
        IsAvailable = KnownAnswers();
    }

    private static bool TryGet(nint lib, string name, out nint address) =>
        NativeLibrary.TryGetExport(lib, name, out address) && address != 0;

    /// <summary>FIPS 180-4 example "abc" for each function (the first 8 bytes of each digest), through a guarded context.</summary>
    private static bool KnownAnswers()
    {
        ReadOnlySpan<byte> abc = "abc"u8;
        Span<byte> digest = stackalloc byte[64];
        return Check(Sha256Init, Sha256UpdateShort, Sha256Final, abc, digest[..32], 0xba7816bf8f01cfea) &&
               Check(Sha384Init, Sha512UpdateShort, Sha384Final, abc, digest[..48], 0xcb00753f45a35e8b) &&
               Check(Sha512Init, Sha512UpdateShort, Sha512Final, abc, digest, 0xddaf35a193617aba);
    }

    private static bool Check(delegate* unmanaged[SuppressGCTransition]<Sha2Context*, int> init,
        delegate* unmanaged[SuppressGCTransition]<Sha2Context*, byte*, nuint, int> update,
        delegate* unmanaged[SuppressGCTransition]<byte*, Sha2Context*, int> final,
        ReadOnlySpan<byte> data, Span<byte> digest, ulong expectedPrefix)
    {
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
            if (init(ctx) != 1 || update(ctx, d, (nuint)data.Length) != 1 || final(md, ctx) != 1) return false;
        }
        bool canaryIntact = words[Words..].IndexOfAnyExcept(0xA5A5A5A5A5A5A5A5) < 0;
        return canaryIntact && System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest) == expectedPrefix;
    }
}
