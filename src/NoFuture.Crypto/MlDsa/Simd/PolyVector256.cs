// ML-DSA polynomial arithmetic on Vector256<int> (8 coefficients, AVX2): the scalar operations of Field, Ntt and
// Rounding performed lane by lane, so every result equals the scalar path's bit for bit.
//
// Choices:
// - Montgomery reduction needs the high halves of signed 32 x 32 -> 64-bit products: vpmuldq on the even lanes and
//   on the odd lanes shifted down, blended. Since a b and t q agree in their low 32 bits, (a b - t q) >> 32 is
//   exactly hi(a b) - hi(t q), the value Field.MontgomeryReduce computes. t = lo32(a b) QInv comes from vpmuldq too
//   (it reads only the low 32 bits of each 64-bit lane), so a product costs six vpmuldq and no vpmulld.
// - NTT layers with len >= 8 pair whole vectors; the last three (len = 4, 2, 1) work on two vectors at a time,
//   regrouped with vperm2i128 (len 4), vpunpck{l,h}qdq (len 2) and a vpshufd to even/odd order first (len 1),
//   with the zetas laid out in the regrouped order (public tables, indexed by loop counters only).
// - Decompose's division by 2 gamma2 is the scalar multiply-and-shift, its 32 x 32 -> 64 products by vpmuludq.
// - Constant time: no branch or index depends on coefficients.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.MlDsa.Simd;

internal static class PolyVector256
{
    private const int N = MlDsaParameters.N, Lanes = 8;
    private const int Q = MlDsaParameters.Q, QInv = 58728449, InverseScale = 41978, D = MlDsaParameters.D;

    private static readonly int[] ForwardTail = BuildTail(inverse: false);
    private static readonly int[] InverseTail = BuildTail(inverse: true);

    /// <summary>
    /// For each pair of vectors b (coefficients 16 b .. 16 b + 15): the zetas of layers len = 4, 2, 1 in the lane
    /// order of the regrouped vectors (8 each). Forward uses zetas[128 / len + block], inverse -zetas[256 / len - 1 - block].
    /// </summary>
    private static int[] BuildTail(bool inverse)
    {
        ReadOnlySpan<int> zetas = Ntt.ZetaTable;
        ReadOnlySpan<int> len4 = [0, 0, 0, 0, 1, 1, 1, 1], len2 = [0, 0, 2, 2, 1, 1, 3, 3], len1 = [0, 1, 4, 5, 2, 3, 6, 7];
        var table = new int[16 * 24];
        for (int b = 0; b < 16; b++)
        {
            for (int e = 0; e < 8; e++)
            {
                table[24 * b + e] = Zeta(zetas, inverse, 4, 2 * b + len4[e]);
                table[24 * b + 8 + e] = Zeta(zetas, inverse, 2, 4 * b + len2[e]);
                table[24 * b + 16 + e] = Zeta(zetas, inverse, 1, 8 * b + len1[e]);
            }
        }
        return table;
    }

    private static int Zeta(ReadOnlySpan<int> zetas, bool inverse, int len, int block) =>
        inverse ? -zetas[N / len - 1 - block] : zetas[N / 2 / len + block];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> MulHiUnsigned(Vector256<int> a, uint b)
    {
        Vector256<uint> m = Vector256.Create(b);
        Vector256<int> even = Avx2.ShiftRightLogical(Avx2.Multiply(a.AsUInt32(), m), 32).AsInt32();
        Vector256<int> odd = Avx2.Multiply(Avx2.ShiftRightLogical(a.AsUInt64(), 32).AsUInt32(), m).AsInt32();
        return Avx2.Blend(even, odd, 0b1010_1010);
    }

