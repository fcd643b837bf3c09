// FIPS 204, section 7.4: Power2Round (Algorithm 35), Decompose (36), HighBits (37), LowBits (38), MakeHint (39)
// and UseHint (40). Inputs are in [0, q) unless noted.
//
// Choices:
// - Decompose divides r + gamma2 - 1 by alpha = 2 gamma2 with a multiply by ceil(2^48 / alpha) and a shift (exact for
//   every input below 2^24: the error is below 2^-24 and 1/alpha is above 2^-20), and handles the r+ - r0 = q - 1
//   case with a mask, so secret inputs take no branch and no division.
// - UseHint is used only by verification, on public data, and may branch.
using System.Runtime.CompilerServices;

namespace NoFuture.Crypto.MlDsa;

internal static class Rounding
{
    private const int Q = MlDsaParameters.Q, D = MlDsaParameters.D;
    internal const int Gamma2Small = (Q - 1) / 88, Gamma2Large = (Q - 1) / 32;

    /// <summary>ceil(2^48 / (2 gamma2)) for the two gamma2 values of FIPS 204, Table 1.</summary>
    internal const ulong MultiplierSmall = ((1UL << 48) + 2 * Gamma2Small - 1) / (2 * Gamma2Small),
        MultiplierLarge = ((1UL << 48) + 2 * Gamma2Large - 1) / (2 * Gamma2Large);

    /// <summary>Algorithm 35: r = r1 2^d + r0 with r0 in (-2^(d-1), 2^(d-1)].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Power2Round(int r, out int r0)
    {
        int r1 = (r + (1 << (D - 1)) - 1) >> D;
        r0 = r - (r1 << D);
        return r1;
    }

    /// <summary>Algorithm 36: r = r1 (2 gamma2) + r0 (mod q), r0 in (-gamma2, gamma2], with the q - 1 wrap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Decompose(int r, int gamma2, out int r0)
    {
        int alpha = 2 * gamma2;
        ulong multiplier = gamma2 == Gamma2Small ? MultiplierSmall : MultiplierLarge; // public, per parameter set
        int r1 = (int)(((ulong)(r + gamma2 - 1) * multiplier) >> 48);
        int low = r - r1 * alpha;
        int top = (Q - 1) / alpha;
        int wrap = ((r1 ^ top) - 1) >> 31; // all ones when r1 == (q - 1) / alpha
        r0 = low + wrap;                    // r0 - 1 in that case
        return r1 & ~wrap;                  // and r1 = 0
    }

    /// <summary>Algorithm 37.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int HighBits(int r, int gamma2) => Decompose(r, gamma2, out _);

    /// <summary>Algorithm 38.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int LowBits(int r, int gamma2)
    {
        Decompose(r, gamma2, out int r0);
        return r0;
    }

    /// <summary>Algorithm 39: 1 when HighBits(r) != HighBits(r + z), for r and r + z given in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int MakeHint(int rPlusZ, int r, int gamma2)
    {
        int difference = HighBits(r, gamma2) ^ HighBits(rPlusZ, gamma2);
        return (int)((uint)-difference >> 31);
    }

    /// <summary>Algorithm 40 (public inputs).</summary>
    internal static int UseHint(int h, int r, int gamma2)
    {
        int m = (Q - 1) / (2 * gamma2);
        int r1 = Decompose(r, gamma2, out int r0);
        if (h == 0) return r1;
        if (r0 > 0) return r1 + 1 == m ? 0 : r1 + 1;
        return r1 == 0 ? m - 1 : r1 - 1;
    }
}
