// GF(2^16) modulo x^16 + x^12 + x^3 + x + 1 (0x1100B), the field of SPQR's erasure code: hand-checked products,
// the field axioms on random elements, both multiplication paths against a reference written differently (schoolbook
// product, then long division by the polynomial), and x generating the multiplicative group.
using NoFuture.Sessions.Spqr.Encoding;

namespace NoFuture.Sessions.Tests.Spqr;

public class Gf16Tests
{
    /// <summary>Reference: product bit by bit, then reduction by long division (no folding, no tables).</summary>
    private static ushort ReferenceMultiply(ushort a, ushort b)
    {
        uint product = 0;
        for (int i = 0; i < 16; i++)
            if (((b >> i) & 1) != 0) product ^= (uint)a << i;
        for (int bit = 31; bit >= 16; bit--)
            if (((product >> bit) & 1) != 0) product ^= 0x1100Bu << (bit - 16);
        return (ushort)product;
    }

    [Theory]
    // x^15 * x = x^16 = x^12 + x^3 + x + 1: the reduction polynomial's low part.
    [InlineData(0x8000, 0x0002, 0x100B)]
    // (x^7 + x^6 + x^5 + x^4 + x^2 + 1)(x^7 + x^4 + x + 1): degree 14, no reduction, the carry-less product.
    [InlineData(0x00F5, 0x0093, 0x74CF)]
    [InlineData(0x1234, 0x5678, 0x6324)]
    [InlineData(0xFFFF, 0xFFFF, 0x0733)]
    [InlineData(0x0001, 0xBEEF, 0xBEEF)]
    [InlineData(0x0000, 0xBEEF, 0x0000)]
    public void Multiply_KnownProducts(int a, int b, int expected)
    {
        Assert.Equal((ushort)expected, Gf16.Multiply((ushort)a, (ushort)b));
        Assert.Equal((ushort)expected, Gf16.MultiplyPortable((ushort)a, (ushort)b));
        Assert.Equal((ushort)expected, ReferenceMultiply((ushort)a, (ushort)b));
    }

    [Fact]
    public void Multiply_BothPaths_MatchTheReference()
    {
        var rng = new Random(16);
        for (int i = 0; i < 20000; i++)
        {
            ushort a = (ushort)rng.Next(65536), b = (ushort)rng.Next(65536);
            ushort expected = ReferenceMultiply(a, b);
            Assert.Equal(expected, Gf16.Multiply(a, b));
            Assert.Equal(expected, Gf16.MultiplyPortable(a, b));
        }
    }

    [Fact]
    public void FieldAxioms_HoldOnRandomElements()
    {
        var rng = new Random(1100);
        for (int i = 0; i < 5000; i++)
        {
            ushort a = (ushort)rng.Next(65536), b = (ushort)rng.Next(65536), c = (ushort)rng.Next(65536);
            Assert.Equal(Gf16.Multiply(a, b), Gf16.Multiply(b, a));
            Assert.Equal(Gf16.Multiply(Gf16.Multiply(a, b), c), Gf16.Multiply(a, Gf16.Multiply(b, c)));
            Assert.Equal(Gf16.Multiply(a, Gf16.Add(b, c)), Gf16.Add(Gf16.Multiply(a, b), Gf16.Multiply(a, c)));
            Assert.Equal(a, Gf16.Multiply(a, 1));
            Assert.Equal(0, Gf16.Add(a, a));
            if (a != 0)
            {
                Assert.Equal(1, Gf16.Multiply(a, Gf16.Inverse(a)));
                Assert.Equal(b, Gf16.Multiply(Gf16.Divide(b, a), a));
            }
        }
    }

    [Fact]
    public void Inverse_OfEveryNonZeroElement_IsItsInverse()
    {
        for (int a = 1; a < 65536; a++) Assert.Equal(1, Gf16.Multiply((ushort)a, Gf16.Inverse((ushort)a)));
    }

    [Fact]
    public void X_GeneratesTheMultiplicativeGroup()
    {
        // 65535 = 3 * 5 * 17 * 257: x has order 65535 iff x^65535 = 1 and x^(65535 / p) != 1 for each prime p.
        static ushort Power(ushort b, int e)
        {
            ushort r = 1;
            for (int i = 0; i < e; i++) r = Gf16.Multiply(r, b);
            return r;
        }
        Assert.Equal(1, Power(2, 65535));
        foreach (int p in new[] { 3, 5, 17, 257 }) Assert.NotEqual(1, Power(2, 65535 / p));
    }
}
