// GF(2^448 − 2^224 − 1) arithmetic (Field448, the field of RFC 7748 §4.2 / RFC 8032 §5.2) checked against
// System.Numerics.BigInteger: random inputs, edge values (0, 1, p − 1, non-canonical encodings in [p, 2^448)), and
// loose inputs whose limbs sit at the documented bound (2^57 − 1), which is where an overflow would show.
using System.Numerics;
using NoFuture.Crypto.Curves.Curve448;

namespace NoFuture.Crypto.Tests.Curves;

public class Field448Tests
{
    private static readonly BigInteger P = (BigInteger.One << 448) - (BigInteger.One << 224) - 1;
    private const ulong LimbMask = (1UL << 56) - 1;

    private static BigInteger Mod(BigInteger x) => ((x % P) + P) % P;

    private static BigInteger ToBig(in Field448 a)
    {
        BigInteger r = BigInteger.Zero;
        for (int i = 7; i >= 0; i--) r = (r << 56) + a[i];
        return r;
    }

    private static void AssertLoose(in Field448 a)
    {
        for (int i = 0; i < 8; i++) Assert.True(a[i] < (1UL << 57), $"limb {i} = {a[i]:x} breaks the < 2^57 invariant");
    }

    private static byte[] ToBytes(BigInteger x)
    {
        byte[] b = new byte[56];
        Assert.True(x.TryWriteBytes(b, out _, isUnsigned: true, isBigEndian: false));
        return b;
    }

    // A random loose element: each limb anywhere below 2^57 (so values up to about 2^449, non-canonical on purpose).
    private static Field448 RandomLoose(Random rng, bool extreme = false)
    {
        Field448 r = default;
        for (int i = 0; i < 8; i++)
            r[i] = extreme && rng.Next(2) == 0 ? (1UL << 57) - 1 - (ulong)rng.Next(4) : (ulong)rng.NextInt64() & ((1UL << 57) - 1);
        return r;
    }

    private static BigInteger RandomCanonical(Random rng)
    {
        byte[] b = new byte[57];
        rng.NextBytes(b);
        b[^1] = 0;
        return new BigInteger(b) % P;
    }

    public static TheoryData<bool> Extremes => new() { false, true };

    [Theory]
    [MemberData(nameof(Extremes))]
    public void RingOperations_MatchBigInteger(bool extreme)
    {
        var rng = new Random(extreme ? 448 : 7748);
        for (int n = 0; n < 2000; n++)
        {
            Field448 a = RandomLoose(rng, extreme), b = RandomLoose(rng, extreme);
            BigInteger A = ToBig(a), B = ToBig(b);

            Field448.Add(out Field448 r, a, b); AssertLoose(r); Assert.Equal(Mod(A + B), Mod(ToBig(r)));
            Field448.Sub(out r, a, b); AssertLoose(r); Assert.Equal(Mod(A - B), Mod(ToBig(r)));
            Field448.Negate(out r, a); AssertLoose(r); Assert.Equal(Mod(-A), Mod(ToBig(r)));
            Field448.Mul(out r, a, b); AssertLoose(r); Assert.Equal(Mod(A * B), Mod(ToBig(r)));
            Field448.Square(out r, a); AssertLoose(r); Assert.Equal(Mod(A * A), Mod(ToBig(r)));
            Field448.MulSmall(out r, a, 39081); AssertLoose(r); Assert.Equal(Mod(A * 39081), Mod(ToBig(r)));
            Field448.MulSmall(out r, a, (1u << 20) - 1); AssertLoose(r); Assert.Equal(Mod(A * ((1 << 20) - 1)), Mod(ToBig(r)));
        }
    }

    [Fact]
    public void Aliasing_OutputMayBeAnInput()
    {
        var rng = new Random(1);
        Field448 a = RandomLoose(rng), b = RandomLoose(rng);
        BigInteger A = ToBig(a), B = ToBig(b);
        Field448 x = a; Field448.Mul(out x, x, b); Assert.Equal(Mod(A * B), Mod(ToBig(x)));
        x = a; Field448.Mul(out x, x, x); Assert.Equal(Mod(A * A), Mod(ToBig(x)));
        x = a; Field448.Square(out x, x); Assert.Equal(Mod(A * A), Mod(ToBig(x)));
        x = b; Field448.Sub(out x, a, x); Assert.Equal(Mod(A - B), Mod(ToBig(x)));
        x = a; Field448.Add(out x, x, x); Assert.Equal(Mod(2 * A), Mod(ToBig(x)));
        x = a; Field448.Negate(out x, x); Assert.Equal(Mod(-A), Mod(ToBig(x)));
        x = a; Field448.Select(out x, x, b, 1); Assert.Equal(B, ToBig(x));
        x = b; Field448.Select(out x, a, x, 0); Assert.Equal(A, ToBig(x));
        x = a; Field448.Invert(out x, x); Assert.Equal(Mod(BigInteger.ModPow(A, P - 2, P)), Mod(ToBig(x)));
    }

