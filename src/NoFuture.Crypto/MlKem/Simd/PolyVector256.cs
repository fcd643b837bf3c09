// ML-KEM polynomial arithmetic on Vector256<short> (16 coefficients): the operations of PolyVector128 on twice
// the width, with the same lane-by-lane arithmetic, so results equal the scalar path's bit for bit.
//
// Choices:
// - mulhi is AVX2's vpmulhw where available, else a widening multiply.
// - NTT layers with len >= 16 pair whole Vector256s; the layers len = 8, 4, 2 (forward) and 2, 4, 8 (inverse)
//   are PolyVector128's, since pairing within a 256-bit vector would need lane-crossing shuffles.
// - Constant time: no branch or index depends on coefficients; tables are indexed by loop counters.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.MlKem.Simd;

internal static class PolyVector256
{
    private const int N = Ntt.N, Lanes = 16;
    private const short Q = FieldArithmetic.Q, QInv = -3327, Barrett = 20159, F = 1441;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<short> MulHi(Vector256<short> a, Vector256<short> b)
    {
        if (Avx2.IsSupported) return Avx2.MultiplyHigh(a, b);
        (Vector256<int> aLow, Vector256<int> aHigh) = Vector256.Widen(a);
        (Vector256<int> bLow, Vector256<int> bHigh) = Vector256.Widen(b);
        return Vector256.Narrow((aLow * bLow) >> 16, (aHigh * bHigh) >> 16);
    }

    /// <summary>FieldArithmetic.MontgomeryMultiply per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<short> MontgomeryMultiply(Vector256<short> a, Vector256<short> b)
    {
        Vector256<short> t = a * b * Vector256.Create(QInv);
        return MulHi(a, b) - MulHi(t, Vector256.Create(Q));
    }

