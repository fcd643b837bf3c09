// The number-theoretic transform of FIPS 203, section 4.3: NTT (Algorithm 9), NTT^-1 (Algorithm 10) and
// MultiplyNTTs / BaseCaseMultiply (Algorithms 11 and 12), over Z_q with q = 3329 and zeta = 17.
//
// Choices (the arrangement of the pq-crystals reference, derived here from the spec):
// - Zetas[i] = zeta^BitRev7(i) R mod q and Gammas[i] = zeta^(2 BitRev7(i) + 1) R mod q (R = 2^16), centred; a
//   Montgomery multiplication by them is an ordinary multiplication by the power of zeta. Both tables were
//   generated from those formulas and a test recomputes them.
// - NTT keeps the ordinary domain. MultiplyNTTs leaves a factor R^-1 in its result; InverseNttToMontgomery
//   multiplies by R (with the 1/128 of Algorithm 10, step 14, folded into the constant F), so a product taken
//   back through the inverse NTT is exact. KeyGen, which stays in the NTT domain, calls ToMontgomery instead.
// - Bounds: NTT input |f| < q grows by at most q per layer (< 8q after 7 layers) and ends Barrett-reduced.
//   MultiplyNTTsAccumulate sums k <= 4 products of magnitude &lt; 2q and Barrett-reduces.
// - Constant time: table indices are loop counters; arithmetic is FieldArithmetic's.
// - Tables are static readonly arrays, not span literals: Debug builds heap-allocate non-byte span literals.
using System.Diagnostics;

namespace NoFuture.Crypto.MlKem;

internal static class Ntt
{
    internal const int N = 256;

    /// <summary>R^2 / 128 mod q: the final scaling of the inverse NTT, leaving a factor R.</summary>
    private const short F = 1441;

    private static readonly short[] Zetas =
    [
        -1044, -758, -359, -1517, 1493, 1422, 287, 202, -171, 622, 1577, 182, 962, -1202, -1474, 1468,
        573, -1325, 264, 383, -829, 1458, -1602, -130, -681, 1017, 732, 608, -1542, 411, -205, -1571,
        1223, 652, -552, 1015, -1293, 1491, -282, -1544, 516, -8, -320, -666, -1618, -1162, 126, 1469,
        -853, -90, -271, 830, 107, -1421, -247, -951, -398, 961, -1508, -725, 448, -1065, 677, -1275,
        -1103, 430, 555, 843, -1251, 871, 1550, 105, 422, 587, 177, -235, -291, -460, 1574, 1653,
        -246, 778, 1159, -147, -777, 1483, -602, 1119, -1590, 644, -872, 349, 418, 329, -156, -75,
        817, 1097, 603, 610, 1322, -1285, -1465, 384, -1215, -136, 1218, -1335, -874, 220, -1187, -1659,
        -1185, -1530, -1278, 794, -1510, -854, -870, 478, -108, -308, 996, 991, 958, -1460, 1522, 1628,
    ];

    private static readonly short[] Gammas =
    [
        -1103, 1103, 430, -430, 555, -555, 843, -843, -1251, 1251, 871, -871, 1550, -1550, 105, -105,
        422, -422, 587, -587, 177, -177, -235, 235, -291, 291, -460, 460, 1574, -1574, 1653, -1653,
        -246, 246, 778, -778, 1159, -1159, -147, 147, -777, 777, 1483, -1483, -602, 602, 1119, -1119,
        -1590, 1590, 644, -644, -872, 872, 349, -349, 418, -418, 329, -329, -156, 156, -75, 75,
        817, -817, 1097, -1097, 603, -603, 610, -610, 1322, -1322, -1285, 1285, -1465, 1465, 384, -384,
        -1215, 1215, -136, 136, 1218, -1218, -1335, 1335, -874, 874, 220, -220, -1187, 1187, -1659, 1659,
        -1185, 1185, -1530, 1530, -1278, 1278, 794, -794, -1510, 1510, -854, 854, -870, 870, 478, -478,
        -108, 108, -308, 308, 996, -996, 991, -991, 958, -958, -1460, 1460, 1522, -1522, 1628, -1628,
    ];

    internal static ReadOnlySpan<short> ZetaTable => Zetas;

    internal static ReadOnlySpan<short> GammaTable => Gammas;

    /// <summary>FIPS 203, Algorithm 9 (NTT), in place; output in [-(q-1)/2, (q-1)/2].</summary>
    internal static void Forward(Span<short> f)
    {
        Debug.Assert(f.Length == N);
        ReadOnlySpan<short> zetas = Zetas;
        int i = 1;
        for (int len = 128; len >= 2; len >>= 1)
        {
            for (int start = 0; start < N; start += 2 * len)
            {
                short zeta = zetas[i++];
                for (int j = start; j < start + len; j++)
                {
                    short t = FieldArithmetic.MontgomeryMultiply(zeta, f[j + len]);
                    f[j + len] = (short)(f[j] - t);
                    f[j] = (short)(f[j] + t);
                }
            }
        }
        FieldArithmetic.Reduce(f);
    }

    /// <summary>FIPS 203, Algorithm 10 (NTT^-1) times R, in place; output in (-q, q).</summary>
    internal static void InverseToMontgomery(Span<short> f)
    {
        Debug.Assert(f.Length == N);
        ReadOnlySpan<short> zetas = Zetas;
        int i = 127;
        for (int len = 2; len <= 128; len <<= 1)
        {
            for (int start = 0; start < N; start += 2 * len)
            {
                short zeta = zetas[i--];
                for (int j = start; j < start + len; j++)
                {
                    short t = f[j];
                    f[j] = FieldArithmetic.BarrettReduce((short)(t + f[j + len]));
                    f[j + len] = FieldArithmetic.MontgomeryMultiply(zeta, (short)(f[j + len] - t));
                }
            }
        }
        for (int j = 0; j < N; j++) f[j] = FieldArithmetic.MontgomeryMultiply(f[j], F);
    }

    /// <summary>
    /// FIPS 203, Algorithm 11 (MultiplyNTTs) with Algorithm 12 (BaseCaseMultiply), accumulated: h += f x g R^-1.
    /// </summary>
    internal static void MultiplyAccumulate(ReadOnlySpan<short> f, ReadOnlySpan<short> g, Span<short> h)
    {
        Debug.Assert(f.Length == N && g.Length == N && h.Length == N);
        ReadOnlySpan<short> gammas = Gammas;
        for (int i = 0; i < N / 2; i++)
        {
            short a0 = f[2 * i], a1 = f[2 * i + 1], b0 = g[2 * i], b1 = g[2 * i + 1];
            short c0 = (short)(FieldArithmetic.MontgomeryMultiply(FieldArithmetic.MontgomeryMultiply(a1, b1), gammas[i])
                + FieldArithmetic.MontgomeryMultiply(a0, b0));
            short c1 = (short)(FieldArithmetic.MontgomeryMultiply(a0, b1) + FieldArithmetic.MontgomeryMultiply(a1, b0));
            h[2 * i] = (short)(h[2 * i] + c0);
            h[2 * i + 1] = (short)(h[2 * i + 1] + c1);
        }
    }
}
