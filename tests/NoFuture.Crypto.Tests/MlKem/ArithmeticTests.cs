// Exhaustive and property checks of the ML-KEM building blocks against their FIPS 203 definitions, computed
// here the slow, obvious way (with division, which is fine in a test).
using NoFuture.Crypto.MlKem;

namespace NoFuture.Crypto.Tests.MlKem;

public class ArithmeticTests
{
    private const int Q = 3329;

    private static int BitRev7(int i)
    {
        int r = 0;
        for (int b = 0; b < 7; b++) r |= ((i >> b) & 1) << (6 - b);
        return r;
    }

    private static int PowMod(int x, int e)
    {
        long r = 1;
        for (int i = 0; i < e; i++) r = r * x % Q;
        return (int)r;
    }

    private static int Mod(long x) => (int)(((x % Q) + Q) % Q);

    [Fact]
    public void ZetaAndGammaTablesMatchTheirDefinitions()
    {
        for (int i = 0; i < 128; i++)
        {
            // Stored in Montgomery form (times 2^16), centred.
            Assert.Equal(Mod((long)PowMod(17, BitRev7(i)) << 16), Mod(Ntt.ZetaTable[i]));
            Assert.Equal(Mod((long)PowMod(17, 2 * BitRev7(i) + 1) << 16), Mod(Ntt.GammaTable[i]));
            Assert.InRange(Ntt.ZetaTable[i], -Q / 2, Q / 2);
        }
    }

    [Theory]
    [InlineData(1), InlineData(4), InlineData(5), InlineData(10), InlineData(11)]
    public void CompressIsExactForEveryInput(int d)
    {
        for (int x = 0; x < Q; x++)
        {
            // Equation 4.7: round(2^d / q * x) mod 2^d, with round-half-up.
            int expected = (int)(((((long)x << d) * 2 + Q) / (2 * Q)) % (1 << d));
            Assert.Equal(expected, PolyEncoding.Compress((short)x, d));
        }
        for (int y = 0; y < 1 << d; y++)
        {
            int expected = (int)(((long)y * Q * 2 + (1 << d)) / (2L << d)); // Equation 4.8
            Assert.Equal(expected, PolyEncoding.Decompress((short)y, d));
        }
    }

    [Fact]
    public void ReductionsAreCongruentAndBounded()
    {
        for (int a = short.MinValue; a <= short.MaxValue; a++)
        {
            short b = FieldArithmetic.BarrettReduce((short)a);
            Assert.Equal(Mod(a), Mod(b));
            Assert.InRange(b, -(Q - 1) / 2, (Q - 1) / 2);
        }
        var random = new Random(1);
        const long rInverse = 169; // R = 2^16 = 2285 mod q, and 2285 * 169 = 1 mod q
        for (int i = 0; i < 100_000; i++)
        {
            int a = random.Next(-Q * (1 << 15) + 1, Q * (1 << 15));
            short r = FieldArithmetic.MontgomeryReduce(a);
            Assert.Equal(Mod(a * rInverse), Mod(r));
            Assert.InRange(r, -Q + 1, Q - 1);
        }
    }

    [Fact]
    public void NttThenInverseIsIdentityTimesR()
    {
        var random = new Random(2);
        var f = new short[256];
        var g = new short[256];
        for (int trial = 0; trial < 50; trial++)
        {
            for (int i = 0; i < 256; i++) f[i] = g[i] = (short)random.Next(-Q + 1, Q);
            Ntt.Forward(g);
            Ntt.InverseToMontgomery(g);
            // InverseToMontgomery leaves a factor R = 2^16 (2285 mod q).
            for (int i = 0; i < 256; i++) Assert.Equal(Mod(f[i] * 2285L), Mod(g[i]));
        }
    }

    [Fact]
    public void NttProductIsNegacyclicConvolution()
    {
        var random = new Random(3);
        var f = new short[256];
        var g = new short[256];
        var expected = new long[256];
        for (int i = 0; i < 256; i++)
        {
            f[i] = (short)random.Next(0, Q);
            g[i] = (short)random.Next(0, Q);
        }
        for (int i = 0; i < 256; i++)
            for (int j = 0; j < 256; j++)
            {
                long product = (long)f[i] * g[j];
                if (i + j < 256) expected[i + j] += product; // X^256 = -1 in R_q
                else expected[i + j - 256] -= product;
            }
        var h = new short[256];
        Ntt.Forward(f);
        Ntt.Forward(g);
        Ntt.MultiplyAccumulate(f, g, h);
        FieldArithmetic.Reduce(h);
        Ntt.InverseToMontgomery(h); // the R of the inverse cancels the R^-1 of the product
        for (int i = 0; i < 256; i++) Assert.Equal(Mod(expected[i]), Mod(h[i]));
    }

    [Theory]
    [InlineData(1), InlineData(4), InlineData(5), InlineData(10), InlineData(11), InlineData(12)]
    public void ByteDecodeInvertsByteEncode(int d)
    {
        var random = new Random(d);
        var f = new short[256];
        var back = new short[256];
        var bytes = new byte[32 * d];
        int m = d == 12 ? Q : 1 << d;
        for (int i = 0; i < 256; i++) f[i] = (short)random.Next(0, m);
        PolyEncoding.ByteEncode(f, d, bytes);
        PolyEncoding.ByteDecode(bytes, d, back);
        Assert.Equal(f, back);
    }
}
