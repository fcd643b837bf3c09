// ML-DSA polynomial arithmetic on Vector128<int> (4 coefficients, SSE4.1): PolyVector256's operations on half the
// width, lane by lane equal to the scalar path (see PolyVector256 for the Montgomery high-half products).
//
// Choices:
// - NTT layers with len >= 4 pair whole vectors; the last two (len = 2, 1) work on two vectors at a time, regrouped
//   with punpck{l,h}qdq (len 2) and a pshufd to even/odd order first (len 1), zetas laid out in that order.
// - Constant time: no branch or index depends on coefficients.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.MlDsa.Simd;

internal static class PolyVector128
{
    private const int N = MlDsaParameters.N, Lanes = 4;
    private const int Q = MlDsaParameters.Q, QInv = 58728449, InverseScale = 41978, D = MlDsaParameters.D;

    private static readonly int[] ForwardTail = BuildTail(inverse: false);
    private static readonly int[] InverseTail = BuildTail(inverse: true);

    /// <summary>
    /// For each pair of vectors b (coefficients 8 b .. 8 b + 7): the zetas of layers len = 2, 1 in the lane order of
    /// the regrouped vectors (4 each). Forward uses zetas[128 / len + block], inverse -zetas[256 / len - 1 - block].
    /// </summary>
    private static int[] BuildTail(bool inverse)
    {
        ReadOnlySpan<int> zetas = Ntt.ZetaTable;
        ReadOnlySpan<int> len2 = [0, 0, 1, 1], len1 = [0, 1, 2, 3];
        var table = new int[32 * 8];
        for (int b = 0; b < 32; b++)
        {
            for (int e = 0; e < 4; e++)
            {
                table[8 * b + e] = Zeta(zetas, inverse, 2, 2 * b + len2[e]);
                table[8 * b + 4 + e] = Zeta(zetas, inverse, 1, 4 * b + len1[e]);
            }
        }
        return table;
    }

