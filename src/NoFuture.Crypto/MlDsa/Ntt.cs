// The number-theoretic transform of FIPS 204, section 7.5: Algorithm 41 (NTT) and Algorithm 42 (NTT^-1), with
// zeta = 1753 (a 512th root of unity mod q) and zetas[m] = zeta^BitRev8(m) mod q.
//
// Choices:
// - The zetas are stored in Montgomery form (times 2^32 mod q), so MontgomeryMultiply(zetas[m], x) = zeta x.
//   The table is computed once from zeta (public constants, indexed only by loop counters).
// - Every product that enters the inverse transform in ML-DSA is a Montgomery product (an extra factor 2^-32), so
//   InverseFromMontgomery folds 2^32 into the final scaling by 256^-1: its constant is 2^64 / 256 mod q = 41978.
// - Bounds: the forward transform takes |a_i| &lt; q and returns |a_i| &lt; 9q. The inverse takes |a_i| &lt; 2^31 - 2^22
//   (sums of products), reduces them and every sum (Reduce32) and returns |a_i| &lt; q.
namespace NoFuture.Crypto.MlDsa;

internal static class Ntt
{
    private const int Zeta = 1753;
    private const int InverseScale = 41978; // 2^64 / 256 mod q

    private static readonly int[] Zetas = ComputeZetas();

    /// <summary>zetas[m] = zeta^BitRev8(m) 2^32 mod q (public constants), for the vector paths.</summary>
    internal static ReadOnlySpan<int> ZetaTable => Zetas;

    private static int[] ComputeZetas()
    {
        var zetas = new int[256];
        for (int m = 0; m < 256; m++)
        {
            int rev = 0;
            for (int b = 0; b < 8; b++) rev |= ((m >> b) & 1) << (7 - b);
            long z = 1;
            for (int e = 0; e < rev; e++) z = z * Zeta % Field.Q;
            zetas[m] = (int)((z << 32) % Field.Q); // Montgomery form
        }
        return zetas;
    }

    /// <summary>FIPS 204, Algorithm 41, in place.</summary>
    internal static void Forward(Span<int> w)
    {
        ReadOnlySpan<int> zetas = Zetas;
        int m = 0;
        for (int len = 128; len >= 1; len >>= 1)
        {
            for (int start = 0; start < 256; start += 2 * len)
            {
                int z = zetas[++m];
                Span<int> lo = w.Slice(start, len), hi = w.Slice(start + len, len);
                for (int j = 0; j < len; j++)
                {
                    int t = Field.MontgomeryMultiply(z, hi[j]);
                    hi[j] = lo[j] - t;
                    lo[j] += t;
                }
            }
        }
    }

    /// <summary>FIPS 204, Algorithm 42, in place, also removing one Montgomery factor 2^-32 (see file comment).</summary>
    internal static void InverseFromMontgomery(Span<int> w)
    {
        ReadOnlySpan<int> zetas = Zetas;
        for (int j = 0; j < 256; j++) w[j] = Field.Reduce32(w[j]); // callers may pass sums of up to 7 products
        int m = 256;
        for (int len = 1; len < 256; len <<= 1)
        {
            for (int start = 0; start < 256; start += 2 * len)
            {
                int z = -zetas[--m];
                Span<int> lo = w.Slice(start, len), hi = w.Slice(start + len, len);
                for (int j = 0; j < len; j++)
                {
                    int t = lo[j];
                    lo[j] = Field.Reduce32(t + hi[j]);
                    hi[j] = Field.MontgomeryMultiply(z, t - hi[j]);
                }
            }
        }
        for (int j = 0; j < 256; j++) w[j] = Field.MontgomeryMultiply(InverseScale, w[j]);
    }

    /// <summary>f = a o b (pointwise Montgomery product: a_i b_i 2^-32), |f_i| &lt; q.</summary>
    internal static void PointwiseMontgomery(Span<int> f, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        for (int i = 0; i < 256; i++) f[i] = Field.MontgomeryMultiply(a[i], b[i]);
    }

    /// <summary>f += a o b (pointwise Montgomery product); the caller bounds the number of accumulations.</summary>
    internal static void PointwiseMontgomeryAccumulate(Span<int> f, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        for (int i = 0; i < 256; i++) f[i] += Field.MontgomeryMultiply(a[i], b[i]);
    }
}
