// Arithmetic in Z_q, q = 8380417 = 2^23 - 2^13 + 1 (FIPS 204, section 2.3 and 7.5), with Montgomery reduction
// (R = 2^32) for products and a shift-based reduction for sums. Constant time: multiplications, shifts and masks
// only; no % or / on values.
//
// Representation: coefficients are signed 32-bit integers; between steps they may be any representative of their
// class within the bounds noted at each call site. Freeze gives [0, q), Centered gives (-q/2, q/2].
using System.Runtime.CompilerServices;

namespace NoFuture.Crypto.MlDsa;

internal static class Field
{
    internal const int Q = MlDsaParameters.Q;

    /// <summary>q^-1 mod 2^32.</summary>
    private const int QInv = 58728449;

    /// <summary>For |a| &lt; q 2^31, returns a value congruent to a 2^-32 mod q in (-q, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int MontgomeryReduce(long a)
    {
        unchecked
        {
            int t = (int)a * QInv;
            return (int)((a - (long)t * Q) >> 32);
        }
    }

    /// <summary>a b 2^-32 mod q, in (-q, q), for |a b| &lt; q 2^31.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int MontgomeryMultiply(int a, int b) => MontgomeryReduce((long)a * b);

    /// <summary>For a &lt; 2^31 - 2^22, a value congruent to a mod q in [-6283009, 6283008] (so |result| &lt; q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Reduce32(int a)
    {
        int t = (a + (1 << 22)) >> 23;
        return a - t * Q;
    }

    /// <summary>Adds q when a is negative (mask, no branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int AddQIfNegative(int a) => a + ((a >> 31) & Q);

    /// <summary>The representative in [0, q) of any a with |a| &lt; 2^31 - 2^22.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Freeze(int a) => AddQIfNegative(Reduce32(a));

    /// <summary>The representative in (-(q-1)/2, (q-1)/2] of a in [0, q) (a mod+- q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int CenterFrozen(int a) => a - (((Q - 1) / 2 - a) >> 31 & Q);

    /// <summary>|a| for a centered value (mask, no branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Abs(int a)
    {
        int m = a >> 31;
        return (a ^ m) - m;
    }

    /// <summary>Every coefficient to [0, q).</summary>
    internal static void Freeze(Span<int> f)
    {
        for (int i = 0; i < f.Length; i++) f[i] = Freeze(f[i]);
    }

    /// <summary>f += g coefficient-wise (the caller keeps the sums within 31 bits).</summary>
    internal static void Add(Span<int> f, ReadOnlySpan<int> g)
    {
        for (int i = 0; i < f.Length; i++) f[i] += g[i];
    }

    /// <summary>f -= g coefficient-wise.</summary>
    internal static void Subtract(Span<int> f, ReadOnlySpan<int> g)
    {
        for (int i = 0; i < f.Length; i++) f[i] -= g[i];
    }

    /// <summary>
    /// 1 when some coefficient of the centered f has |f_i| &gt;= bound, else 0; reads every coefficient with no
    /// early exit or data-dependent branch (FIPS 204, Algorithm 7, steps 23 and 27 on secret values).
    /// </summary>
    internal static int ExceedsNorm(ReadOnlySpan<int> f, int bound)
    {
        int any = 0;
        for (int i = 0; i < f.Length; i++) any |= bound - 1 - Abs(f[i]); // negative exactly when |f_i| >= bound
        return (int)((uint)any >> 31);
    }
}
