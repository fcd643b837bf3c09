// ML-KEM polynomial arithmetic on Vector128<short> (8 coefficients): NTT (FIPS 203, Algorithm 9), NTT^-1
// (Algorithm 10), MultiplyNTTs / BaseCaseMultiply (Algorithms 11-12) and the reductions of FieldArithmetic.
//
// Choices:
// - Lane by lane the same operations as Ntt and FieldArithmetic, so results equal the scalar path's bit for bit:
//   Montgomery multiplication as mulhi(a, b) - mulhi(mullo(a, b) q^-1, q) (exact, since the low halves of a b
//   and t q agree), Barrett as a - ((mulhi(a, 20159) + 2^9) >> 10) q (equal to the scalar (20159 a + 2^25) >> 26).
// - mulhi is SSE2's pmulhw where available, else a widening multiply (any Vector128 hardware, or software).
// - NTT layers with len >= 8 pair whole vectors. Layers 4 and 2 pair halves or quarters of one vector: both
//   operands are broadcast with constant shuffles, the butterfly is computed on the whole vector and the halves
//   are selected with a constant mask. Per-lane zeta tables are built once from Ntt's tables.
// - BaseCaseMultiply works on interleaved pairs (a0, a1): a pair swap is a 16-bit rotation of the 32-bit lanes.
// - Constant time: no branch or index depends on coefficients; tables are indexed by loop counters.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.MlKem.Simd;

internal static class PolyVector128
{
    private const int N = Ntt.N, Lanes = 8;
    private const short Q = FieldArithmetic.Q, QInv = -3327, Barrett = 20159, F = 1441;

    // Per-lane zetas for the in-vector layers (index 8 v + lane for vector v) and the pair-expanded gammas.
    private static readonly short[] ForwardLen4 = new short[N], ForwardLen2 = new short[N];
    private static readonly short[] InverseLen2 = new short[N], InverseLen4 = new short[N];
    internal static readonly short[] GammasByLane = new short[N];