    private static int Zeta(ReadOnlySpan<int> zetas, bool inverse, int len, int block) =>
        inverse ? -zetas[N / len - 1 - block] : zetas[N / 2 / len + block];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> MulHi(Vector128<int> a, Vector128<int> b)
    {
        Vector128<int> even = Sse2.ShiftRightLogical(Sse41.Multiply(a, b), 32).AsInt32();
        Vector128<int> odd = Sse41.Multiply(Sse2.ShiftRightLogical(a.AsInt64(), 32).AsInt32(), Sse2.ShiftRightLogical(b.AsInt64(), 32).AsInt32()).AsInt32();
        return Sse41.Blend(even.AsInt16(), odd.AsInt16(), 0b1100_1100).AsInt32();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> MulHiUnsigned(Vector128<int> a, uint b)
    {
        Vector128<uint> m = Vector128.Create(b);
        Vector128<int> even = Sse2.ShiftRightLogical(Sse2.Multiply(a.AsUInt32(), m), 32).AsInt32();
        Vector128<int> odd = Sse2.Multiply(Sse2.ShiftRightLogical(a.AsUInt64(), 32).AsUInt32(), m).AsInt32();
        return Sse41.Blend(even.AsInt16(), odd.AsInt16(), 0b1100_1100).AsInt32();
    }

    /// <summary>Field.MontgomeryMultiply per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<int> MontgomeryMultiply(Vector128<int> a, Vector128<int> b)
    {
        Vector128<int> t = Sse41.MultiplyLow(Sse41.MultiplyLow(a, b), Vector128.Create(QInv));
        return MulHi(a, b) - MulHi(t, Vector128.Create(Q));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> UnpackLow64(Vector128<int> a, Vector128<int> b) => Sse2.UnpackLow(a.AsInt64(), b.AsInt64()).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> UnpackHigh64(Vector128<int> a, Vector128<int> b) => Sse2.UnpackHigh(a.AsInt64(), b.AsInt64()).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref Vector128<int> lo, ref Vector128<int> hi, Vector128<int> zeta)
    {
        Vector128<int> t = MontgomeryMultiply(zeta, hi);
        hi = lo - t;
        lo += t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InverseButterfly(ref Vector128<int> lo, ref Vector128<int> hi, Vector128<int> zeta)
    {
        Vector128<int> t = lo;
        lo = Reduce32(t + hi);
        hi = MontgomeryMultiply(zeta, t - hi);
    }

    /// <summary>Ntt.Forward.</summary>
    internal static void Forward(Span<int> w)
    {
        ReadOnlySpan<int> zetas = Ntt.ZetaTable;
        Span<Vector128<int>> v = MemoryMarshal.Cast<int, Vector128<int>>(w[..N]);
        int m = 0;
        for (int len = 128; len >= Lanes; len >>= 1)
        {
            int step = len / Lanes;
            for (int start = 0; start < N / Lanes; start += 2 * step)
            {
                Vector128<int> z = Vector128.Create(zetas[++m]);
                for (int j = start; j < start + step; j++) Butterfly(ref v[j], ref v[j + step], z);
            }
        }
        ReadOnlySpan<Vector128<int>> tail = MemoryMarshal.Cast<int, Vector128<int>>(ForwardTail);
        for (int b = 0; b < 32; b++)
        {
            Vector128<int> a = v[2 * b], c = v[2 * b + 1];
            Vector128<int> x = UnpackLow64(a, c), y = UnpackHigh64(a, c);
            Butterfly(ref x, ref y, tail[2 * b]);
            a = Sse2.Shuffle(UnpackLow64(x, y), 0xD8);
            c = Sse2.Shuffle(UnpackHigh64(x, y), 0xD8);
            x = UnpackLow64(a, c);
            y = UnpackHigh64(a, c);
            Butterfly(ref x, ref y, tail[2 * b + 1]);
            v[2 * b] = Sse2.Shuffle(UnpackLow64(x, y), 0xD8);
            v[2 * b + 1] = Sse2.Shuffle(UnpackHigh64(x, y), 0xD8);
        }
    }

    /// <summary>Ntt.InverseFromMontgomery.</summary>
    internal static void InverseFromMontgomery(Span<int> w)
    {
        ReadOnlySpan<int> zetas = Ntt.ZetaTable;
        Span<Vector128<int>> v = MemoryMarshal.Cast<int, Vector128<int>>(w[..N]);
        ReadOnlySpan<Vector128<int>> tail = MemoryMarshal.Cast<int, Vector128<int>>(InverseTail);
        for (int b = 0; b < 32; b++)
        {
            Vector128<int> a = Sse2.Shuffle(Reduce32(v[2 * b]), 0xD8), c = Sse2.Shuffle(Reduce32(v[2 * b + 1]), 0xD8);
            Vector128<int> x = UnpackLow64(a, c), y = UnpackHigh64(a, c);
            InverseButterfly(ref x, ref y, tail[2 * b + 1]);
            a = Sse2.Shuffle(UnpackLow64(x, y), 0xD8);
            c = Sse2.Shuffle(UnpackHigh64(x, y), 0xD8);
            x = UnpackLow64(a, c);
            y = UnpackHigh64(a, c);
            InverseButterfly(ref x, ref y, tail[2 * b]);
            v[2 * b] = UnpackLow64(x, y);
            v[2 * b + 1] = UnpackHigh64(x, y);
        }
        int m = 64; // the layers len = 1, 2 used zetas 255 down to 64
        for (int len = Lanes; len < N; len <<= 1)
        {
            int step = len / Lanes;
            for (int start = 0; start < N / Lanes; start += 2 * step)
            {
                Vector128<int> z = Vector128.Create(-zetas[--m]);
                for (int j = start; j < start + step; j++) InverseButterfly(ref v[j], ref v[j + step], z);
            }
        }
        Vector128<int> scale = Vector128.Create(InverseScale);
        for (int j = 0; j < v.Length; j++) v[j] = MontgomeryMultiply(scale, v[j]);
    }

    /// <summary>Ntt.PointwiseMontgomery.</summary>
    internal static void PointwiseMontgomery(Span<int> f, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        Span<Vector128<int>> fv = MemoryMarshal.Cast<int, Vector128<int>>(f[..N]);
        ReadOnlySpan<Vector128<int>> av = MemoryMarshal.Cast<int, Vector128<int>>(a[..N]), bv = MemoryMarshal.Cast<int, Vector128<int>>(b[..N]);
        for (int j = 0; j < fv.Length; j++) fv[j] = MontgomeryMultiply(av[j], bv[j]);
    }

    /// <summary>Ntt.PointwiseMontgomeryAccumulate.</summary>
    internal static void PointwiseMontgomeryAccumulate(Span<int> f, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        Span<Vector128<int>> fv = MemoryMarshal.Cast<int, Vector128<int>>(f[..N]);
        ReadOnlySpan<Vector128<int>> av = MemoryMarshal.Cast<int, Vector128<int>>(a[..N]), bv = MemoryMarshal.Cast<int, Vector128<int>>(b[..N]);
        for (int j = 0; j < fv.Length; j++) fv[j] += MontgomeryMultiply(av[j], bv[j]);
    }

    /// <summary>f -= a o b (Montgomery products).</summary>
    internal static void PointwiseMontgomerySubtract(Span<int> f, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        Span<Vector128<int>> fv = MemoryMarshal.Cast<int, Vector128<int>>(f[..N]);
        ReadOnlySpan<Vector128<int>> av = MemoryMarshal.Cast<int, Vector128<int>>(a[..N]), bv = MemoryMarshal.Cast<int, Vector128<int>>(b[..N]);
        for (int j = 0; j < fv.Length; j++) fv[j] -= MontgomeryMultiply(av[j], bv[j]);
    }

    // ---- element-wise operations (the same text as PolyVector256's, on the narrower vector) ----

    /// <summary>Field.Reduce32 per lane (t q as shifts: q = 2^23 - 2^13 + 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Reduce32(Vector128<int> a)
    {
        Vector128<int> t = (a + Vector128.Create(1 << 22)) >> 23;
        return a - ((t << 23) - (t << 13) + t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Freeze(Vector128<int> a)
    {
        a = Reduce32(a);
        return a + ((a >> 31) & Vector128.Create(Q));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> CenterFrozen(Vector128<int> a) => a - (((Vector128.Create((Q - 1) / 2) - a) >> 31) & Vector128.Create(Q));

    /// <summary>Rounding.Decompose per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Decompose(Vector128<int> r, int gamma2, out Vector128<int> r0)
    {
        uint multiplier = (uint)(gamma2 == Rounding.Gamma2Small ? Rounding.MultiplierSmall : Rounding.MultiplierLarge);
        Vector128<int> r1 = MulHiUnsigned(r + Vector128.Create(gamma2 - 1), multiplier) >>> 16;
        Vector128<int> low = r - r1 * Vector128.Create(2 * gamma2);
        Vector128<int> wrap = ((r1 ^ Vector128.Create((Q - 1) / (2 * gamma2))) - Vector128<int>.One) >> 31;
        r0 = low + wrap;
        return r1 & ~wrap;
    }

    /// <summary>w = Freeze(w); w1 = HighBits(w) (Algorithm 7, step 13).</summary>
    internal static void FreezeHighBits(Span<int> w, Span<int> w1, int gamma2)
    {
        Span<Vector128<int>> wv = MemoryMarshal.Cast<int, Vector128<int>>(w[..N]), w1v = MemoryMarshal.Cast<int, Vector128<int>>(w1[..N]);
        for (int j = 0; j < wv.Length; j++)
        {
            Vector128<int> f = Freeze(wv[j]);
            wv[j] = f;
            w1v[j] = Decompose(f, gamma2, out _);
        }
    }

    /// <summary>z = y + CenterFrozen(Freeze(z)) (Algorithm 7, step 20).</summary>
    internal static void AddCentered(Span<int> z, ReadOnlySpan<int> y)
    {
        Span<Vector128<int>> zv = MemoryMarshal.Cast<int, Vector128<int>>(z[..N]);
        ReadOnlySpan<Vector128<int>> yv = MemoryMarshal.Cast<int, Vector128<int>>(y[..N]);
        for (int j = 0; j < zv.Length; j++) zv[j] = yv[j] + CenterFrozen(Freeze(zv[j]));
    }

    /// <summary>f = CenterFrozen(Freeze(f)).</summary>
    internal static void CenterFreeze(Span<int> f)
    {
        Span<Vector128<int>> fv = MemoryMarshal.Cast<int, Vector128<int>>(f);
        for (int j = 0; j < fv.Length; j++) fv[j] = CenterFrozen(Freeze(fv[j]));
    }

    /// <summary>Field.ExceedsNorm: reads every coefficient, no early exit.</summary>
    internal static int ExceedsNorm(ReadOnlySpan<int> f, int bound)
    {
        ReadOnlySpan<Vector128<int>> fv = MemoryMarshal.Cast<int, Vector128<int>>(f);
        Vector128<int> any = Vector128<int>.Zero, limit = Vector128.Create(bound - 1);
        for (int j = 0; j < fv.Length; j++) any |= limit - Vector128.Abs(fv[j]);
        return (int)((any.ExtractMostSignificantBits() + 0xF) >> 4); // 1 when some lane's sign bit is set
    }

    /// <summary>r = Freeze(w - r); returns ExceedsNorm(LowBits(r), bound) (Algorithm 7, steps 19, 21, 23).</summary>
    internal static int SubtractFreezeLowBitsExceed(Span<int> r, ReadOnlySpan<int> w, int gamma2, int bound)
    {
        Span<Vector128<int>> rv = MemoryMarshal.Cast<int, Vector128<int>>(r[..N]);
        ReadOnlySpan<Vector128<int>> wv = MemoryMarshal.Cast<int, Vector128<int>>(w[..N]);
        Vector128<int> any = Vector128<int>.Zero, limit = Vector128.Create(bound - 1);
        for (int j = 0; j < rv.Length; j++)
        {
            Vector128<int> f = Freeze(wv[j] - rv[j]);
            rv[j] = f;
            Decompose(f, gamma2, out Vector128<int> r0);
            any |= limit - Vector128.Abs(r0);
        }
        return (int)((any.ExtractMostSignificantBits() + 0xF) >> 4); // 1 when some lane's sign bit is set
    }

    /// <summary>hint = MakeHint(Freeze(r + ct0), r); returns the number of ones (Algorithm 7, step 26).</summary>
    internal static int MakeHints(ReadOnlySpan<int> r, ReadOnlySpan<int> ct0, Span<int> hint, int gamma2)
    {
        ReadOnlySpan<Vector128<int>> rv = MemoryMarshal.Cast<int, Vector128<int>>(r[..N]), cv = MemoryMarshal.Cast<int, Vector128<int>>(ct0[..N]);
        Span<Vector128<int>> hv = MemoryMarshal.Cast<int, Vector128<int>>(hint[..N]);
        Vector128<int> ones = Vector128<int>.Zero;
        for (int j = 0; j < rv.Length; j++)
        {
            Vector128<int> difference = Decompose(rv[j], gamma2, out _) ^ Decompose(Freeze(rv[j] + cv[j]), gamma2, out _);
            Vector128<int> h = ((-difference).AsUInt32() >>> 31).AsInt32();
            hv[j] = h;
            ones += h;
        }
        return Vector128.Sum(ones);
    }

    /// <summary>t += s2; (t1, t0) = Power2Round(Freeze(t)) (Algorithm 6, steps 5-6).</summary>
    internal static void AddPower2Round(ReadOnlySpan<int> t, ReadOnlySpan<int> s2, Span<int> t1, Span<int> t0)
    {
        ReadOnlySpan<Vector128<int>> tv = MemoryMarshal.Cast<int, Vector128<int>>(t[..N]), sv = MemoryMarshal.Cast<int, Vector128<int>>(s2[..N]);
        Span<Vector128<int>> t1v = MemoryMarshal.Cast<int, Vector128<int>>(t1[..N]), t0v = MemoryMarshal.Cast<int, Vector128<int>>(t0[..N]);
        for (int j = 0; j < tv.Length; j++)
        {
            Vector128<int> r = Freeze(tv[j] + sv[j]);
            Vector128<int> r1 = (r + Vector128.Create((1 << (D - 1)) - 1)) >> D;
            t1v[j] = r1;
            t0v[j] = r - (r1 << D);
        }
    }

    /// <summary>w1 = UseHint(hint, Freeze(a)) (Algorithm 8, step 10; public data).</summary>
    internal static void FreezeUseHints(ReadOnlySpan<int> a, ReadOnlySpan<int> hint, Span<int> w1, int gamma2)
    {
        ReadOnlySpan<Vector128<int>> av = MemoryMarshal.Cast<int, Vector128<int>>(a[..N]), hv = MemoryMarshal.Cast<int, Vector128<int>>(hint[..N]);
        Span<Vector128<int>> wv = MemoryMarshal.Cast<int, Vector128<int>>(w1[..N]);
        Vector128<int> m = Vector128.Create((Q - 1) / (2 * gamma2));
        for (int j = 0; j < av.Length; j++)
        {
            Vector128<int> r1 = Decompose(Freeze(av[j]), gamma2, out Vector128<int> r0);
            Vector128<int> up = r1 + Vector128<int>.One;
            up &= ~Vector128.Equals(up, m);
            Vector128<int> down = r1 - Vector128<int>.One;
            down += (down >> 31) & m;
            Vector128<int> adjusted = Vector128.ConditionalSelect(Vector128.GreaterThan(r0, Vector128<int>.Zero), up, down);
            wv[j] = Vector128.ConditionalSelect(Vector128.Equals(hv[j], Vector128<int>.Zero), r1, adjusted);
        }
    }

    /// <summary>For j &lt;= i: returns c[j] (0 when j == i) and sets c[j] = sign, reading and writing every slot below i (Algorithm 29, steps 6-7).</summary>
    internal static int SwapIn(Span<int> c, int i, int j, int sign)
    {
        Span<Vector128<int>> cv = MemoryMarshal.Cast<int, Vector128<int>>(c[..N]);
        Vector128<int> index = Vector128.Create(0, 1, 2, 3), target = Vector128.Create(j), s = Vector128.Create(sign);
        Vector128<int> picked = Vector128<int>.Zero;
        int blocks = (i + Lanes - 1) / Lanes; // public: i is a loop counter
        for (int b = 0; b < blocks; b++)
        {
            Vector128<int> hit = Vector128.Equals(index, target);
            Vector128<int> value = cv[b];
            picked |= value & hit;
            cv[b] = Vector128.ConditionalSelect(hit, s, value);
            index += Vector128.Create(Lanes);
        }
        // The last block may reach slot i (still 0) and above (0, and j <= i never matches them); a hit at slot i
        // picks 0 and writes sign there, which is what the caller's scalar step for slot i produces too.
        return Vector128.Sum(picked);
    }
}
