// Scalar multiplication on edwards448 (RFC 8032 §5.2.4 arithmetic, Ed448Point).
//
// Fixed base, constant time (key generation and signing, RFC 8032 §5.2.5 step 4 and §5.2.6 step 3): the scalar, reduced
// mod L, is recoded into 112 signed radix-16 digits e_i in [−8, 8] (Scalar448.ToSignedRadix16), and
//   s·B = 16·Σ_m e_(2m+1)·T_m + Σ_m e_(2m)·T_m,   T_m = 16^(2m)·B,
// with a table of the affine multiples j·T_m, j = 1..8 (56 × 8 points, built once from B, public data). Each digit
// reads all eight entries of its row with masks (no secret index), negates x under a mask for a negative digit, and
// adds with the complete formula: 112 additions and 4 doublings, the same sequence of operations for every scalar.
//
// Double-scalar, variable time (verification, §5.2.7, public inputs only): Straus's interleaving, one chain of 446
// doublings shared by [S]B (width-8 NAF over a static table of the odd multiples B, 3B, ..., 127B, affine) and [k]P
// (width-5 NAF over P, 3P, ..., 15P computed per call).
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace NoFuture.Crypto.Curves.Curve448;

internal static class Ed448ScalarMul
{
    private const int Rows = 56, PerRow = 8;
    private const int EntryLimbs = 2 * Field448.LimbCount; // x then y

    // [row][j][x limbs, y limbs]: (j + 1)·16^(2·row)·B in affine coordinates, limbs fully reduced.
    private static readonly ulong[] Table = BuildTable();

    private static ulong[] BuildTable()
    {
        ulong[] table = new ulong[Rows * PerRow * EntryLimbs];
        Ed448Point t = Ed448Point.Base;
        for (int row = 0; row < Rows; row++)
        {
            Ed448Point multiple = t;
            for (int j = 0; j < PerRow; j++)
            {
                Ed448Point.ToAffine(multiple, out Field448 x, out Field448 y);
                Field448.Reduce(out x, x);
                Field448.Reduce(out y, y);
                int at = (row * PerRow + j) * EntryLimbs;
                for (int i = 0; i < Field448.LimbCount; i++)
                {
                    table[at + i] = x[i];
                    table[at + Field448.LimbCount + i] = y[i];
                }
                Ed448Point.Add(out multiple, multiple, t);
            }
            for (int i = 0; i < 8; i++) Ed448Point.Double(out t, t); // 16^2 = 2^8
        }
        return table;
    }

    /// <summary>r = s·B for a reduced scalar s (7 limbs, &lt; L), in constant time.</summary>
    internal static void MulBase(out Ed448Point r, ReadOnlySpan<ulong> s)
    {
        Span<sbyte> e = stackalloc sbyte[112];
        Field448 x = default, y = default;
        try
        {
            Scalar448.ToSignedRadix16(s, e);
            r = Ed448Point.Identity;
            for (int m = 0; m < Rows; m++)
            {
                Select(m, e[2 * m + 1], out x, out y);
                Ed448Point.AddAffine(out r, r, x, y);
            }
            for (int i = 0; i < 4; i++) Ed448Point.Double(out r, r);
            for (int m = 0; m < Rows; m++)
            {
                Select(m, e[2 * m], out x, out y);
                Ed448Point.AddAffine(out r, r, x, y);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(e));
            x = default;
            y = default;
        }
    }

    // (x, y) = digit·T_row for a digit in [−8, 8]: every entry of the row is read; the one wanted is kept by mask.
    // The identity (0, 1) is the start value, kept when the digit is 0.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Select(int row, sbyte digit, out Field448 x, out Field448 y)
    {
        int d = digit;
        ulong negative = (ulong)(d >> 31) & 1;                   // 1 when the digit is negative
        ulong magnitude = (ulong)((d ^ -(int)negative) + (int)negative); // |d|, 0..8
        x = default;
        y = Field448.One;
        ReadOnlySpan<ulong> rowEntries = Table.AsSpan(row * PerRow * EntryLimbs, PerRow * EntryLimbs);
        for (int j = 0; j < PerRow; j++)
        {
            // mask = all ones when magnitude == j + 1: (m ^ (j + 1)) − 1 has its top bit set only for 0.
            ulong mask = 0UL - (((magnitude ^ (ulong)(j + 1)) - 1) >> 63);
            ReadOnlySpan<ulong> entry = rowEntries.Slice(j * EntryLimbs, EntryLimbs);
            for (int i = 0; i < Field448.LimbCount; i++)
            {
                x[i] = (x[i] & ~mask) | (entry[i] & mask);
                y[i] = (y[i] & ~mask) | (entry[Field448.LimbCount + i] & mask);
            }
        }
        Field448.Negate(out Field448 negX, x);
        Field448.Select(out x, x, negX, negative);
    }