    static PolyVector128()
    {
        ReadOnlySpan<short> zetas = Ntt.ZetaTable, gammas = Ntt.GammaTable;
        for (int v = 0; v < N / Lanes; v++)
        {
            for (int lane = 0; lane < Lanes; lane++)
            {
                int half = lane / 4;
                ForwardLen4[8 * v + lane] = zetas[32 + v];
                ForwardLen2[8 * v + lane] = zetas[64 + 2 * v + half];
                InverseLen2[8 * v + lane] = zetas[127 - 2 * v - half];
                InverseLen4[8 * v + lane] = zetas[63 - v];
            }
        }
        for (int i = 0; i < N / 2; i++)
        {
            GammasByLane[2 * i] = gammas[i];
            GammasByLane[2 * i + 1] = gammas[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<short> MulHi(Vector128<short> a, Vector128<short> b)
    {
        if (Sse2.IsSupported) return Sse2.MultiplyHigh(a, b);
        (Vector128<int> aLow, Vector128<int> aHigh) = Vector128.Widen(a);
        (Vector128<int> bLow, Vector128<int> bHigh) = Vector128.Widen(b);
        return Vector128.Narrow((aLow * bLow) >> 16, (aHigh * bHigh) >> 16);
    }

    /// <summary>FieldArithmetic.MontgomeryMultiply per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<short> MontgomeryMultiply(Vector128<short> a, Vector128<short> b)
    {
        Vector128<short> t = a * b * Vector128.Create(QInv);
        return MulHi(a, b) - MulHi(t, Vector128.Create(Q));
    }

    /// <summary>FieldArithmetic.BarrettReduce per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<short> BarrettReduce(Vector128<short> a)
    {
        Vector128<short> t = (MulHi(a, Vector128.Create(Barrett)) + Vector128.Create((short)512)) >> 10;
        return a - t * Vector128.Create(Q);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> AddQIfNegative(Vector128<short> a) => a + ((a >> 15) & Vector128.Create(Q));

    /// <summary>Ntt.Forward.</summary>
    internal static void Forward(Span<short> f)
    {
        ReadOnlySpan<short> zetas = Ntt.ZetaTable;
        Span<Vector128<short>> v = MemoryMarshal.Cast<short, Vector128<short>>(f[..N]);
        int i = 1;
        for (int len = 128; len >= 16; len >>= 1) ForwardLayer(v, len, zetas, ref i);
        ForwardTail(f);
        Reduce(f);
    }

    private static void ForwardLayer(Span<Vector128<short>> v, int len, ReadOnlySpan<short> zetas, ref int i)
    {
        int step = len / Lanes;
        for (int start = 0; start < N / Lanes; start += 2 * step)
        {
            Vector128<short> zeta = Vector128.Create(zetas[i++]);
            for (int j = start; j < start + step; j++)
            {
                Vector128<short> t = MontgomeryMultiply(v[j + step], zeta);
                Vector128<short> a = v[j];
                v[j + step] = a - t;
                v[j] = a + t;
            }
        }
    }

    /// <summary>Forward layers len = 8, 4, 2 (zeta indices 16 .. 127); no final reduction.</summary>
    internal static void ForwardTail(Span<short> f)
    {
        Span<Vector128<short>> v = MemoryMarshal.Cast<short, Vector128<short>>(f[..N]);
        int i = 16;
        ForwardLayer(v, 8, Ntt.ZetaTable, ref i);
        ReadOnlySpan<Vector128<short>> z4 = MemoryMarshal.Cast<short, Vector128<short>>(ForwardLen4);
        ReadOnlySpan<Vector128<short>> z2 = MemoryMarshal.Cast<short, Vector128<short>>(ForwardLen2);
        Vector128<short> low4 = Vector128.Create(-1, -1, -1, -1, 0, 0, 0, 0);
        Vector128<short> low2 = Vector128.Create(-1, -1, 0, 0, -1, -1, 0, 0);
        for (int j = 0; j < N / Lanes; j++)
        {
            // len = 4: (a0..a3, b0..b3) -> (a + zeta b, a - zeta b).
            Vector128<short> x = v[j];
            Vector128<short> t = Vector128.Shuffle(MontgomeryMultiply(x, z4[j]), Vector128.Create((short)4, 5, 6, 7, 4, 5, 6, 7));
            Vector128<short> a = Vector128.Shuffle(x, Vector128.Create((short)0, 1, 2, 3, 0, 1, 2, 3));
            x = Vector128.ConditionalSelect(low4, a + t, a - t);
            // len = 2: two groups (a0, a1, b0, b1) with their own zetas.
            t = Vector128.Shuffle(MontgomeryMultiply(x, z2[j]), Vector128.Create((short)2, 3, 2, 3, 6, 7, 6, 7));
            a = Vector128.Shuffle(x, Vector128.Create((short)0, 1, 0, 1, 4, 5, 4, 5));
            v[j] = Vector128.ConditionalSelect(low2, a + t, a - t);
        }
    }

    /// <summary>Ntt.InverseToMontgomery.</summary>
    internal static void InverseToMontgomery(Span<short> f)
    {
        InverseHead(f);
        Span<Vector128<short>> v = MemoryMarshal.Cast<short, Vector128<short>>(f[..N]);
        int i = 15;
        for (int len = 16; len <= 128; len <<= 1) InverseLayer(v, len, Ntt.ZetaTable, ref i);
        Vector128<short> scale = Vector128.Create(F);
        for (int j = 0; j < v.Length; j++) v[j] = MontgomeryMultiply(v[j], scale);
    }

    private static void InverseLayer(Span<Vector128<short>> v, int len, ReadOnlySpan<short> zetas, ref int i)
    {
        int step = len / Lanes;
        for (int start = 0; start < N / Lanes; start += 2 * step)
        {
            Vector128<short> zeta = Vector128.Create(zetas[i--]);
            for (int j = start; j < start + step; j++)
            {
                Vector128<short> t = v[j], u = v[j + step];
                v[j] = BarrettReduce(t + u);
                v[j + step] = MontgomeryMultiply(u - t, zeta);
            }
        }
    }

    /// <summary>Inverse layers len = 2, 4, 8 (zeta indices 127 down to 16); no final scaling.</summary>
    internal static void InverseHead(Span<short> f)
    {
        Span<Vector128<short>> v = MemoryMarshal.Cast<short, Vector128<short>>(f[..N]);
        ReadOnlySpan<Vector128<short>> z2 = MemoryMarshal.Cast<short, Vector128<short>>(InverseLen2);
        ReadOnlySpan<Vector128<short>> z4 = MemoryMarshal.Cast<short, Vector128<short>>(InverseLen4);
        Vector128<short> low4 = Vector128.Create(-1, -1, -1, -1, 0, 0, 0, 0);
        Vector128<short> low2 = Vector128.Create(-1, -1, 0, 0, -1, -1, 0, 0);
        for (int j = 0; j < N / Lanes; j++)
        {
            Vector128<short> x = v[j];
            Vector128<short> a = Vector128.Shuffle(x, Vector128.Create((short)0, 1, 0, 1, 4, 5, 4, 5));
            Vector128<short> b = Vector128.Shuffle(x, Vector128.Create((short)2, 3, 2, 3, 6, 7, 6, 7));
            x = Vector128.ConditionalSelect(low2, BarrettReduce(a + b), MontgomeryMultiply(b - a, z2[j]));
            a = Vector128.Shuffle(x, Vector128.Create((short)0, 1, 2, 3, 0, 1, 2, 3));
            b = Vector128.Shuffle(x, Vector128.Create((short)4, 5, 6, 7, 4, 5, 6, 7));
            v[j] = Vector128.ConditionalSelect(low4, BarrettReduce(a + b), MontgomeryMultiply(b - a, z4[j]));
        }
        int i = 31;
        InverseLayer(v, 8, Ntt.ZetaTable, ref i);
    }

    /// <summary>Ntt.MultiplyAccumulate: h += f x g R^-1.</summary>
    internal static void MultiplyAccumulate(ReadOnlySpan<short> f, ReadOnlySpan<short> g, Span<short> h)
    {
        ReadOnlySpan<Vector128<short>> fv = MemoryMarshal.Cast<short, Vector128<short>>(f[..N]);
        ReadOnlySpan<Vector128<short>> gv = MemoryMarshal.Cast<short, Vector128<short>>(g[..N]);
        ReadOnlySpan<Vector128<short>> gamma = MemoryMarshal.Cast<short, Vector128<short>>(GammasByLane);
        Span<Vector128<short>> hv = MemoryMarshal.Cast<short, Vector128<short>>(h[..N]);
        Vector128<short> even = Vector128.Create(0x0000FFFF).AsInt16();
        for (int j = 0; j < hv.Length; j++)
        {
            Vector128<short> a = fv[j], b = gv[j];
            Vector128<short> p = MontgomeryMultiply(a, b);                 // (a0 b0, a1 b1)
            Vector128<short> pg = MontgomeryMultiply(p, gamma[j]);          // (., a1 b1 gamma)
            Vector128<short> q = MontgomeryMultiply(a, SwapPairs(b));      // (a0 b1, a1 b0)
            Vector128<short> c = Vector128.ConditionalSelect(even, SwapPairs(pg) + p, q + SwapPairs(q));
            hv[j] += c;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> SwapPairs(Vector128<short> x)
    {
        Vector128<uint> u = x.AsUInt32();
        return ((u << 16) | (u >>> 16)).AsInt16();
    }

    /// <summary>FieldArithmetic.Reduce.</summary>
    internal static void Reduce(Span<short> f)
    {
        Span<Vector128<short>> v = MemoryMarshal.Cast<short, Vector128<short>>(f);
        for (int j = 0; j < v.Length; j++) v[j] = BarrettReduce(v[j]);
    }

    /// <summary>FieldArithmetic.Normalize.</summary>
    internal static void Normalize(Span<short> f)
    {
        Span<Vector128<short>> v = MemoryMarshal.Cast<short, Vector128<short>>(f);
        for (int j = 0; j < v.Length; j++) v[j] = AddQIfNegative(BarrettReduce(v[j]));
    }

    /// <summary>FieldArithmetic.ToMontgomery.</summary>
    internal static void ToMontgomery(Span<short> f)
    {
        Span<Vector128<short>> v = MemoryMarshal.Cast<short, Vector128<short>>(f);
        Vector128<short> r2 = Vector128.Create(FieldArithmetic.RSquared);
        for (int j = 0; j < v.Length; j++) v[j] = MontgomeryMultiply(v[j], r2);
    }

    /// <summary>FieldArithmetic.Add.</summary>
    internal static void Add(Span<short> f, ReadOnlySpan<short> g)
    {
        Span<Vector128<short>> v = MemoryMarshal.Cast<short, Vector128<short>>(f);
        ReadOnlySpan<Vector128<short>> w = MemoryMarshal.Cast<short, Vector128<short>>(g);
        for (int j = 0; j < v.Length; j++) v[j] += w[j];
    }

    /// <summary>FieldArithmetic.SubtractFrom.</summary>
    internal static void SubtractFrom(Span<short> f, ReadOnlySpan<short> g)
    {
        Span<Vector128<short>> v = MemoryMarshal.Cast<short, Vector128<short>>(f);
        ReadOnlySpan<Vector128<short>> w = MemoryMarshal.Cast<short, Vector128<short>>(g);
        for (int j = 0; j < v.Length; j++) v[j] = w[j] - v[j];
    }

    /// <summary>
    /// PolyEncoding.Compress per coefficient (x in [0, q)): ((x 2^(d+1) + q) M) >> 40 with the scalar M, the
    /// 64-bit products formed from 32-bit lanes (numerator below 2^24, M below 2^28).
    /// </summary>
    internal static void Compress(ReadOnlySpan<short> f, int d, Span<short> result)
    {
        ReadOnlySpan<Vector128<short>> v = MemoryMarshal.Cast<short, Vector128<short>>(f[..N]);
        Span<Vector128<short>> r = MemoryMarshal.Cast<short, Vector128<short>>(result[..N]);
        for (int j = 0; j < v.Length; j++)
        {
            (Vector128<uint> low, Vector128<uint> high) = Vector128.Widen(v[j].AsUInt16());
            r[j] = Vector128.Narrow(CompressHalf(low, d), CompressHalf(high, d)).AsInt16();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> CompressHalf(Vector128<uint> x, int d)
    {
        Vector128<uint> numerator = (x << (d + 1)) + Vector128.Create((uint)Q);
        Vector128<ulong> even = Multiply32(numerator) >>> PolyEncoding.CompressShift;
        Vector128<ulong> odd = Multiply32((numerator.AsUInt64() >>> 32).AsUInt32()) >>> PolyEncoding.CompressShift;
        return (even | (odd << 32)).AsUInt32() & Vector128.Create((1u << d) - 1);
    }

    /// <summary>The even 32-bit lanes of x times the compression multiplier, as 64-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Multiply32(Vector128<uint> x)
    {
        const uint M = (uint)PolyEncoding.CompressMultiplier;
        if (Sse2.IsSupported) return Sse2.Multiply(x, Vector128.Create(M));
        return (x.AsUInt64() & Vector128.Create(0xFFFF_FFFFUL)) * Vector128.Create((ulong)M);
    }

    /// <summary>PolyEncoding.Decompress per coefficient: (y q + 2^(d-1)) >> d in 32-bit lanes.</summary>
    internal static void Decompress(Span<short> f, int d)
    {
        Span<Vector128<short>> v = MemoryMarshal.Cast<short, Vector128<short>>(f[..N]);
        Vector128<int> q = Vector128.Create((int)Q), half = Vector128.Create(1 << (d - 1));
        for (int j = 0; j < v.Length; j++)
        {
            (Vector128<int> low, Vector128<int> high) = Vector128.Widen(v[j]);
            v[j] = Vector128.Narrow((low * q + half) >> d, (high * q + half) >> d);
        }
    }
}
