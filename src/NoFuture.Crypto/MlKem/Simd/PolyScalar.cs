// ML-KEM's polynomial arithmetic on the scalar path (MlKemPath.Scalar, the fallback for machines without SIMD):
// FIPS 203, Algorithms 9-12 (NTT, NTT^-1, MultiplyNTTs, BaseCaseMultiply) with 32-bit integer arithmetic only.
// Ntt and FieldArithmetic stay the readable reference (the vector paths mirror them lane by lane); this file
// computes values congruent to theirs mod q, within the bounds each method states, with fewer operations.
//
// Choices:
// - Plain int arithmetic over raw pointers to the caller's N coefficients (no bounds checks in the inner loops;
//   every entry point slices f[..N] first, which throws on a short span, so the pointers never leave it).
// - Montgomery multiplication by a table constant zeta uses the precomputed zeta q^-1 mod 2^16 (ZetasQInv), so
//   the two products a zeta and a zeta q^-1 are independent (the same values as FieldArithmetic's).
// - Forward NTT: layers merged in pairs (128/64, 32/16, 8/4) so each coefficient is loaded and stored four times
//   instead of seven; the values equal Ntt.Forward's. Bounds: |f| < q grows by < q per layer, < 8q < 2^15 after
//   seven layers; the last layer Barrett-reduces as it stores.
// - Inverse NTT: layers merged in pairs (2/4, 8/16, 32/64) and the last layer fused with the scaling by F
//   (for the differences, one multiplication by zeta_1 F R^-1). Reduction is lazy: only the sums of layer 8 are
//   Barrett-reduced; the bounds are noted at each pass (every stored value below 8q < 2^15, every Montgomery
//   input below q 2^15).
// - InnerProduct (Algorithm 11 summed over the k entries of a vector, Algorithm 12 per pair): the products are
//   summed unreduced in int and reduced once per coefficient: for |a|, |b| < q the 2k <= 8 products of c1 stay
//   below 8 q^2 < q 2^15, the Montgomery bound. Since gamma_i depends only on the pair, sum(a1 b1) gamma_i
//   is one Montgomery product per pair instead of one per entry: 4k + 7 multiplications per pair, not 15k.
// - Constant time: no branch or index depends on coefficients; tables are indexed by loop counters.
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace NoFuture.Crypto.Fips203.Simd;

internal static unsafe class PolyScalar
{
    private const int N = Ntt.N, Q = FieldArithmetic.Q, QInv = -3327, Barrett = 20159;

    /// <summary>R^2 / 128 mod q, as in Ntt: the final scaling of the inverse NTT, leaving a factor R.</summary>
    private const int F = 1441;

    /// <summary>zeta_1 F R^-1 mod q (Zetas[1] = -758): the last inverse layer's difference times F in one product.</summary>
    internal const int Zeta1F = 1397;

    /// <summary>Zetas[i] q^-1 mod 2^16 (signed), for Montgomery products by a table constant.</summary>
    private static readonly short[] ZetasQInv = BuildZetasQInv();

    private static short[] BuildZetasQInv()
    {
        ReadOnlySpan<short> zetas = Ntt.ZetaTable;
        var table = new short[zetas.Length];
        for (int i = 0; i < table.Length; i++) table[i] = unchecked((short)(zetas[i] * QInv));
        return table;
    }

    /// <summary>a R^-1 mod q in (-q, q) for |a| &lt; q 2^15 (FieldArithmetic.MontgomeryReduce on int).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MontgomeryReduce(int a)
    {
        unchecked
        {
            int t = (short)(a * QInv);
            return (a - t * Q) >> 16;
        }
    }

    /// <summary>a zeta R^-1 mod q in (-q, q), with zetaQInv = zeta q^-1 mod 2^16; needs |a zeta| &lt; q 2^15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MulZeta(int a, int zeta, int zetaQInv)
    {
        unchecked
        {
            int t = (short)(a * zetaQInv);
            return (a * zeta - t * Q) >> 16;
        }
    }

    /// <summary>FieldArithmetic.BarrettReduce on int: the representative in [-(q-1)/2, (q-1)/2] for |a| &lt; 2^15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BarrettReduce(int a) => a - ((Barrett * a + (1 << 25)) >> 26) * Q;

