// Arithmetic in Z_q, q = 3329 (FIPS 203, section 2.4.1), with Montgomery (R = 2^16) and Barrett reduction.
// Constant time: multiplications, shifts and masks only; no % or / on values (KyberSlash). The only table is
// indexed by public loop counters.
//
// Representation: coefficients are signed 16-bit. Between steps they may be any representative of their class
// within the bounds noted at each call site; ByteEncode needs [0, q), which NormalizeCentered produces.
using System.Runtime.CompilerServices;

namespace NoFuture.Crypto.MlKem;

internal static class FieldArithmetic
{
    internal const int Q = 3329;

    /// <summary>q^-1 mod 2^16, as a signed 16-bit value.</summary>
    private const int QInv = -3327;

    /// <summary>round(2^26 / q), for Barrett reduction.</summary>
    private const int BarrettMultiplier = ((1 << 26) + Q / 2) / Q;

    /// <summary>R^2 mod q: MontgomeryMultiply(x, RSquared) = x R mod q (to Montgomery form).</summary>
    internal const short RSquared = 1353;

    /// <summary>For |a| &lt; q 2^15, returns a value congruent to a R^-1 mod q in (-q, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static short MontgomeryReduce(int a)
    {
        unchecked
        {
            short t = (short)(a * QInv);
            return (short)((a - t * Q) >> 16);
        }
    }

    /// <summary>a b R^-1 mod q, in (-q, q); needs |a b| &lt; q 2^15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static short MontgomeryMultiply(short a, short b) => MontgomeryReduce(a * b);

    /// <summary>The representative of a mod q in [-(q-1)/2, (q-1)/2].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static short BarrettReduce(short a)
    {
        int t = (BarrettMultiplier * a + (1 << 25)) >> 26;
        return (short)(a - t * Q);
    }

    /// <summary>Maps a in (-q, q) to [0, q) by adding q when negative (mask, no branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static short AddQIfNegative(short a) => (short)(a + ((a >> 15) & Q));

    /// <summary>Maps a in [0, 2q) to [0, q) by subtracting q when a &gt;= q (mask, no branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static short SubtractQIfAtLeastQ(int a) => AddQIfNegative((short)(a - Q));

    /// <summary>Every coefficient to [0, q), from any 16-bit representative.</summary>
    internal static void Normalize(Span<short> f)
    {
        for (int i = 0; i < f.Length; i++) f[i] = AddQIfNegative(BarrettReduce(f[i]));
    }

    /// <summary>Every coefficient to [-(q-1)/2, (q-1)/2].</summary>
    internal static void Reduce(Span<short> f)
    {
        for (int i = 0; i < f.Length; i++) f[i] = BarrettReduce(f[i]);
    }

    /// <summary>Every coefficient times R (into Montgomery form), result in (-q, q).</summary>
    internal static void ToMontgomery(Span<short> f)
    {
        for (int i = 0; i < f.Length; i++) f[i] = MontgomeryMultiply(f[i], RSquared);
    }

    /// <summary>f += g coefficient-wise (the caller keeps the sums within 16 bits).</summary>
    internal static void Add(Span<short> f, ReadOnlySpan<short> g)
    {
        for (int i = 0; i < f.Length; i++) f[i] = (short)(f[i] + g[i]);
    }

    /// <summary>f = g - f coefficient-wise.</summary>
    internal static void SubtractFrom(Span<short> f, ReadOnlySpan<short> g)
    {
        for (int i = 0; i < f.Length; i++) f[i] = (short)(g[i] - f[i]);
    }
}
