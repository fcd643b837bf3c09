// Field25519 (XEdDSA verification's y = (u - 1)/(u + 1) mod 2^255 - 19) against System.Numerics.BigInteger, for
// random u and the edges: 0, 1, 2, p - 2, values near 2^255, and the refused u >= p - 1.
using System.Numerics;
using NoFuture.Crypto.Curves;

namespace NoFuture.Crypto.Tests.Curves;

public sealed class Field25519Tests
{
    private static readonly BigInteger P = (BigInteger.One << 255) - 19;

    private static byte[] Bytes(BigInteger v)
    {
        byte[] b = new byte[32];
        Assert.True(v.TryWriteBytes(b, out _, isUnsigned: true, isBigEndian: false));
        return b;
    }

    private static BigInteger Expected(BigInteger u) => (u - 1 + P) * BigInteger.ModPow(u + 1, P - 2, P) % P;

    [Fact]
    public void MatchesBigIntegerForRandomAndEdgeValues()
    {
        var rng = new Random(25519);
        var values = new List<BigInteger> { 0, 1, 2, 9, P - 2, P - 3, (BigInteger.One << 254), (BigInteger.One << 255) - 21, (BigInteger.One << 64) - 1 };
        byte[] raw = new byte[32];
        for (int i = 0; i < 300; i++)
        {
            rng.NextBytes(raw);
            raw[31] &= 0x7F;
            var v = new BigInteger(raw, isUnsigned: true, isBigEndian: false);
            if (v < P - 1) values.Add(v);
        }
        byte[] y = new byte[32];
        foreach (BigInteger u in values)
        {
            Assert.True(Field25519.MontgomeryUToEdwardsY(Bytes(u), y), $"u = {u}");
            Assert.Equal(Bytes(Expected(u)), y);
        }
    }

    [Fact]
    public void RefusesUAtOrAbovePMinusOne()
    {
        byte[] y = new byte[32];
        foreach (BigInteger u in new[] { P - 1, P, P + 1, (BigInteger.One << 255) - 1 })
            Assert.False(Field25519.MontgomeryUToEdwardsY(Bytes(u), y), $"u = {u}");
        byte[] top = Enumerable.Repeat((byte)0xFF, 32).ToArray(); // 2^256 - 1
        Assert.False(Field25519.MontgomeryUToEdwardsY(top, y));
    }

    private static ulong[] Limbs(BigInteger v)
    {
        byte[] b = new byte[32];
        Assert.True(v.TryWriteBytes(b, out _, isUnsigned: true, isBigEndian: false));
        var l = new ulong[4];
        for (int i = 0; i < 4; i++) l[i] = BitConverter.ToUInt64(b, 8 * i);
        return l;
    }

    private static BigInteger Value(ReadOnlySpan<ulong> l)
    {
        BigInteger v = 0;
        for (int i = 3; i >= 0; i--) v = (v << 64) + l[i];
        return v;
    }

    [Fact]
    public void MultiplySquareAndInvertMatchBigIntegerIncludingNonCanonicalInputs()
    {
        // Inputs up to 2^256 - 1 (Multiply takes values below 2^256, not only canonical ones) make every carry of the
        // product and of both folds run.
        var rng = new Random(255);
        BigInteger top = (BigInteger.One << 256) - 1;
        var values = new List<BigInteger> { 1, 2, 19, 38, P - 1, P, P + 1, top, top - 37, (BigInteger.One << 255), (BigInteger.One << 192) - 1 };
        byte[] raw = new byte[32];
        for (int i = 0; i < 200; i++)
        {
            rng.NextBytes(raw);
            if ((i & 3) == 0) raw.AsSpan(8).Fill(0xFF);
            values.Add(new BigInteger(raw, isUnsigned: true, isBigEndian: false));
        }
        ulong[] r = new ulong[4];
        for (int i = 0; i < values.Count; i++)
        {
            BigInteger a = values[i], b = values[(i * 7 + 3) % values.Count];
            Field25519.Multiply(Limbs(a), Limbs(b), r);
            Assert.True(Value(r) <= top);
            Assert.Equal(a * b % P, Value(r) % P);
            Field25519.Square(Limbs(a), r);
            Assert.True(Value(r) <= top);
            Assert.Equal(a * a % P, Value(r) % P);
            if (a % P == 0) continue;
            Field25519.Invert(Limbs(a), r);
            Assert.Equal(BigInteger.ModPow(a % P, P - 2, P), Value(r) % P);
        }
    }
}