    /// <summary>FieldArithmetic.BarrettReduce per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<short> BarrettReduce(Vector256<short> a)
    {
        Vector256<short> t = (MulHi(a, Vector256.Create(Barrett)) + Vector256.Create((short)512)) >> 10;
        return a - t * Vector256.Create(Q);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> AddQIfNegative(Vector256<short> a) => a + ((a >> 15) & Vector256.Create(Q));

    /// <summary>Ntt.Forward.</summary>
    internal static void Forward(Span<short> f)
    {
        ReadOnlySpan<short> zetas = Ntt.ZetaTable;
        Span<Vector256<short>> v = MemoryMarshal.Cast<short, Vector256<short>>(f[..N]);
        int i = 1;
        for (int len = 128; len >= 16; len >>= 1) ForwardLayer(v, len, zetas, ref i);
        PolyVector128.ForwardTail(f);
        Reduce(f);
    }

    private static void ForwardLayer(Span<Vector256<short>> v, int len, ReadOnlySpan<short> zetas, ref int i)
    {
        int step = len / Lanes;
        for (int start = 0; start < N / Lanes; start += 2 * step)
        {
            Vector256<short> zeta = Vector256.Create(zetas[i++]);
            for (int j = start; j < start + step; j++)
            {
                Vector256<short> t = MontgomeryMultiply(v[j + step], zeta);
                Vector256<short> a = v[j];
                v[j + step] = a - t;
                v[j] = a + t;
            }
        }
    }

    /// <summary>Ntt.InverseToMontgomery.</summary>
    internal static void InverseToMontgomery(Span<short> f)
    {
        PolyVector128.InverseHead(f);
        Span<Vector256<short>> v = MemoryMarshal.Cast<short, Vector256<short>>(f[..N]);
        int i = 15;
        for (int len = 16; len <= 128; len <<= 1) InverseLayer(v, len, Ntt.ZetaTable, ref i);
        Vector256<short> scale = Vector256.Create(F);
        for (int j = 0; j < v.Length; j++) v[j] = MontgomeryMultiply(v[j], scale);
    }

    private static void InverseLayer(Span<Vector256<short>> v, int len, ReadOnlySpan<short> zetas, ref int i)
    {
        int step = len / Lanes;
        for (int start = 0; start < N / Lanes; start += 2 * step)
        {
            Vector256<short> zeta = Vector256.Create(zetas[i--]);
            for (int j = start; j < start + step; j++)
            {
                Vector256<short> t = v[j], u = v[j + step];
                v[j] = BarrettReduce(t + u);
                v[j + step] = MontgomeryMultiply(u - t, zeta);
            }
        }
    }

    /// <summary>Ntt.MultiplyAccumulate: h += f x g R^-1.</summary>
    internal static void MultiplyAccumulate(ReadOnlySpan<short> f, ReadOnlySpan<short> g, Span<short> h)
    {
        ReadOnlySpan<Vector256<short>> fv = MemoryMarshal.Cast<short, Vector256<short>>(f[..N]);
        ReadOnlySpan<Vector256<short>> gv = MemoryMarshal.Cast<short, Vector256<short>>(g[..N]);
        ReadOnlySpan<Vector256<short>> gamma = MemoryMarshal.Cast<short, Vector256<short>>(PolyVector128.GammasByLane);
        Span<Vector256<short>> hv = MemoryMarshal.Cast<short, Vector256<short>>(h[..N]);
        Vector256<short> even = Vector256.Create(0x0000FFFF).AsInt16();
        for (int j = 0; j < hv.Length; j++)
        {
            Vector256<short> a = fv[j], b = gv[j];
            Vector256<short> p = MontgomeryMultiply(a, b);                 // (a0 b0, a1 b1)
            Vector256<short> pg = MontgomeryMultiply(p, gamma[j]);          // (., a1 b1 gamma)
            Vector256<short> q = MontgomeryMultiply(a, SwapPairs(b));      // (a0 b1, a1 b0)
            Vector256<short> c = Vector256.ConditionalSelect(even, SwapPairs(pg) + p, q + SwapPairs(q));
            hv[j] += c;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> SwapPairs(Vector256<short> x)
    {
        Vector256<uint> u = x.AsUInt32();
        return ((u << 16) | (u >>> 16)).AsInt16();
    }

    /// <summary>FieldArithmetic.Reduce.</summary>
    internal static void Reduce(Span<short> f)
    {
        Span<Vector256<short>> v = MemoryMarshal.Cast<short, Vector256<short>>(f);
        for (int j = 0; j < v.Length; j++) v[j] = BarrettReduce(v[j]);
    }

    /// <summary>FieldArithmetic.Normalize.</summary>
    internal static void Normalize(Span<short> f)
    {
        Span<Vector256<short>> v = MemoryMarshal.Cast<short, Vector256<short>>(f);
        for (int j = 0; j < v.Length; j++) v[j] = AddQIfNegative(BarrettReduce(v[j]));
    }

    /// <summary>FieldArithmetic.ToMontgomery.</summary>
    internal static void ToMontgomery(Span<short> f)
    {
        Span<Vector256<short>> v = MemoryMarshal.Cast<short, Vector256<short>>(f);
        Vector256<short> r2 = Vector256.Create(FieldArithmetic.RSquared);
        for (int j = 0; j < v.Length; j++) v[j] = MontgomeryMultiply(v[j], r2);
    }

    /// <summary>FieldArithmetic.Add.</summary>
    internal static void Add(Span<short> f, ReadOnlySpan<short> g)
    {
        Span<Vector256<short>> v = MemoryMarshal.Cast<short, Vector256<short>>(f);
        ReadOnlySpan<Vector256<short>> w = MemoryMarshal.Cast<short, Vector256<short>>(g);
        for (int j = 0; j < v.Length; j++) v[j] += w[j];
    }

    /// <summary>FieldArithmetic.SubtractFrom.</summary>
    internal static void SubtractFrom(Span<short> f, ReadOnlySpan<short> g)
    {
        Span<Vector256<short>> v = MemoryMarshal.Cast<short, Vector256<short>>(f);
        ReadOnlySpan<Vector256<short>> w = MemoryMarshal.Cast<short, Vector256<short>>(g);
        for (int j = 0; j < v.Length; j++) v[j] = w[j] - v[j];
    }

    /// <summary>
    /// PolyEncoding.Compress per coefficient (x in [0, q)): ((x 2^(d+1) + q) M) >> 40 with the scalar M, the
    /// 64-bit products formed from 32-bit lanes (numerator below 2^24, M below 2^28).
    /// </summary>
    internal static void Compress(ReadOnlySpan<short> f, int d, Span<short> result)
    {
        ReadOnlySpan<Vector256<short>> v = MemoryMarshal.Cast<short, Vector256<short>>(f[..N]);
        Span<Vector256<short>> r = MemoryMarshal.Cast<short, Vector256<short>>(result[..N]);
        for (int j = 0; j < v.Length; j++)
        {
            (Vector256<uint> low, Vector256<uint> high) = Vector256.Widen(v[j].AsUInt16());
            r[j] = Vector256.Narrow(CompressHalf(low, d), CompressHalf(high, d)).AsInt16();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> CompressHalf(Vector256<uint> x, int d)
    {
        Vector256<uint> numerator = (x << (d + 1)) + Vector256.Create((uint)Q);
        Vector256<ulong> even = Multiply32(numerator) >>> PolyEncoding.CompressShift;
        Vector256<ulong> odd = Multiply32((numerator.AsUInt64() >>> 32).AsUInt32()) >>> PolyEncoding.CompressShift;
        return (even | (odd << 32)).AsUInt32() & Vector256.Create((1u << d) - 1);
    }

    /// <summary>The even 32-bit lanes of x times the compression multiplier, as 64-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Multiply32(Vector256<uint> x)
    {
        const uint M = (uint)PolyEncoding.CompressMultiplier;
        if (Avx2.IsSupported) return Avx2.Multiply(x, Vector256.Create(M));
        return (x.AsUInt64() & Vector256.Create(0xFFFF_FFFFUL)) * Vector256.Create((ulong)M);
    }

    /// <summary>PolyEncoding.Decompress per coefficient: (y q + 2^(d-1)) >> d in 32-bit lanes.</summary>
    internal static void Decompress(Span<short> f, int d)
    {
        Span<Vector256<short>> v = MemoryMarshal.Cast<short, Vector256<short>>(f[..N]);
        Vector256<int> q = Vector256.Create((int)Q), half = Vector256.Create(1 << (d - 1));
        for (int j = 0; j < v.Length; j++)
        {
            (Vector256<int> low, Vector256<int> high) = Vector256.Widen(v[j]);
            v[j] = Vector256.Narrow((low * q + half) >> d, (high * q + half) >> d);
        }
    }
}
