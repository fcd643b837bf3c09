// The scalar path's arithmetic (Simd/PolyScalar.cs) against the reference code (Ntt, FieldArithmetic): the forward
// NTT must equal Ntt.Forward value for value; the inverse NTT and the inner product use lazy reduction, so they
// must be congruent mod q to the reference and within the bounds their callers rely on. Inputs are random at the
// extremes of the stated input bounds (the worst case for the lazy bounds) as well as uniform.
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;

namespace NoFuture.Crypto.Tests.MlKemPerf;

public class ScalarArithmeticTests
{
    private const int Q = FieldArithmetic.Q;

    private static short[] RandomPoly(Random random, int low, int high, bool extremes)
    {
        var f = new short[Ntt.N];
        for (int i = 0; i < f.Length; i++)
            f[i] = (short)(extremes ? (random.Next(2) == 0 ? low : high - 1) : random.Next(low, high));
        return f;
    }

    private static int Mod(int x) => ((x % Q) + Q) % Q;

    [Fact]
    public void ForwardEqualsReference()
    {
        var random = new Random(9);
        for (int trial = 0; trial < 500; trial++)
        {
            short[] f = RandomPoly(random, -Q + 1, Q, extremes: trial % 5 == 0);
            short[] expected = (short[])f.Clone();
            Ntt.Forward(expected);
            PolyScalar.Forward(f);
            Assert.Equal(expected, f);
        }
    }

    [Fact]
    public void InverseIsCongruentToReferenceAndInBounds()
    {
        var random = new Random(10);
        for (int trial = 0; trial < 500; trial++)
        {
            short[] f = RandomPoly(random, -Q + 1, Q, extremes: trial % 5 == 0);
            short[] expected = (short[])f.Clone();
            Ntt.InverseToMontgomery(expected);
            PolyScalar.InverseToMontgomery(f);
            for (int i = 0; i < Ntt.N; i++)
            {
                Assert.InRange(f[i], -Q + 1, Q - 1);
                Assert.Equal(Mod(expected[i]), Mod(f[i]));
            }
        }
    }

    [Theory]
    [InlineData(2), InlineData(3), InlineData(4)]
    public void InnerProductIsCongruentToReferenceAndInBounds(int k)
    {
        var random = new Random(k);
        for (int trial = 0; trial < 200; trial++)
        {
            bool extremes = trial % 4 == 0;
            var f = new short[k * Ntt.N];
            var g = new short[k * Ntt.N];
            for (int e = 0; e < k; e++)
            {
                RandomPoly(random, -Q + 1, Q, extremes).CopyTo(f, e * Ntt.N);
                RandomPoly(random, -Q + 1, Q, extremes).CopyTo(g, e * Ntt.N);
            }
            var expected = new short[Ntt.N];
            for (int e = 0; e < k; e++)
                Ntt.MultiplyAccumulate(f.AsSpan(e * Ntt.N, Ntt.N), g.AsSpan(e * Ntt.N, Ntt.N), expected);
            var h = new short[Ntt.N];
            PolyScalar.InnerProduct(f, g, k, h);
            for (int i = 0; i < Ntt.N; i++)
            {
                Assert.InRange(h[i], -Q + 1, Q - 1);
                Assert.Equal(Mod(expected[i]), Mod(h[i]));
            }
        }
    }

    [Fact]
    public void Zeta1FIsZeta1TimesFOverR()
    {
        // Zetas[1] F R^-1 mod q, with R^-1 = 169 (2^16 * 169 = 1 mod q) and F = 1441 (Ntt's final scaling).
        Assert.Equal(1, 65536 * 169 % Q);
        Assert.Equal(Mod(Ntt.ZetaTable[1] * 1441 * 169), Mod(PolyScalar.Zeta1F));
    }

    [Fact]
    public void ElementwiseOperationsMatchReference()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 100; trial++)
        {
            short[] wide = RandomPoly(random, -8 * Q + 1, 8 * Q, extremes: trial % 5 == 0);
            short[] g = RandomPoly(random, -Q + 1, Q, extremes: false);
            (Action<short[]> reference, Action<short[]> scalar)[] pairs =
            [
                (x => FieldArithmetic.Reduce(x), x => PolyScalar.Reduce(x)),
                (x => FieldArithmetic.Normalize(x), x => PolyScalar.Normalize(x)),
                (x => FieldArithmetic.ToMontgomery(x), x => PolyScalar.ToMontgomery(x)),
                (x => FieldArithmetic.Add(x, g), x => PolyScalar.Add(x, g)),
                (x => FieldArithmetic.SubtractFrom(x, g), x => PolyScalar.SubtractFrom(x, g)),
            ];
            foreach ((Action<short[]> reference, Action<short[]> scalar) in pairs)
            {
                short[] expected = (short[])wide.Clone(), actual = (short[])wide.Clone();
                reference(expected);
                scalar(actual);
                Assert.Equal(expected, actual);
            }
        }
    }
}