    /// <summary>Ntt.Forward (FIPS 203, Algorithm 9), equal value for value; output in [-(q-1)/2, (q-1)/2].</summary>
    internal static void Forward(Span<short> f)
    {
        f = f[..N];
        // SAFETY: f has exactly N elements (the slice above throws otherwise) and the tables 128; every index
        // below is < N (loop bounds) or < 128 (zeta indices 1..127), so no pointer leaves its buffer.
        fixed (short* p = f, z = Ntt.ZetaTable, zq = ZetasQInv)
        {
            ForwardTwoLayers(p, z, zq, 128);
            ForwardTwoLayers(p, z, zq, 32);
            ForwardTwoLayers(p, z, zq, 8);
            // Layer len = 2 (zeta index 64 + block), reducing as it stores.
            for (int b = 0; b < N / 4; b++)
            {
                short* x = p + 4 * b;
                int zeta = z[64 + b], zetaQInv = zq[64 + b];
                int a0 = x[0], a1 = x[1], a2 = x[2], a3 = x[3];
                int t = MulZeta(a2, zeta, zetaQInv);
                int u = MulZeta(a3, zeta, zetaQInv);
                x[0] = (short)BarrettReduce(a0 + t);
                x[1] = (short)BarrettReduce(a1 + u);
                x[2] = (short)BarrettReduce(a0 - t);
                x[3] = (short)BarrettReduce(a1 - u);
            }
        }
    }

    /// <summary>The forward layers len and len / 2 in one pass over blocks of 2 len coefficients.</summary>
    private static void ForwardTwoLayers(short* p, short* z, short* zq, int len)
    {
        int half = len / 2, first = N / 2 / len;
        for (int b = 0; b < first; b++)
        {
            short* x = p + 2 * len * b;
            int z1 = z[first + b], z1q = zq[first + b];
            int z2 = z[2 * first + 2 * b], z2q = zq[2 * first + 2 * b];
            int z3 = z[2 * first + 2 * b + 1], z3q = zq[2 * first + 2 * b + 1];
            for (int j = 0; j < half; j++)
            {
                int a0 = x[j], a1 = x[j + half], a2 = x[j + len], a3 = x[j + len + half];
                int t = MulZeta(a2, z1, z1q);
                a2 = a0 - t;
                a0 += t;
                t = MulZeta(a3, z1, z1q);
                a3 = a1 - t;
                a1 += t;
                t = MulZeta(a1, z2, z2q);
                x[j + half] = (short)(a0 - t);
                x[j] = (short)(a0 + t);
                t = MulZeta(a3, z3, z3q);
                x[j + len + half] = (short)(a2 - t);
                x[j + len] = (short)(a2 + t);
            }
        }
    }

    /// <summary>
    /// Ntt.InverseToMontgomery (FIPS 203, Algorithm 10, times R), congruent to it; input in (-q, q), output in (-q, q).
    /// </summary>
    internal static void InverseToMontgomery(Span<short> f)
    {
        f = f[..N];
        // SAFETY: as in Forward: f has N elements, indices are < N by the loop bounds, zeta indices in 1..127.
        fixed (short* p = f, z = Ntt.ZetaTable, zq = ZetasQInv)
        {
            // Layers 2 and 4 (input < q): sums < 2q, then < 4q; differences < q.
            InverseTwoLayers(p, z, zq, 2, reduceFirstSums: false);
            // Layers 8 and 16: the layer-8 sums (< 8q) are Barrett-reduced, so the stored values stay < 2q.
            InverseTwoLayers(p, z, zq, 8, reduceFirstSums: true);
            // Layers 32 and 64: sums < 4q, then < 8q < 2^15.
            InverseTwoLayers(p, z, zq, 32, reduceFirstSums: false);
            // Layer 128 and the scaling by F: |t + u|, |u - t| < 16q, and 16q * 1664 < q 2^15.
            int zetaF = Zeta1F, zetaFQInv = unchecked((short)(Zeta1F * QInv));
            int fQInv = unchecked((short)(F * QInv));
            for (int j = 0; j < N / 2; j++)
            {
                int t = p[j], u = p[j + N / 2];
                p[j] = (short)MulZeta(t + u, F, fQInv);
                p[j + N / 2] = (short)MulZeta(u - t, zetaF, zetaFQInv);
            }
        }
    }