    [Fact]
    public void LongChains_StayWithinBounds()
    {
        // Feed every output back in as an input, so outputs at the bound are also tested as inputs.
        var rng = new Random(3);
        Field448 x = RandomLoose(rng, extreme: true), y = RandomLoose(rng, extreme: true);
        BigInteger X = ToBig(x), Y = ToBig(y);
        for (int n = 0; n < 5000; n++)
        {
            switch (rng.Next(6))
            {
                case 0: Field448.Add(out x, x, y); X = Mod(X + Y); break;
                case 1: Field448.Sub(out x, x, y); X = Mod(X - Y); break;
                case 2: Field448.Mul(out x, x, y); X = Mod(X * Y); break;
                case 3: Field448.Square(out x, x); X = Mod(X * X); break;
                case 4: Field448.MulSmall(out x, x, 39081); X = Mod(X * 39081); break;
                default: Field448.Negate(out x, x); X = Mod(-X); break;
            }
            AssertLoose(x);
            (x, y, X, Y) = (y, x, Y, X);
        }
        Assert.Equal(Mod(X), Mod(ToBig(x)));
        Assert.Equal(Mod(Y), Mod(ToBig(y)));
    }

    [Fact]
    public void InvertAndPowP34_MatchModPow()
    {
        var rng = new Random(5);
        BigInteger e34 = (P - 3) / 4;
        for (int n = 0; n < 50; n++)
        {
            Field448 a = n == 0 ? Field448.One : RandomLoose(rng, extreme: n % 2 == 0);
            BigInteger A = Mod(ToBig(a));
            Field448.Invert(out Field448 inv, a);
            Assert.Equal(BigInteger.ModPow(A, P - 2, P), Mod(ToBig(inv)));
            Field448.Mul(out Field448 one, inv, a);
            Assert.Equal(1UL, Field448.Equal(one, Field448.One));
            Field448.PowP34(out Field448 r, a);
            Assert.Equal(BigInteger.ModPow(A, e34, P), Mod(ToBig(r)));
        }
        Field448.Invert(out Field448 z, Field448.Zero);
        Assert.Equal(1UL, Field448.IsZero(z));
    }

    [Fact]
    public void EncodeDecode_RoundTripAndCanonicalFlag()
    {
        var rng = new Random(9);
        BigInteger two448 = BigInteger.One << 448;
        var values = new List<BigInteger> { 0, 1, 2, P - 1, P - 2, (BigInteger.One << 224) - 1, BigInteger.One << 224, P - (BigInteger.One << 224) };
        for (int i = 0; i < 500; i++) values.Add(RandomCanonical(rng));
        foreach (BigInteger v in values)
        {
            byte[] enc = ToBytes(v);
            Assert.Equal(1UL, Field448.Decode(enc, out Field448 f));
            byte[] back = new byte[56];
            Field448.Encode(f, back);
            Assert.Equal(enc, back);
        }
        // Non-canonical: p .. 2^448 − 1 decode with flag 0 and to the value mod p.
        var nonCanonical = new List<BigInteger> { P, P + 1, two448 - 1, two448 - 2, P + (BigInteger.One << 224) };
        for (int i = 0; i < 200; i++) nonCanonical.Add(P + (RandomCanonical(rng) % (two448 - P)));
        foreach (BigInteger v in nonCanonical)
        {
            Assert.Equal(0UL, Field448.Decode(ToBytes(v), out Field448 f));
            byte[] back = new byte[56];
            Field448.Encode(f, back);
            Assert.Equal(ToBytes(v - P), back);
        }
        // Loose values encode to their canonical residue, including those at the limb bound.
        for (int i = 0; i < 2000; i++)
        {
            Field448 a = RandomLoose(rng, extreme: i % 2 == 0);
            byte[] back = new byte[56];
            Field448.Encode(a, back);
            Assert.Equal(ToBytes(Mod(ToBig(a))), back);
            Field448.Reduce(out Field448 r, a);
            Assert.Equal(Mod(ToBig(a)), ToBig(r));
            for (int j = 0; j < 8; j++) Assert.True(r[j] <= LimbMask);
        }
    }

