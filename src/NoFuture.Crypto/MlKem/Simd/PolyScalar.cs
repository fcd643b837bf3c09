// ML-KEM's polynomial arithmetic on the scalar path (MlKemPath.Scalar, the fallback for machines without SIMD):
// FIPS 203, Algorithms 9-12 (NTT, NTT^-1, MultiplyNTTs, BaseCaseMultiply) with integer arithmetic only (int, and ulong holding two coefficients).
// Ntt and FieldArithmetic stay the readable reference (the vector paths mirror them lane by lane); this file
// computes values congruent to theirs mod q, within the bounds each method states, with fewer operations.
//
// Choices:
// - Plain integer arithmetic over raw pointers to the caller's N coefficients (no bounds checks in the inner
//   loops; every entry point slices f[..N] first, which throws on a short span, so the pointers never leave it).
// - Forward NTT: two coefficients per 64-bit word (32-bit halves, offset by q to stay non-negative), so one
//   Montgomery product costs three 64-bit multiplications for two coefficients (MontgomeryMultiplyPair states
//   why the halves never disturb each other); layers merged in pairs (128/64, 32/16, 8/4). Bounds: [1, 2q) grows
//   by 2q per layer, < 16q < 2^16 after seven; a packed Barrett reduction returns Ntt.Forward's centred values,
//   so the output equals the reference value for value.
// - Montgomery multiplication by a table constant zeta (inverse NTT) uses the precomputed zeta q^-1 mod 2^16
//   (ZetasQInv), so the two products a zeta and a zeta q^-1 are independent.
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
using System.Security.Cryptography;

namespace NoFuture.Crypto.MlKem.Simd;

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
    [SkipLocalsInit]
    internal static void Forward(Span<short> f)
    {
        f = f[..N];
        ulong* w = stackalloc ulong[N / 2];
        // SAFETY: f has exactly N elements (the slice above throws otherwise), w N / 2 words and the table 128
        // entries; every index below is < N, < N / 2 or in 1..127 by the loop bounds.
        try
        {
            fixed (short* p = f, z = Ntt.ZetaTable)
            {
                // Two coefficients per word, each offset by q into [1, 2q) (the input is in (-q, q)).
                for (int i = 0; i < N / 2; i++) w[i] = (uint)(p[2 * i] + Q) | (ulong)(uint)(p[2 * i + 1] + Q) << 32;
                // Layers len = 128 .. 2 coefficients (64 .. 1 words), merged in pairs (64/32, 16/8, 4/2) and then 1.
                ForwardTwoLayers(w, z, 64);
                ForwardTwoLayers(w, z, 16);
                ForwardTwoLayers(w, z, 4);
                for (int b = 0; b < N / 4; b++)
                {
                    (ulong zeta, ulong zetaQInv) = PairZeta(z[64 + b]);
                    ulong t = MontgomeryMultiplyPair(w[2 * b + 1], zeta, zetaQInv);
                    ulong a = w[2 * b];
                    w[2 * b] = a + t;
                    w[2 * b + 1] = a + TwoQPair - t;
                }
                // Bounds: [1, 2q) grows by 2q per layer, < 16q < 2^16 after seven. Barrett per half (x 20159 < 2^31),
                // then x - t q + (q-1)/2 in [0, q) per half, so the packed subtraction borrows nothing.
                const ulong Half = ((ulong)((Q - 1) / 2) << 32) | ((Q - 1) / 2);
                for (int i = 0; i < N / 2; i++)
                {
                    ulong x = w[i];
                    ulong t = ((x * Barrett + ((1UL << 57) | (1UL << 25))) >> 26) & 0x0000_003F_0000_003FUL;
                    ulong y = x + Half - t * Q;
                    p[2 * i] = (short)((int)(uint)(y & 0xFFFF) - (Q - 1) / 2);
                    p[2 * i + 1] = (short)((int)(uint)(y >> 32) - (Q - 1) / 2);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(new Span<byte>(w, N / 2 * sizeof(ulong))); // s, e, y are secret
        }
    }

    /// <summary>
    /// The forward layers of step and step / 2 words (len = 2 step and step coefficients) in one pass; block b of
    /// the first uses Zetas[64 / step + b], its halves Zetas[128 / step + 2b] and Zetas[128 / step + 2b + 1].
    /// </summary>
    private static void ForwardTwoLayers(ulong* w, short* z, int step)
    {
        int half = step / 2, first = 64 / step;
        for (int b = 0; b < first; b++)
        {
            ulong* x = w + 2 * step * b;
            (ulong z1, ulong z1q) = PairZeta(z[first + b]);
            (ulong z2, ulong z2q) = PairZeta(z[2 * first + 2 * b]);
            (ulong z3, ulong z3q) = PairZeta(z[2 * first + 2 * b + 1]);
            for (int j = 0; j < half; j++)
            {
                ulong a0 = x[j], a1 = x[j + half], a2 = x[j + step], a3 = x[j + step + half];
                ulong t = MontgomeryMultiplyPair(a2, z1, z1q);
                a2 = a0 + TwoQPair - t;
                a0 += t;
                t = MontgomeryMultiplyPair(a3, z1, z1q);
                a3 = a1 + TwoQPair - t;
                a1 += t;
                t = MontgomeryMultiplyPair(a1, z2, z2q);
                x[j + half] = a0 + TwoQPair - t;
                x[j] = a0 + t;
                t = MontgomeryMultiplyPair(a3, z3, z3q);
                x[j + step + half] = a2 + TwoQPair - t;
                x[j + step] = a2 + t;
            }
        }
    }

    /// <summary>A table zeta as the class representative in [0, q) and its product with -q^-1 mod 2^16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Zeta, ulong ZetaQInv) PairZeta(int zeta)
    {
        ulong z = (ulong)(zeta + ((zeta >> 31) & Q));
        return (z, (z * NegQInv) & 0xFFFF);
    }

    /// <summary>-q^-1 mod 2^16.</summary>
    private const ulong NegQInv = 3327;

    /// <summary>2q in both halves of a word.</summary>
    private const ulong TwoQPair = ((ulong)(2 * Q) << 32) | (2 * Q);

    /// <summary>
    /// Montgomery products of both 32-bit halves of x (each below 2^16) by zeta in [0, q): x_i zeta 2^-16 mod q,
    /// each in [0, 2q), with zetaQInv = zeta (-q^-1) mod 2^16. Per half: x zeta &lt; 2^32, the low 16 bits of x
    /// zetaQInv need no carry from below, and x zeta + m q &lt; 2^32 is divisible by 2^16, so no half disturbs the
    /// other: three multiplications for two coefficients.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MontgomeryMultiplyPair(ulong x, ulong zeta, ulong zetaQInv)
    {
        const ulong Low16 = 0x0000_FFFF_0000_FFFFUL;
        ulong m = (x * zetaQInv) & Low16;
        return ((x * zeta + m * Q) >> 16) & Low16;
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