    /// <summary>The inverse layers len and 2 len in one pass over blocks of 4 len coefficients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InverseTwoLayers(short* p, short* z, short* zq, int len, bool reduceFirstSums)
    {
        // Layer len, block c uses Zetas[N / len - 1 - c] (Ntt's index running down from 127).
        int blocks = N / (4 * len), firstIndex = N / len - 1, secondIndex = N / (2 * len) - 1;
        for (int b = 0; b < blocks; b++)
        {
            short* x = p + 4 * len * b;
            int z1 = z[firstIndex - 2 * b], z1q = zq[firstIndex - 2 * b];
            int z2 = z[firstIndex - 2 * b - 1], z2q = zq[firstIndex - 2 * b - 1];
            int z3 = z[secondIndex - b], z3q = zq[secondIndex - b];
            for (int j = 0; j < len; j++)
            {
                int a0 = x[j], a1 = x[j + len], a2 = x[j + 2 * len], a3 = x[j + 3 * len];
                int s0 = a0 + a1, s2 = a2 + a3;
                if (reduceFirstSums) // a constant after inlining
                {
                    s0 = BarrettReduce(s0);
                    s2 = BarrettReduce(s2);
                }
                int d1 = MulZeta(a1 - a0, z1, z1q);
                int d3 = MulZeta(a3 - a2, z2, z2q);
                x[j] = (short)(s0 + s2);
                x[j + 2 * len] = (short)MulZeta(s2 - s0, z3, z3q);
                x[j + len] = (short)(d1 + d3);
                x[j + 3 * len] = (short)MulZeta(d3 - d1, z3, z3q);
            }
        }
    }

    /// <summary>
    /// h = sum over e &lt; k of MultiplyNTTs(f_e, g_e) R^-1 (FIPS 203, Algorithms 11 and 12), f and g holding k
    /// polynomials each; output in (-q, q). Needs |f|, |g| &lt; q and k &lt;= 4.
    /// </summary>
    internal static void InnerProduct(ReadOnlySpan<short> f, ReadOnlySpan<short> g, int k, Span<short> h)
    {
        Debug.Assert(k >= 1 && k <= MlKemParameters.MaxK);
        f = f[..(k * N)];
        g = g[..(k * N)];
        h = h[..N];
        // SAFETY: f and g have k N elements and h N (the slices above throw otherwise); pair i reads
        // f[e N + 2i + {0, 1}] and g likewise for e < k, i < N / 2, and writes h[2i + {0, 1}]; Gammas has N / 2.
        fixed (short* fp = f, gp = g, hp = h, gamma = Ntt.GammaTable)
        {
            for (int i = 0; i < N / 2; i++)
            {
                int c0 = 0, c1 = 0, s = 0;
                for (int e = 0; e < k; e++)
                {
                    short* a = fp + e * N + 2 * i, b = gp + e * N + 2 * i;
                    int a0 = a[0], a1 = a[1], b0 = b[0], b1 = b[1];
                    c0 += a0 * b0;
                    s += a1 * b1;
                    c1 += a0 * b1 + a1 * b0;
                }
                // c0 + (s R^-1) (gamma R) adds the a1 b1 gamma terms: |c0| < 4 q^2, the product < q^2 / 2.
                hp[2 * i] = (short)MontgomeryReduce(c0 + MontgomeryReduce(s) * gamma[i]);
                hp[2 * i + 1] = (short)MontgomeryReduce(c1);
            }
        }
    }

    /// <summary>FieldArithmetic.Reduce: every coefficient to [-(q-1)/2, (q-1)/2].</summary>
    internal static void Reduce(Span<short> f)
    {
        // SAFETY: i < f.Length.
        fixed (short* p = f)
        {
            for (int i = 0; i < f.Length; i++) p[i] = (short)BarrettReduce(p[i]);
        }
    }

    /// <summary>FieldArithmetic.Normalize: every coefficient to [0, q).</summary>
    internal static void Normalize(Span<short> f)
    {
        // SAFETY: i < f.Length.
        fixed (short* p = f)
        {
            for (int i = 0; i < f.Length; i++)
            {
                int a = BarrettReduce(p[i]);
                p[i] = (short)(a + ((a >> 31) & Q));
            }
        }
    }

    /// <summary>FieldArithmetic.ToMontgomery: every coefficient times R, in (-q, q).</summary>
    internal static void ToMontgomery(Span<short> f)
    {
        // SAFETY: i < f.Length.
        fixed (short* p = f)
        {
            for (int i = 0; i < f.Length; i++) p[i] = (short)MontgomeryReduce(p[i] * FieldArithmetic.RSquared);
        }
    }

    /// <summary>FieldArithmetic.Add: f += g.</summary>
    internal static void Add(Span<short> f, ReadOnlySpan<short> g)
    {
        g = g[..f.Length];
        // SAFETY: i < f.Length = g.Length.
        fixed (short* p = f, q = g)
        {
            for (int i = 0; i < f.Length; i++) p[i] = (short)(p[i] + q[i]);
        }
    }

    /// <summary>FieldArithmetic.SubtractFrom: f = g - f.</summary>
    internal static void SubtractFrom(Span<short> f, ReadOnlySpan<short> g)
    {
        g = g[..f.Length];
        // SAFETY: i < f.Length = g.Length.
        fixed (short* p = f, q = g)
        {
            for (int i = 0; i < f.Length; i++) p[i] = (short)(q[i] - p[i]);
        }
    }
}
