// RFC 9106 §3.5-§3.6, G(X, Y) with AVX2, four 64-bit words per Vector256<ulong> (a block is 32 vectors).
// Rows: row i is vectors 4i..4i+3 = (a, b, c, d); GB runs on the four columns of the 4x4 word matrix lane-wise,
// then vpermq rotates b, c, d by 1, 2, 3 lanes so the same lane-wise GB covers the diagonals, and back.
// Columns: RFC column i is registers i, i+8, ..., i+56 (word pairs). Vectors j, j+4, ..., j+28 (j = 0..3) hold
// columns 2j and 2j+1 side by side, one per 128-bit half, as (a, a2, b, b2, c, c2, d, d2) pairs of words;
// vpalignr (within each half) forms the diagonals. Multiplication: vpmuludq (lo32 x lo32 -> 64). Rotations:
// 32 = vpshufd, 24 and 16 = vpshufb, 63 = shift and add. Pass 1 writes R (or next xor R) to next and P(rows) to
// the scratch q; pass 2 runs P on the columns of q and xors the result into next.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.PasswordHashing;

internal static unsafe class BlockCompressionVector256
{
    /// <summary>next = G(x, y) (or next ^= G(x, y)); q is 1 KiB of scratch. Requires AVX2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Compress(ulong* x, ulong* y, ulong* next, ulong* q, bool xorInto)
    {
        // SAFETY: x, y, next and q each point at 128 words (32 vectors); every index below is < 32.
        var vx = (Vector256<ulong>*)x;
        var vy = (Vector256<ulong>*)y;
        var vn = (Vector256<ulong>*)next;
        var vq = (Vector256<ulong>*)q;
        for (int i = 0; i < 32; i += 8)
        {
            // Two rows at a time for instruction-level parallelism.
            Vector256<ulong> a0 = Vector256.Load((ulong*)(vx + i)) ^ Vector256.Load((ulong*)(vy + i));
            Vector256<ulong> b0 = Vector256.Load((ulong*)(vx + i + 1)) ^ Vector256.Load((ulong*)(vy + i + 1));
            Vector256<ulong> c0 = Vector256.Load((ulong*)(vx + i + 2)) ^ Vector256.Load((ulong*)(vy + i + 2));
            Vector256<ulong> d0 = Vector256.Load((ulong*)(vx + i + 3)) ^ Vector256.Load((ulong*)(vy + i + 3));
            Vector256<ulong> a1 = Vector256.Load((ulong*)(vx + i + 4)) ^ Vector256.Load((ulong*)(vy + i + 4));
            Vector256<ulong> b1 = Vector256.Load((ulong*)(vx + i + 5)) ^ Vector256.Load((ulong*)(vy + i + 5));
            Vector256<ulong> c1 = Vector256.Load((ulong*)(vx + i + 6)) ^ Vector256.Load((ulong*)(vy + i + 6));
            Vector256<ulong> d1 = Vector256.Load((ulong*)(vx + i + 7)) ^ Vector256.Load((ulong*)(vy + i + 7));
            ulong* n = (ulong*)(vn + i);
            if (xorInto)
            {
                (a0 ^ Vector256.Load(n)).Store(n);
                (b0 ^ Vector256.Load(n + 4)).Store(n + 4);
                (c0 ^ Vector256.Load(n + 8)).Store(n + 8);
                (d0 ^ Vector256.Load(n + 12)).Store(n + 12);
                (a1 ^ Vector256.Load(n + 16)).Store(n + 16);
                (b1 ^ Vector256.Load(n + 20)).Store(n + 20);
                (c1 ^ Vector256.Load(n + 24)).Store(n + 24);
                (d1 ^ Vector256.Load(n + 28)).Store(n + 28);
            }
            else
            {
                a0.Store(n); b0.Store(n + 4); c0.Store(n + 8); d0.Store(n + 12);
                a1.Store(n + 16); b1.Store(n + 20); c1.Store(n + 24); d1.Store(n + 28);
            }

            GB(ref a0, ref b0, ref c0, ref d0, ref a1, ref b1, ref c1, ref d1);
            b0 = Avx2.Permute4x64(b0, 0x39); c0 = Avx2.Permute4x64(c0, 0x4E); d0 = Avx2.Permute4x64(d0, 0x93);
            b1 = Avx2.Permute4x64(b1, 0x39); c1 = Avx2.Permute4x64(c1, 0x4E); d1 = Avx2.Permute4x64(d1, 0x93);
            GB(ref a0, ref b0, ref c0, ref d0, ref a1, ref b1, ref c1, ref d1);
            b0 = Avx2.Permute4x64(b0, 0x93); c0 = Avx2.Permute4x64(c0, 0x4E); d0 = Avx2.Permute4x64(d0, 0x39);
            b1 = Avx2.Permute4x64(b1, 0x93); c1 = Avx2.Permute4x64(c1, 0x4E); d1 = Avx2.Permute4x64(d1, 0x39);

            ulong* t = (ulong*)(vq + i);
            a0.Store(t); b0.Store(t + 4); c0.Store(t + 8); d0.Store(t + 12);
            a1.Store(t + 16); b1.Store(t + 20); c1.Store(t + 24); d1.Store(t + 28);
        }
        for (int j = 0; j < 4; j++)
        {
            ulong* t = (ulong*)(vq + j);
            Vector256<ulong> a = Vector256.Load(t), a2 = Vector256.Load(t + 16);
            Vector256<ulong> b = Vector256.Load(t + 32), b2 = Vector256.Load(t + 48);
            Vector256<ulong> c = Vector256.Load(t + 64), c2 = Vector256.Load(t + 80);
            Vector256<ulong> d = Vector256.Load(t + 96), d2 = Vector256.Load(t + 112);

            GB(ref a, ref b, ref c, ref d, ref a2, ref b2, ref c2, ref d2);
            // Diagonals: (v0,v5,v10,v15) (v1,v6,v11,v12) (v2,v7,v8,v13) (v3,v4,v9,v14) in each 128-bit half.
            Vector256<ulong> bb = Avx2.AlignRight(b2, b, 8), bb2 = Avx2.AlignRight(b, b2, 8);
            Vector256<ulong> dd = Avx2.AlignRight(d, d2, 8), dd2 = Avx2.AlignRight(d2, d, 8);
            GB(ref a, ref bb, ref c2, ref dd, ref a2, ref bb2, ref c, ref dd2);
            b = Avx2.AlignRight(bb, bb2, 8); b2 = Avx2.AlignRight(bb2, bb, 8);
            d = Avx2.AlignRight(dd2, dd, 8); d2 = Avx2.AlignRight(dd, dd2, 8);

            ulong* n = (ulong*)(vn + j);
            (a ^ Vector256.Load(n)).Store(n);
            (a2 ^ Vector256.Load(n + 16)).Store(n + 16);
            (b ^ Vector256.Load(n + 32)).Store(n + 32);
            (b2 ^ Vector256.Load(n + 48)).Store(n + 48);
            (c ^ Vector256.Load(n + 64)).Store(n + 64);
            (c2 ^ Vector256.Load(n + 80)).Store(n + 80);
            (d ^ Vector256.Load(n + 96)).Store(n + 96);
            (d2 ^ Vector256.Load(n + 112)).Store(n + 112);
        }
    }

    /// <summary>Two independent lane-wise GB(a, b, c, d) (RFC 9106 §3.6), interleaved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GB(ref Vector256<ulong> a0, ref Vector256<ulong> b0, ref Vector256<ulong> c0, ref Vector256<ulong> d0,
        ref Vector256<ulong> a1, ref Vector256<ulong> b1, ref Vector256<ulong> c1, ref Vector256<ulong> d1)
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
    private static Vector256<ulong> BlaMka(Vector256<ulong> x, Vector256<ulong> y)
    {
        Vector256<ulong> xy = Avx2.Multiply(x.AsUInt32(), y.AsUInt32());
        return x + y + xy + xy;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Rotate32(Vector256<ulong> x) => Avx2.Shuffle(x.AsUInt32(), 0b10_11_00_01).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Rotate24(Vector256<ulong> x) => Avx2.Shuffle(x.AsByte(), Vector256.Create(
        (byte)3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10,
        3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10)).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Rotate16(Vector256<ulong> x) => Avx2.Shuffle(x.AsByte(), Vector256.Create(
        (byte)2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9,
        2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9)).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Rotate63(Vector256<ulong> x) => (x + x) ^ Avx2.ShiftRightLogical(x, 63);
}
