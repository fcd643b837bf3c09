// Scalar448 (arithmetic mod the Ed448 order L, RFC 8032 §5.2) against System.Numerics.BigInteger as the oracle: random
// and edge inputs for the 114-byte reduction, S = (r + k·s) mod L, the canonical check and the signed radix-16 recoding.
using System.Numerics;
using NoFuture.Crypto.Curves.Curve448;

namespace NoFuture.Crypto.Tests.Curves;

public class Scalar448Tests
{
    private static readonly BigInteger L =
        BigInteger.Pow(2, 446) - BigInteger.Parse("13818066809895115352007386748515426880336692474882178609894547503885");

    private static BigInteger FromLimbs(ReadOnlySpan<ulong> s)
    {
        BigInteger v = 0;
        for (int i = s.Length - 1; i >= 0; i--) v = (v << 64) + s[i];
        return v;
    }

    private static byte[] ToBytes(BigInteger v, int size)
    {
        byte[] b = new byte[size];
        v.TryWriteBytes(b, out _, isUnsigned: true, isBigEndian: false);
        return b;
    }

    private static ulong[] ToLimbs(BigInteger v) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(ToBytes(v, 56)).ToArray();

    public static TheoryData<string> Edges() => new()
    {
        "0", "1", "L-1", "L", "L+1", "2L-1", "2L", "2^446-1", "2^446", "2^448-1", "2^912-1", "2^912-L", "L^2-1", "L*(2^466)",
    };

    private static BigInteger Edge(string name) => name switch
    {
        "0" => 0,
        "1" => 1,
        "L-1" => L - 1,
        "L" => L,
        "L+1" => L + 1,
        "2L-1" => 2 * L - 1,
        "2L" => 2 * L,
        "2^446-1" => BigInteger.Pow(2, 446) - 1,
        "2^446" => BigInteger.Pow(2, 446),
        "2^448-1" => BigInteger.Pow(2, 448) - 1,
        "2^912-1" => BigInteger.Pow(2, 912) - 1,
        "2^912-L" => BigInteger.Pow(2, 912) - L,
        "L^2-1" => L * L - 1,
        "L*(2^466)" => L * BigInteger.Pow(2, 466),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Reduce_Edges(string name)
    {
        BigInteger v = Edge(name);
        ulong[] r = new ulong[7];
        Scalar448.Reduce(ToBytes(v, 114), r);
        Assert.Equal(v % L, FromLimbs(r));
    }

    [Fact]
    public void Reduce_Random114ByteInputs()
    {
        var rng = new Random(448);
        byte[] input = new byte[114];
        ulong[] r = new ulong[7];
        for (int n = 0; n < 2000; n++)
        {
            rng.NextBytes(input);
            if (n % 4 == 0) input.AsSpan(57).Fill(0xFF); // high halves of all ones: the largest folds
            Scalar448.Reduce(input, r);
            Assert.Equal(new BigInteger(input, isUnsigned: true) % L, FromLimbs(r));
        }
    }

    [Fact]
    public void MulAdd_RandomAndEdges()
    {
        var rng = new Random(8032);
        BigInteger[] edges = [0, 1, L - 1, L - 2, BigInteger.Pow(2, 445)];
        ulong[] s = new ulong[7];
        byte[] raw = new byte[114];
        for (int n = 0; n < 2000; n++)
        {
            BigInteger Pick()
            {
                if (rng.Next(4) == 0) return edges[rng.Next(edges.Length)];
                rng.NextBytes(raw);
                return new BigInteger(raw, isUnsigned: true) % L;
            }
            BigInteger r = Pick(), k = Pick(), x = Pick();
            Scalar448.MulAdd(ToLimbs(r), ToLimbs(k), ToLimbs(x), s);
            Assert.Equal((r + k * x) % L, FromLimbs(s));
        }
    }

    [Fact]
    public void Encode_Decode_RoundTrip()
    {
        BigInteger v = L - 12345;
        byte[] encoded = new byte[57];
        Scalar448.Encode(ToLimbs(v), encoded);
        Assert.Equal(ToBytes(v, 57), encoded);
        ulong[] back = new ulong[7];
        Scalar448.Decode(encoded, back);
        Assert.Equal(v, FromLimbs(back));
    }

    [Fact]
    public void IsCanonical_BoundaryOfL()
    {
        Assert.True(Scalar448.IsCanonical(ToBytes(0, 57)));
        Assert.True(Scalar448.IsCanonical(ToBytes(L - 1, 57)));
        Assert.False(Scalar448.IsCanonical(ToBytes(L, 57)));
        Assert.False(Scalar448.IsCanonical(ToBytes(L + 1, 57)));
        Assert.False(Scalar448.IsCanonical(ToBytes(BigInteger.Pow(2, 446), 57)));
        byte[] top = ToBytes(1, 57);
        top[56] = 1;
        Assert.False(Scalar448.IsCanonical(top));
    }

    [Fact]
    public void SignedRadix16_SumsBackAndStaysInRange()
    {
        var rng = new Random(16);
        byte[] raw = new byte[114];
        sbyte[] e = new sbyte[112];
        for (int n = 0; n < 500; n++)
        {
            rng.NextBytes(raw);
            BigInteger v = n == 0 ? L - 1 : new BigInteger(raw, isUnsigned: true) % L;
            Scalar448.ToSignedRadix16(ToLimbs(v), e);
            BigInteger sum = 0;
            for (int i = 111; i >= 0; i--)
            {
                Assert.InRange(e[i], -8, 8);
                sum = sum * 16 + e[i];
            }
            Assert.Equal(v, sum);
        }
    }
}
