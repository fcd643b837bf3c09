// Ed448ScalarMul's variable-time double-scalar multiplication (RFC 8032 §5.2.7's [S]B − [k]A) against a plain
// double-and-add over Ed448Point's complete projective formulas (RFC 8032 §5.2.4), on random and edge scalars and on
// points with and without a small-order component; the width-w NAF recoding against BigInteger (digits odd and below
// 2^(w−1) in magnitude, nonzero digits at least w apart, the sum equal to the scalar); and the static table of odd
// multiples of the base point against multiples computed with the constant-time fixed-base path.
using System.Numerics;
using NoFuture.Crypto.Curves.Curve448;

namespace NoFuture.Crypto.Tests.Curves;

public class Ed448ScalarMulTests
{
    private static readonly BigInteger L =
        BigInteger.Pow(2, 446) - BigInteger.Parse("13818066809895115352007386748515426880336692474882178609894547503885");

    private static ulong[] ToLimbs(BigInteger v)
    {
        byte[] b = new byte[56];
        v.TryWriteBytes(b, out _, isUnsigned: true, isBigEndian: false);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(b)[..7].ToArray();
    }

    private static BigInteger RandomBelow(Random rng, BigInteger bound)
    {
        byte[] b = new byte[57];
        rng.NextBytes(b);
        b[56] = 0;
        return new BigInteger(b, isUnsigned: true) % bound;
    }

    // Reference: left-to-right double-and-add over the bits of s, complete formulas only.
    private static Ed448Point Reference(BigInteger s, in Ed448Point p)
    {
        Ed448Point r = Ed448Point.Identity;
        for (int i = (int)s.GetBitLength() - 1; i >= 0; i--)
        {
            Ed448Point.Double(out r, r);
            if (!(s >> i).IsEven) Ed448Point.Add(out r, r, p);
        }
        return r;
    }

    private static Ed448Point Point(BigInteger c)
    {
        Ed448ScalarMul.MulBase(out Ed448Point p, ToLimbs(c));
        return p;
    }

    // (1, 0) has order 4 on x^2 + y^2 = 1 + d·x^2·y^2: adding it gives a point outside the prime-order subgroup.
    private static Ed448Point WithTorsion(in Ed448Point p)
    {
        Ed448Point t = default;
        t.X = Field448.One;
        t.Z = Field448.One;
        Ed448Point.Add(out Ed448Point r, p, t);
        return r;
    }

    private static void Check(BigInteger a, BigInteger b, in Ed448Point p)
    {
        Ed448ScalarMul.DoubleScalarVarTime(out Ed448Point got, ToLimbs(a), ToLimbs(b), p);
        Ed448Point.Add(out Ed448Point expected, Reference(a, Ed448Point.Base), Reference(b, p));
        Assert.True(Ed448Point.Equal(got, expected), $"a = {a}, b = {b}");
    }

    [Fact]
    public void DoubleScalar_MatchesDoubleAndAdd_RandomScalarsAndPoints()
    {
        var rng = new Random(8032);
        for (int n = 0; n < 120; n++)
        {
            BigInteger a = RandomBelow(rng, L), b = RandomBelow(rng, L);
            Ed448Point p = Point(RandomBelow(rng, L));
            if (n % 3 == 1) p = WithTorsion(p);
            if (n % 3 == 2)
            {
                // Not normalised (Z ≠ 1): the table must not assume a decoded point.
                Ed448Point.Double(out p, p);
            }
            Check(a, b, p);
        }
    }

    [Fact]
    public void DoubleScalar_MatchesDoubleAndAdd_EdgeScalars()
    {
        BigInteger[] edges =
        [
            0, 1, 2, 3, 15, 16, 17, 127, 128, 129, 255, L - 1, L - 2, L - 127, (BigInteger.One << 445) - 1,
            BigInteger.One << 445, ((BigInteger.One << 446) - 1) / 3, (BigInteger.One << 445) + 1,
        ];
        Ed448Point p = WithTorsion(Point(123456789));
        foreach (BigInteger a in edges)
        {
            foreach (BigInteger b in edges) Check(a, b, p);
        }
        // The identity as P, and P = ±B.
        Check(L - 1, 5, Ed448Point.Identity);
        Check(7, L - 7, Ed448Point.Base);
        Ed448Point.Negate(out Ed448Point minusB, Ed448Point.Base);
        Check(L - 1, L - 1, minusB);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    public void WNaf_RoundTripsAndIsWellFormed(int w)
    {
        var rng = new Random(w);
        var scalars = new List<BigInteger> { 0, 1, L - 1, (BigInteger.One << 446) - 1, BigInteger.One << 445, ((BigInteger.One << 446) - 1) / 3 };
        for (int n = 0; n < 300; n++) scalars.Add(RandomBelow(rng, BigInteger.One << 446));
        sbyte[] naf = new sbyte[450];
        foreach (BigInteger s in scalars)
        {
            int top = Ed448ScalarMul.WNafForTests(ToLimbs(s), naf, w);
            BigInteger sum = 0;
            int last = int.MinValue / 2, highest = -1;
            for (int i = naf.Length - 1; i >= 0; i--) sum = 2 * sum + naf[i];
            for (int i = 0; i < naf.Length; i++)
            {
                if (naf[i] == 0) continue;
                Assert.True((naf[i] & 1) == 1, $"even digit {naf[i]} at {i}");
                Assert.True(Math.Abs(naf[i]) < 1 << (w - 1), $"digit {naf[i]} out of range at {i}");
                Assert.True(i - last >= w, $"nonzero digits at {last} and {i} closer than {w}");
                last = i;
                highest = i;
            }
            Assert.Equal(s, sum);
            Assert.Equal(highest, top);
        }
    }

    [Fact]
    public void BaseOddTable_MatchesComputedMultiples()
    {
        for (int i = 0; i < 64; i++)
        {
            Ed448Point.ToAffine(Point(2 * i + 1), out Field448 x, out Field448 y);
            Ed448ScalarMul.BaseOddEntry(i, out Field448 tx, out Field448 ty);
            Assert.Equal(1UL, Field448.Equal(x, tx));
            Assert.Equal(1UL, Field448.Equal(y, ty));
        }
    }
}