    [Fact]
    public void Encode_ValuesJustBelowAndAboveMultiplesOfP()
    {
        // Loose limbs that represent exactly p, 2p, p − 1 and p + 1: the final subtraction must pick correctly.
        foreach (BigInteger v in new[] { P, 2 * P, P - 1, P + 1, 2 * P - 1, 2 * P + 1 })
        {
            // Spread v over limbs with limb 0 carrying the excess above 2^56 where possible.
            Field448 f = default;
            BigInteger rest = v;
            for (int i = 0; i < 7; i++) { f[i] = (ulong)(rest & LimbMask); rest >>= 56; }
            Assert.True(rest < (BigInteger.One << 57));
            f[7] = (ulong)rest;
            Assert.Equal(v, ToBig(f));
            byte[] back = new byte[56];
            Field448.Encode(f, back);
            Assert.Equal(ToBytes(Mod(v)), back);
            Assert.Equal(Mod(v).IsZero ? 1UL : 0UL, Field448.IsZero(f));
        }
    }

    [Fact]
    public void IsZero_Equal_IsNegative_Select_Swap()
    {
        Field448 p = default;
        for (int i = 0; i < 8; i++) p[i] = i == 4 ? LimbMask - 1 : LimbMask; // p itself, a non-canonical zero
        Assert.Equal(1UL, Field448.IsZero(p));
        Assert.Equal(1UL, Field448.IsZero(Field448.Zero));
        Assert.Equal(0UL, Field448.IsZero(Field448.One));
        Assert.Equal(1UL, Field448.Equal(p, Field448.Zero));
        Assert.Equal(0UL, Field448.Equal(Field448.One, Field448.Zero));
        Field448 pPlus1 = p; pPlus1[0] += 1;
        Assert.Equal(1UL, Field448.Equal(pPlus1, Field448.One));
        Assert.Equal(1UL, Field448.IsNegative(Field448.One));
        Assert.Equal(1UL, Field448.IsNegative(pPlus1)); // p + 1 ≡ 1: odd once reduced
        Field448.Negate(out Field448 minusOne, Field448.One); // p − 1: even
        Assert.Equal(0UL, Field448.IsNegative(minusOne));
        Assert.Equal(1UL, Field448.IsNegative(Field448.FromUInt64(39081)));

        var rng = new Random(11);
        Field448 a = RandomLoose(rng), b = RandomLoose(rng);
        BigInteger A = ToBig(a), B = ToBig(b);
        Field448.ConditionalSwap(ref a, ref b, 0);
        Assert.Equal((A, B), (ToBig(a), ToBig(b)));
        Field448.ConditionalSwap(ref a, ref b, 1);
        Assert.Equal((B, A), (ToBig(a), ToBig(b)));
        Field448.Select(out Field448 s, a, b, 0); Assert.Equal(B, ToBig(s));
        Field448.Select(out s, a, b, 1); Assert.Equal(A, ToBig(s));
        Assert.Equal(Mod(new BigInteger(ulong.MaxValue >> 1)), Mod(ToBig(Field448.FromUInt64(ulong.MaxValue >> 1))));
    }

    [Fact]
    public void Operations_DoNotAllocate()
    {
        var rng = new Random(13);
        Field448 a = RandomLoose(rng), b = RandomLoose(rng);
        byte[] enc = new byte[56];
        Run(ref a, ref b, enc); // JIT first
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(ref a, ref b, enc);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);

        static void Run(ref Field448 a, ref Field448 b, byte[] enc)
        {
            Field448.Mul(out Field448 r, a, b);
            Field448.Square(out r, r);
            Field448.Add(out r, r, a);
            Field448.Sub(out r, r, b);
            Field448.Invert(out r, r);
            Field448.ConditionalSwap(ref a, ref r, 1);
            Field448.Encode(a, enc);
            Field448.Decode(enc, out b);
        }
    }
}
