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
// (width-5 NAF over P, 3P, ..., 15P computed per call). The chain runs in extended coordinates (X : Y : Z : T) of
// Hisil et al.: a doubling stays RFC 8032's projective 3M + 4S and produces T (1M) only when an addition follows, and
// an addition costs 8M (7M from the affine base table) instead of the projective 11M + 1S. Digits only ever index
// public tables, and the branches depend on public data only.
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
        // Odd multiples P, 3P, ..., 15P for b's width-5 NAF, in the cached form; a's width-8 NAF reads BaseOdd.
        Span<Cached> odd = stackalloc Cached[PointWindowEntries];
        // Projective (X : Y : Z) to extended (XZ : YZ : Z^2 : XY): (XZ)(YZ)/Z^2 = XY.
        Extended acc = default;
        Field448.Mul(out acc.X, p.X, p.Z);
        Field448.Mul(out acc.Y, p.Y, p.Z);
        Field448.Square(out acc.Z, p.Z);
        Field448.Mul(out acc.T, p.X, p.Y);
        ToCached(acc, out odd[0]);
        Extended twice = acc;
        DoubleExtended(ref twice, withT: true);
        ToCached(twice, out Cached twiceCached);
        for (int i = 1; i < PointWindowEntries; i++)
        {
            AddCached(ref acc, twiceCached, negate: false, affine: false, withT: true);
            ToCached(acc, out odd[i]);
        }

        Span<sbyte> nafA = stackalloc sbyte[450], nafB = stackalloc sbyte[450];
        int top = Math.Max(WNaf(a, nafA, BaseWindow), WNaf(b, nafB, PointWindow));
        acc = default;
        acc.Y = Field448.One;
        acc.Z = Field448.One;
        Cached[] baseOdd = BaseOdd;
        for (int i = top; i >= 0; i--)
        {
            int da = nafA[i], db = nafB[i];
            DoubleExtended(ref acc, withT: (da | db) != 0);
            if (da != 0)
                AddCached(ref acc, baseOdd[(da > 0 ? da : -da) >> 1], negate: da < 0, affine: true, withT: db != 0);
            if (db != 0)
                AddCached(ref acc, odd[(db > 0 ? db : -db) >> 1], negate: db < 0, affine: false, withT: false);
        }
        r = default;
        r.X = acc.X;
        r.Y = acc.Y;
        r.Z = acc.Z;
    }

    private const int BaseWindow = 8, PointWindow = 5;
    private const int PointWindowEntries = 1 << (PointWindow - 2);

    // Extended coordinates (X : Y : Z : T), x = X/Z, y = Y/Z, T = XY/Z (Hisil, Wong, Carter, Dawson, "Twisted Edwards
    // Curves Revisited", ASIACRYPT 2008, §3). T is only computed when an addition will read it.
    private struct Extended
    {
        internal Field448 X, Y, Z, T;
    }

    // A point prepared for addition: X, Y, Z, Y + X, Y − X and −d·T = 39081·T (d = −39081, RFC 8032 §5.2).
    private struct Cached
    {
        internal Field448 X, Y, Z, YPlusX, YMinusX, KT;
    }

    private static void ToCached(in Extended p, out Cached c)
    {
        c = default;
        c.X = p.X;
        c.Y = p.Y;
        c.Z = p.Z;
        Field448.Add(out c.YPlusX, p.Y, p.X);
        Field448.Sub(out c.YMinusX, p.Y, p.X);
        Field448.MulSmall(out c.KT, p.T, Ed448Point.MinusD);
    }

    // p = 2p with RFC 8032 §5.2.4's doubling (3M + 4S): B = (X + Y)^2, C = X^2, D = Y^2, E = C + D, J = E − 2Z^2,
    // X3 = (B − E)·J, Y3 = E·(C − D), Z3 = E·J; and, when asked, T3 = X3·Y3/Z3 = (B − E)·(C − D) (one more M).
    private static void DoubleExtended(ref Extended p, bool withT)
    {
        Field448.Add(out Field448 s, p.X, p.Y);
        Field448.Square(out Field448 b, s);
        Field448.Square(out Field448 c, p.X);
        Field448.Square(out Field448 dd, p.Y);
        Field448.Add(out Field448 e, c, dd);
        Field448.Square(out Field448 h, p.Z);
        Field448.Add(out h, h, h);
        Field448.Sub(out Field448 j, e, h);
        Field448.Sub(out b, b, e);
        Field448.Sub(out Field448 cd, c, dd);
        Field448.Mul(out p.X, b, j);
        Field448.Mul(out p.Y, e, cd);
        Field448.Mul(out p.Z, e, j);
        if (withT) Field448.Mul(out p.T, b, cd);
    }

    // p = p ± q, the unified addition in extended coordinates for a = 1 (Hisil et al. 2008, §3.1):
    // A = X1·X2, B = Y1·Y2, C = d·T1·T2, D = Z1·Z2, E = (X1 + Y1)(X2 + Y2) − A − B, F = D − C, G = D + C, H = B − A,
    // X3 = E·F, Y3 = G·H, Z3 = F·G, T3 = E·H. It is the same addition law as RFC 8032 §5.2.4's (x3 = E/G, y3 = H/F after
    // dividing by Z1·Z2), complete because d is not a square. −q = (−X2, Y2, Z2, −T2) flips the signs of A and C and
    // swaps Y2 + X2 for Y2 − X2. With c = T1·(−d·T2) = −C: F = D + c, G = D − c. Affine q (Z2 = 1) saves D's multiply.
    // 8M (7M affine), plus one for T3 when asked.
    private static void AddCached(ref Extended p, in Cached q, bool negate, bool affine, bool withT)
    {
        Field448.Mul(out Field448 a, p.X, q.X);
        Field448.Mul(out Field448 bb, p.Y, q.Y);
        Field448.Mul(out Field448 c, p.T, q.KT);
        Field448 d;
        if (affine) d = p.Z;
        else Field448.Mul(out d, p.Z, q.Z);
        Field448.Add(out Field448 s, p.X, p.Y);
        Field448 e, f, g, h;
        if (!negate)
        {
            Field448.Mul(out e, s, q.YPlusX);
            Field448.Sub(out e, e, a);
            Field448.Sub(out e, e, bb);
            Field448.Add(out f, d, c);
            Field448.Sub(out g, d, c);
            Field448.Sub(out h, bb, a);
        }
        else
        {
            Field448.Mul(out e, s, q.YMinusX);
            Field448.Add(out e, e, a);
            Field448.Sub(out e, e, bb);
            Field448.Sub(out f, d, c);
            Field448.Add(out g, d, c);
            Field448.Add(out h, bb, a);
        }
        Field448.Mul(out p.X, e, f);
        Field448.Mul(out p.Y, g, h);
        Field448.Mul(out p.Z, f, g);
        if (withT) Field448.Mul(out p.T, e, h);
    }

    // (2i + 1)·B for i = 0..63 (the odd multiples a width-8 NAF needs), affine (Z = 1), cached form; public data.
    private static readonly Cached[] BaseOdd = BuildBaseOdd();

    private static Cached[] BuildBaseOdd()
    {
        const int count = 1 << (BaseWindow - 2);
        Cached[] table = new Cached[count];
        Ed448Point b = Ed448Point.Base;
        Ed448Point.Double(out Ed448Point b2, b);
        Ed448Point multiple = b;
        for (int i = 0; i < count; i++)
        {
            Extended e = default;
            Ed448Point.ToAffine(multiple, out e.X, out e.Y);
            Field448.Reduce(out e.X, e.X);
            Field448.Reduce(out e.Y, e.Y);
            e.Z = Field448.One;
            Field448.Mul(out e.T, e.X, e.Y);
            ToCached(e, out table[i]);
            Ed448Point.Add(out multiple, multiple, b2);
        }
        return table;
    }

    /// <summary>The affine x, y of BaseOdd's entry i, (2i + 1)·B; for the tests.</summary>
    internal static void BaseOddEntry(int i, out Field448 x, out Field448 y)
    {
        x = BaseOdd[i].X;
        y = BaseOdd[i].Y;
    }

    /// <summary>The width-w NAF of a public scalar into <paramref name="naf"/> (at least 450 digits); for the tests.</summary>
    internal static int WNafForTests(ReadOnlySpan<ulong> s, Span<sbyte> naf, int w) => WNaf(s, naf, w);

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