    /// <summary>
    /// Field.MontgomeryMultiply per lane, from six vpmuldq (no vpmulld): for the even lanes (and the odd lanes shifted
    /// down) p = a b exactly in 64 bits, t = lo32(p) QInv (only its low 32 bits matter, and vpmuldq reads only those),
    /// u = t q; p - u has zero low half, so its high half is (a b - t q) / 2^32, the scalar result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<int> MontgomeryMultiply(Vector256<int> a, Vector256<int> b)
    {
        Vector256<int> qInv = Vector256.Create(QInv), q = Vector256.Create(Q);
        Vector256<int> aOdd = Avx2.ShiftRightLogical(a.AsInt64(), 32).AsInt32(), bOdd = Avx2.ShiftRightLogical(b.AsInt64(), 32).AsInt32();
        Vector256<long> pEven = Avx2.Multiply(a, b), pOdd = Avx2.Multiply(aOdd, bOdd);
        Vector256<long> uEven = Avx2.Multiply(Avx2.Multiply(pEven.AsInt32(), qInv).AsInt32(), q);
        Vector256<long> uOdd = Avx2.Multiply(Avx2.Multiply(pOdd.AsInt32(), qInv).AsInt32(), q);
        Vector256<int> even = Avx2.ShiftRightLogical(pEven - uEven, 32).AsInt32();
        return Avx2.Blend(even, (pOdd - uOdd).AsInt32(), 0b1010_1010);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> UnpackLow64(Vector256<int> a, Vector256<int> b) => Avx2.UnpackLow(a.AsInt64(), b.AsInt64()).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> UnpackHigh64(Vector256<int> a, Vector256<int> b) => Avx2.UnpackHigh(a.AsInt64(), b.AsInt64()).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref Vector256<int> lo, ref Vector256<int> hi, Vector256<int> zeta)
    {
        Vector256<int> t = MontgomeryMultiply(zeta, hi);
        hi = lo - t;
        lo += t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InverseButterfly(ref Vector256<int> lo, ref Vector256<int> hi, Vector256<int> zeta)
    {
        Vector256<int> t = lo;
        lo = Reduce32(t + hi);
        hi = MontgomeryMultiply(zeta, t - hi);
    }

    /// <summary>Ntt.Forward.</summary>
    internal static void Forward(Span<int> w)
    {
        ReadOnlySpan<int> zetas = Ntt.ZetaTable;
        Span<Vector256<int>> v = MemoryMarshal.Cast<int, Vector256<int>>(w[..N]);
        int m = 0;
        for (int len = 128; len >= Lanes; len >>= 1)
        {
            int step = len / Lanes;
            for (int start = 0; start < N / Lanes; start += 2 * step)
            {
                Vector256<int> z = Vector256.Create(zetas[++m]);
                for (int j = start; j < start + step; j++) Butterfly(ref v[j], ref v[j + step], z);
            }
        }
        ReadOnlySpan<Vector256<int>> tail = MemoryMarshal.Cast<int, Vector256<int>>(ForwardTail);
        for (int b = 0; b < 16; b++)
        {
            Vector256<int> a = v[2 * b], c = v[2 * b + 1];
            Vector256<int> x = Avx2.Permute2x128(a, c, 0x20), y = Avx2.Permute2x128(a, c, 0x31);
            Butterfly(ref x, ref y, tail[3 * b]);
            a = Avx2.Permute2x128(x, y, 0x20);
            c = Avx2.Permute2x128(x, y, 0x31);
            x = UnpackLow64(a, c);
            y = UnpackHigh64(a, c);
            Butterfly(ref x, ref y, tail[3 * b + 1]);
            a = Avx2.Shuffle(UnpackLow64(x, y), 0xD8);
            c = Avx2.Shuffle(UnpackHigh64(x, y), 0xD8);
            x = UnpackLow64(a, c);
            y = UnpackHigh64(a, c);
            Butterfly(ref x, ref y, tail[3 * b + 2]);
            v[2 * b] = Avx2.Shuffle(UnpackLow64(x, y), 0xD8);
            v[2 * b + 1] = Avx2.Shuffle(UnpackHigh64(x, y), 0xD8);
        }
    }

    /// <summary>Ntt.InverseFromMontgomery.</summary>
    internal static void InverseFromMontgomery(Span<int> w)
    {
        ReadOnlySpan<int> zetas = Ntt.ZetaTable;
        Span<Vector256<int>> v = MemoryMarshal.Cast<int, Vector256<int>>(w[..N]);
        ReadOnlySpan<Vector256<int>> tail = MemoryMarshal.Cast<int, Vector256<int>>(InverseTail);
        for (int b = 0; b < 16; b++)
        {
            Vector256<int> a = Avx2.Shuffle(Reduce32(v[2 * b]), 0xD8), c = Avx2.Shuffle(Reduce32(v[2 * b + 1]), 0xD8);
            Vector256<int> x = UnpackLow64(a, c), y = UnpackHigh64(a, c);
            InverseButterfly(ref x, ref y, tail[3 * b + 2]);
            a = Avx2.Shuffle(UnpackLow64(x, y), 0xD8);
            c = Avx2.Shuffle(UnpackHigh64(x, y), 0xD8);
            x = UnpackLow64(a, c);
            y = UnpackHigh64(a, c);
            InverseButterfly(ref x, ref y, tail[3 * b + 1]);
            a = UnpackLow64(x, y);
            c = UnpackHigh64(x, y);
            x = Avx2.Permute2x128(a, c, 0x20);
            y = Avx2.Permute2x128(a, c, 0x31);
            InverseButterfly(ref x, ref y, tail[3 * b]);
            v[2 * b] = Avx2.Permute2x128(x, y, 0x20);
            v[2 * b + 1] = Avx2.Permute2x128(x, y, 0x31);
        }
        int m = 32; // the layers len = 1, 2, 4 used zetas 255 down to 32
        for (int len = Lanes; len < N; len <<= 1)
        {
            int step = len / Lanes;
            for (int start = 0; start < N / Lanes; start += 2 * step)
            {
                Vector256<int> z = Vector256.Create(-zetas[--m]);
                for (int j = start; j < start + step; j++) InverseButterfly(ref v[j], ref v[j + step], z);
            }
        }
        Vector256<int> scale = Vector256.Create(InverseScale);
        for (int j = 0; j < v.Length; j++) v[j] = MontgomeryMultiply(scale, v[j]);
    }

    /// <summary>Ntt.PointwiseMontgomery.</summary>
    internal static void PointwiseMontgomery(Span<int> f, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        Span<Vector256<int>> fv = MemoryMarshal.Cast<int, Vector256<int>>(f[..N]);
        ReadOnlySpan<Vector256<int>> av = MemoryMarshal.Cast<int, Vector256<int>>(a[..N]), bv = MemoryMarshal.Cast<int, Vector256<int>>(b[..N]);
        for (int j = 0; j < fv.Length; j++) fv[j] = MontgomeryMultiply(av[j], bv[j]);
    }

    /// <summary>Ntt.PointwiseMontgomeryAccumulate.</summary>
    internal static void PointwiseMontgomeryAccumulate(Span<int> f, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        Span<Vector256<int>> fv = MemoryMarshal.Cast<int, Vector256<int>>(f[..N]);
        ReadOnlySpan<Vector256<int>> av = MemoryMarshal.Cast<int, Vector256<int>>(a[..N]), bv = MemoryMarshal.Cast<int, Vector256<int>>(b[..N]);
        for (int j = 0; j < fv.Length; j++) fv[j] += MontgomeryMultiply(av[j], bv[j]);
    }

    /// <summary>f -= a o b (Montgomery products).</summary>
    internal static void PointwiseMontgomerySubtract(Span<int> f, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        Span<Vector256<int>> fv = MemoryMarshal.Cast<int, Vector256<int>>(f[..N]);
        ReadOnlySpan<Vector256<int>> av = MemoryMarshal.Cast<int, Vector256<int>>(a[..N]), bv = MemoryMarshal.Cast<int, Vector256<int>>(b[..N]);
        for (int j = 0; j < fv.Length; j++) fv[j] -= MontgomeryMultiply(av[j], bv[j]);
    }

    // ---- element-wise operations (the same text as PolyVector128's, on the wider vector) ----

    /// <summary>Field.Reduce32 per lane (t q as shifts: q = 2^23 - 2^13 + 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Reduce32(Vector256<int> a)
    {
        Vector256<int> t = (a + Vector256.Create(1 << 22)) >> 23;
        return a - ((t << 23) - (t << 13) + t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Freeze(Vector256<int> a)
    {
        a = Reduce32(a);
        return a + ((a >> 31) & Vector256.Create(Q));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> CenterFrozen(Vector256<int> a) => a - (((Vector256.Create((Q - 1) / 2) - a) >> 31) & Vector256.Create(Q));

    /// <summary>Rounding.Decompose per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Decompose(Vector256<int> r, int gamma2, out Vector256<int> r0)
    {
        uint multiplier = (uint)(gamma2 == Rounding.Gamma2Small ? Rounding.MultiplierSmall : Rounding.MultiplierLarge);
        Vector256<int> r1 = MulHiUnsigned(r + Vector256.Create(gamma2 - 1), multiplier) >>> 16;
        Vector256<int> low = r - r1 * Vector256.Create(2 * gamma2);
        Vector256<int> wrap = ((r1 ^ Vector256.Create((Q - 1) / (2 * gamma2))) - Vector256<int>.One) >> 31;
        r0 = low + wrap;
        return r1 & ~wrap;
    }

    /// <summary>w = Freeze(w); w1 = HighBits(w) (Algorithm 7, step 13).</summary>
    internal static void FreezeHighBits(Span<int> w, Span<int> w1, int gamma2)
    {
        Span<Vector256<int>> wv = MemoryMarshal.Cast<int, Vector256<int>>(w[..N]), w1v = MemoryMarshal.Cast<int, Vector256<int>>(w1[..N]);
        for (int j = 0; j < wv.Length; j++)
        {
            Vector256<int> f = Freeze(wv[j]);
            wv[j] = f;
            w1v[j] = Decompose(f, gamma2, out _);
        }
    }

    /// <summary>z = y + CenterFrozen(Freeze(z)) (Algorithm 7, step 20).</summary>
    internal static void AddCentered(Span<int> z, ReadOnlySpan<int> y)
    {
        Span<Vector256<int>> zv = MemoryMarshal.Cast<int, Vector256<int>>(z[..N]);
        ReadOnlySpan<Vector256<int>> yv = MemoryMarshal.Cast<int, Vector256<int>>(y[..N]);
        for (int j = 0; j < zv.Length; j++) zv[j] = yv[j] + CenterFrozen(Freeze(zv[j]));
    }

    /// <summary>f = CenterFrozen(Freeze(f)).</summary>
    internal static void CenterFreeze(Span<int> f)
    {
        Span<Vector256<int>> fv = MemoryMarshal.Cast<int, Vector256<int>>(f);
        for (int j = 0; j < fv.Length; j++) fv[j] = CenterFrozen(Freeze(fv[j]));
    }

    /// <summary>Field.ExceedsNorm: reads every coefficient, no early exit.</summary>
    internal static int ExceedsNorm(ReadOnlySpan<int> f, int bound)
    {
        ReadOnlySpan<Vector256<int>> fv = MemoryMarshal.Cast<int, Vector256<int>>(f);
        Vector256<int> any = Vector256<int>.Zero, limit = Vector256.Create(bound - 1);
        for (int j = 0; j < fv.Length; j++) any |= limit - Vector256.Abs(fv[j]);
        return (int)((any.ExtractMostSignificantBits() + 0xFF) >> 8); // 1 when some lane's sign bit is set
    }

    /// <summary>r = Freeze(w - r); returns ExceedsNorm(LowBits(r), bound) (Algorithm 7, steps 19, 21, 23).</summary>
    internal static int SubtractFreezeLowBitsExceed(Span<int> r, ReadOnlySpan<int> w, int gamma2, int bound)
    {
        Span<Vector256<int>> rv = MemoryMarshal.Cast<int, Vector256<int>>(r[..N]);
        ReadOnlySpan<Vector256<int>> wv = MemoryMarshal.Cast<int, Vector256<int>>(w[..N]);
        Vector256<int> any = Vector256<int>.Zero, limit = Vector256.Create(bound - 1);
        for (int j = 0; j < rv.Length; j++)
        {
            Vector256<int> f = Freeze(wv[j] - rv[j]);
            rv[j] = f;
            Decompose(f, gamma2, out Vector256<int> r0);
            any |= limit - Vector256.Abs(r0);
        }
        return (int)((any.ExtractMostSignificantBits() + 0xFF) >> 8); // 1 when some lane's sign bit is set
    }

    /// <summary>hint = MakeHint(Freeze(r + ct0), r); returns the number of ones (Algorithm 7, step 26).</summary>
    internal static int MakeHints(ReadOnlySpan<int> r, ReadOnlySpan<int> ct0, Span<int> hint, int gamma2)
    {
        ReadOnlySpan<Vector256<int>> rv = MemoryMarshal.Cast<int, Vector256<int>>(r[..N]), cv = MemoryMarshal.Cast<int, Vector256<int>>(ct0[..N]);
        Span<Vector256<int>> hv = MemoryMarshal.Cast<int, Vector256<int>>(hint[..N]);
        Vector256<int> ones = Vector256<int>.Zero;
        for (int j = 0; j < rv.Length; j++)
        {
            Vector256<int> difference = Decompose(rv[j], gamma2, out _) ^ Decompose(Freeze(rv[j] + cv[j]), gamma2, out _);
            Vector256<int> h = ((-difference).AsUInt32() >>> 31).AsInt32();
            hv[j] = h;
            ones += h;
        }
        return Vector256.Sum(ones);
    }

    /// <summary>t += s2; (t1, t0) = Power2Round(Freeze(t)) (Algorithm 6, steps 5-6).</summary>
    internal static void AddPower2Round(ReadOnlySpan<int> t, ReadOnlySpan<int> s2, Span<int> t1, Span<int> t0)
    {
        ReadOnlySpan<Vector256<int>> tv = MemoryMarshal.Cast<int, Vector256<int>>(t[..N]), sv = MemoryMarshal.Cast<int, Vector256<int>>(s2[..N]);
        Span<Vector256<int>> t1v = MemoryMarshal.Cast<int, Vector256<int>>(t1[..N]), t0v = MemoryMarshal.Cast<int, Vector256<int>>(t0[..N]);
        for (int j = 0; j < tv.Length; j++)
        {
            Vector256<int> r = Freeze(tv[j] + sv[j]);
            Vector256<int> r1 = (r + Vector256.Create((1 << (D - 1)) - 1)) >> D;
            t1v[j] = r1;
            t0v[j] = r - (r1 << D);
        }
    }

    /// <summary>w1 = UseHint(hint, Freeze(a)) (Algorithm 8, step 10; public data).</summary>
    internal static void FreezeUseHints(ReadOnlySpan<int> a, ReadOnlySpan<int> hint, Span<int> w1, int gamma2)
    {
        ReadOnlySpan<Vector256<int>> av = MemoryMarshal.Cast<int, Vector256<int>>(a[..N]), hv = MemoryMarshal.Cast<int, Vector256<int>>(hint[..N]);
        Span<Vector256<int>> wv = MemoryMarshal.Cast<int, Vector256<int>>(w1[..N]);
        Vector256<int> m = Vector256.Create((Q - 1) / (2 * gamma2));
        for (int j = 0; j < av.Length; j++)
        {
            Vector256<int> r1 = Decompose(Freeze(av[j]), gamma2, out Vector256<int> r0);
            Vector256<int> up = r1 + Vector256<int>.One;
            up &= ~Vector256.Equals(up, m);
            Vector256<int> down = r1 - Vector256<int>.One;
            down += (down >> 31) & m;
            Vector256<int> adjusted = Vector256.ConditionalSelect(Vector256.GreaterThan(r0, Vector256<int>.Zero), up, down);
            wv[j] = Vector256.ConditionalSelect(Vector256.Equals(hv[j], Vector256<int>.Zero), r1, adjusted);
        }
    }

    /// <summary>For j &lt;= i: returns c[j] (0 when j == i) and sets c[j] = sign, reading and writing every slot below i (Algorithm 29, steps 6-7).</summary>
    internal static int SwapIn(Span<int> c, int i, int j, int sign)
    {
        Span<Vector256<int>> cv = MemoryMarshal.Cast<int, Vector256<int>>(c[..N]);
        Vector256<int> index = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), target = Vector256.Create(j), s = Vector256.Create(sign);
        Vector256<int> picked = Vector256<int>.Zero;
        int blocks = (i + Lanes - 1) / Lanes; // public: i is a loop counter
        for (int b = 0; b < blocks; b++)
        {
            Vector256<int> hit = Vector256.Equals(index, target);
            Vector256<int> value = cv[b];
            picked |= value & hit;
            cv[b] = Vector256.ConditionalSelect(hit, s, value);
            index += Vector256.Create(Lanes);
        }
        // The last block may reach slot i (still 0) and above (0, and j <= i never matches them); a hit at slot i
        // picks 0 and writes sign there, which is what the caller's scalar step for slot i produces too.
        return Vector256.Sum(picked);
    }
}
