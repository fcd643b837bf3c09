// RFC 9106 §3.5-§3.6, G(X, Y) with one 16-byte register of the RFC (two 64-bit words) per Vector128<ulong>, as
// the RFC itself describes P: eight registers (a, a2, b, b2, c, c2, d, d2) = (v0v1, v2v3, ..., v14v15). A row is
// registers 8i..8i+7, a column registers i, i+8, ..., i+56; both go through the same round, whose diagonal step
// pairs words across registers with palignr. x86 uses SSE2/SSSE3 (pmuludq, pshufd, pshufb); other hardware uses
// the portable Vector128 operations (AdvSimd on Arm), which the JIT may emulate.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.PasswordHashing;

internal static unsafe class BlockCompressionVector128
{
    /// <summary>next = G(x, y) (or next ^= G(x, y)); q is 1 KiB of scratch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Compress(ulong* x, ulong* y, ulong* next, ulong* q, bool xorInto)
    {
        // SAFETY: x, y, next and q each point at 128 words (64 registers); every offset below is < 128.
        for (int i = 0; i < 128; i += 16)
        {
            Vector128<ulong> a = Vector128.Load(x + i) ^ Vector128.Load(y + i);
            Vector128<ulong> a2 = Vector128.Load(x + i + 2) ^ Vector128.Load(y + i + 2);
            Vector128<ulong> b = Vector128.Load(x + i + 4) ^ Vector128.Load(y + i + 4);
            Vector128<ulong> b2 = Vector128.Load(x + i + 6) ^ Vector128.Load(y + i + 6);
            Vector128<ulong> c = Vector128.Load(x + i + 8) ^ Vector128.Load(y + i + 8);
            Vector128<ulong> c2 = Vector128.Load(x + i + 10) ^ Vector128.Load(y + i + 10);
            Vector128<ulong> d = Vector128.Load(x + i + 12) ^ Vector128.Load(y + i + 12);
            Vector128<ulong> d2 = Vector128.Load(x + i + 14) ^ Vector128.Load(y + i + 14);
            ulong* n = next + i;
            if (xorInto)
            {
                (a ^ Vector128.Load(n)).Store(n); (a2 ^ Vector128.Load(n + 2)).Store(n + 2);
                (b ^ Vector128.Load(n + 4)).Store(n + 4); (b2 ^ Vector128.Load(n + 6)).Store(n + 6);
                (c ^ Vector128.Load(n + 8)).Store(n + 8); (c2 ^ Vector128.Load(n + 10)).Store(n + 10);
                (d ^ Vector128.Load(n + 12)).Store(n + 12); (d2 ^ Vector128.Load(n + 14)).Store(n + 14);
            }
            else
            {
                a.Store(n); a2.Store(n + 2); b.Store(n + 4); b2.Store(n + 6);
                c.Store(n + 8); c2.Store(n + 10); d.Store(n + 12); d2.Store(n + 14);
            }
            Round(ref a, ref a2, ref b, ref b2, ref c, ref c2, ref d, ref d2);
            ulong* t = q + i;
            a.Store(t); a2.Store(t + 2); b.Store(t + 4); b2.Store(t + 6);
            c.Store(t + 8); c2.Store(t + 10); d.Store(t + 12); d2.Store(t + 14);
        }
        for (int i = 0; i < 16; i += 2)
        {
            ulong* t = q + i; // column i / 2: registers at words i, i+16, ..., i+112
            Vector128<ulong> a = Vector128.Load(t), a2 = Vector128.Load(t + 16);
            Vector128<ulong> b = Vector128.Load(t + 32), b2 = Vector128.Load(t + 48);
            Vector128<ulong> c = Vector128.Load(t + 64), c2 = Vector128.Load(t + 80);
            Vector128<ulong> d = Vector128.Load(t + 96), d2 = Vector128.Load(t + 112);
            Round(ref a, ref a2, ref b, ref b2, ref c, ref c2, ref d, ref d2);
            ulong* n = next + i;
            (a ^ Vector128.Load(n)).Store(n); (a2 ^ Vector128.Load(n + 16)).Store(n + 16);
            (b ^ Vector128.Load(n + 32)).Store(n + 32); (b2 ^ Vector128.Load(n + 48)).Store(n + 48);
            (c ^ Vector128.Load(n + 64)).Store(n + 64); (c2 ^ Vector128.Load(n + 80)).Store(n + 80);
            (d ^ Vector128.Load(n + 96)).Store(n + 96); (d2 ^ Vector128.Load(n + 112)).Store(n + 112);
        }
    }