    /// <summary>r = a·B + b·P for reduced scalars a, b (public), in variable time (Straus: one doubling chain).</summary>
    internal static void DoubleScalarVarTime(out Ed448Point r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, in Ed448Point p)
    {
        // Odd multiples P, 3P, ..., 15P for b's width-5 NAF; a's width-8 NAF reads the static BaseOdd table.
        Span<Ed448Point> odd = stackalloc Ed448Point[8];
        odd[0] = p;
        Ed448Point.Double(out Ed448Point p2, p);
        for (int i = 1; i < 8; i++) Ed448Point.Add(out odd[i], odd[i - 1], p2);

        Span<sbyte> nafA = stackalloc sbyte[450], nafB = stackalloc sbyte[450];
        int top = Math.Max(WNaf(a, nafA, BaseWindow), WNaf(b, nafB, 5));
        Field448 x = default, y = default;
        r = Ed448Point.Identity;
        for (int i = top; i >= 0; i--)
        {
            Ed448Point.Double(out r, r);
            int da = nafA[i];
            if (da != 0)
            {
                int at = ((da > 0 ? da : -da) >> 1) * EntryLimbs;
                for (int l = 0; l < Field448.LimbCount; l++)
                {
                    x[l] = BaseOdd[at + l];
                    y[l] = BaseOdd[at + Field448.LimbCount + l];
                }
                if (da < 0) Field448.Negate(out x, x);
                Ed448Point.AddAffine(out r, r, x, y);
            }
            int db = nafB[i];
            if (db > 0)
            {
                Ed448Point.Add(out r, r, odd[db >> 1]);
            }
            else if (db < 0)
            {
                Ed448Point.Negate(out Ed448Point neg, odd[(-db) >> 1]);
                Ed448Point.Add(out r, r, neg);
            }
        }
    }

    private const int BaseWindow = 8;

    // (2i + 1)·B for i = 0..63 (the odd multiples a width-8 NAF needs), affine, fully reduced; public data.
    private static readonly ulong[] BaseOdd = BuildBaseOdd();

    private static ulong[] BuildBaseOdd()
    {
        const int count = 1 << (BaseWindow - 2);
        ulong[] table = new ulong[count * EntryLimbs];
        Ed448Point b = Ed448Point.Base;
        Ed448Point.Double(out Ed448Point b2, b);
        Ed448Point multiple = b;
        for (int i = 0; i < count; i++)
        {
            Ed448Point.ToAffine(multiple, out Field448 x, out Field448 y);
            Field448.Reduce(out x, x);
            Field448.Reduce(out y, y);
            for (int l = 0; l < Field448.LimbCount; l++)
            {
                table[i * EntryLimbs + l] = x[l];
                table[i * EntryLimbs + Field448.LimbCount + l] = y[l];
            }
            Ed448Point.Add(out multiple, multiple, b2);
        }
        return table;
    }

    // Width-w NAF of a public scalar (< 2^446): digits odd in (−2^(w−1), 2^(w−1)) or 0, nonzero digits at least w
    // apart. Returns the index of the highest nonzero digit (−1 for 0).
    private static int WNaf(ReadOnlySpan<ulong> s, Span<sbyte> naf, int w)
    {
        naf.Clear();
        Span<ulong> k = stackalloc ulong[8];
        s.CopyTo(k);
        k[7] = 0;
        int top = -1;
        for (int i = 0; i < naf.Length; i++)
        {
            if ((k[0] & 1) != 0)
            {
                int digit = (int)(k[0] & ((1UL << w) - 1));
                if (digit > 1 << (w - 1)) digit -= 1 << w;
                naf[i] = (sbyte)digit;
                top = i;
                // k −= digit (k stays non-negative: k ≡ digit mod 2^w and k ≥ 1).
                if (digit > 0) SubSmall(k, (ulong)digit);
                else AddSmall(k, (ulong)(-digit));
            }
            // k >>= 1
            for (int j = 0; j < 7; j++) k[j] = (k[j] >> 1) | (k[j + 1] << 63);
            k[7] >>= 1;
        }
        return top;
    }

    private static void SubSmall(Span<ulong> k, ulong v)
    {
        for (int w = 0; w < k.Length && v != 0; w++)
        {
            ulong old = k[w];
            k[w] = old - v;
            v = old < v ? 1UL : 0UL;
        }
    }

    private static void AddSmall(Span<ulong> k, ulong v)
    {
        for (int w = 0; w < k.Length && v != 0; w++)
        {
            k[w] += v;
            v = k[w] < v ? 1UL : 0UL;
        }
    }
}