    /// <summary>P (RFC 9106 §3.6) on eight registers: GB on the columns of the 4x4 word matrix, then its diagonals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref Vector128<ulong> a, ref Vector128<ulong> a2, ref Vector128<ulong> b, ref Vector128<ulong> b2,
        ref Vector128<ulong> c, ref Vector128<ulong> c2, ref Vector128<ulong> d, ref Vector128<ulong> d2)
    {
        GB(ref a, ref b, ref c, ref d, ref a2, ref b2, ref c2, ref d2);
        Vector128<ulong> bb = Pair(b, b2), bb2 = Pair(b2, b); // (v5, v6), (v7, v4)
        Vector128<ulong> dd = Pair(d2, d), dd2 = Pair(d, d2); // (v15, v12), (v13, v14)
        GB(ref a, ref bb, ref c2, ref dd, ref a2, ref bb2, ref c, ref dd2);
        b = Pair(bb2, bb); b2 = Pair(bb, bb2);
        d = Pair(dd, dd2); d2 = Pair(dd2, dd);
    }

    /// <summary>(lo.upper word, hi.lower word): palignr by 8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Pair(Vector128<ulong> lo, Vector128<ulong> hi) =>
        Ssse3.IsSupported ? Ssse3.AlignRight(hi, lo, 8) : Vector128.Create(lo.GetUpper(), hi.GetLower());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GB(ref Vector128<ulong> a0, ref Vector128<ulong> b0, ref Vector128<ulong> c0, ref Vector128<ulong> d0,
        ref Vector128<ulong> a1, ref Vector128<ulong> b1, ref Vector128<ulong> c1, ref Vector128<ulong> d1)
    {
        a0 = BlaMka(a0, b0); a1 = BlaMka(a1, b1);
        d0 = Rotate32(d0 ^ a0); d1 = Rotate32(d1 ^ a1);
        c0 = BlaMka(c0, d0); c1 = BlaMka(c1, d1);
        b0 = Rotate24(b0 ^ c0); b1 = Rotate24(b1 ^ c1);
        a0 = BlaMka(a0, b0); a1 = BlaMka(a1, b1);
        d0 = Rotate16(d0 ^ a0); d1 = Rotate16(d1 ^ a1);
        c0 = BlaMka(c0, d0); c1 = BlaMka(c1, d1);
        b0 = Rotate63(b0 ^ c0); b1 = Rotate63(b1 ^ c1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> BlaMka(Vector128<ulong> x, Vector128<ulong> y)
    {
        Vector128<ulong> xy = Sse2.IsSupported
            ? Sse2.Multiply(x.AsUInt32(), y.AsUInt32())
            : (x & Vector128.Create(0xFFFF_FFFFUL)) * (y & Vector128.Create(0xFFFF_FFFFUL));
        return x + y + xy + xy;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Rotate32(Vector128<ulong> x) =>
        Vector128.Shuffle(x.AsUInt32(), Vector128.Create(1u, 0, 3, 2)).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Rotate24(Vector128<ulong> x) =>
        Vector128.Shuffle(x.AsByte(), Vector128.Create((byte)3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10)).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Rotate16(Vector128<ulong> x) =>
        Vector128.Shuffle(x.AsByte(), Vector128.Create((byte)2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9)).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Rotate63(Vector128<ulong> x) => (x + x) ^ (x >>> 63);
}
