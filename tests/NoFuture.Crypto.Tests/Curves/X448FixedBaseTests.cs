// The X448 public-key path (X448Ladder.ScalarMultBase: edwards448's constant-time fixed-base multiplication, then the
// RFC 7748 §4.2 4-isogeny u = y^2/x^2) must give exactly the Montgomery ladder's X448(k, 5) (RFC 7748 §5) for every
// scalar: thousands of random ones, and the edges of the clamping and of the reduction mod L (k = 4L, whose multiple of
// the base point is the identity, and its neighbours; all-zero and all-one bytes; the smallest and largest clamped
// scalars). Also the RFC 7748 §6.2 public keys.
using System.Numerics;
using NoFuture.Crypto.Curves;
using NoFuture.Crypto.Curves.Curve448;

namespace NoFuture.Crypto.Tests.Curves;

public class X448FixedBaseTests
{
    // L, the prime order of the base points (RFC 7748 §4.2, RFC 8032 §5.2).
    private static readonly BigInteger L =
        (BigInteger.One << 446) - BigInteger.Parse("13818066809895115352007386748515426880336692474882178609894547503885");

    private static byte[] Ladder(byte[] k)
    {
        byte[] output = new byte[56];
        X448Ladder.ScalarMult(k, X448Ladder.BasePoint, output);
        return output;
    }

    private static byte[] FixedBase(byte[] k)
    {
        byte[] output = new byte[56];
        X448Ladder.ScalarMultBase(k, output);
        return output;
    }

    private static byte[] ToBytes(BigInteger x)
    {
        byte[] b = new byte[56];
        x.TryWriteBytes(b, out _, isUnsigned: true);
        return b;
    }

    [Fact]
    public void FixedBase_EqualsLadder_RandomScalars()
    {
        var random = new Random(448);
        byte[] k = new byte[56];
        for (int i = 0; i < 3000; i++)
        {
            random.NextBytes(k);
            Assert.Equal(Ladder(k), FixedBase(k));
        }
    }

    [Fact]
    public void FixedBase_EqualsLadder_EdgeScalars()
    {
        var edges = new List<byte[]> { new byte[56], Enumerable.Repeat((byte)0xFF, 56).ToArray() };
        BigInteger fourL = 4 * L;
        // 4L is itself a clamped scalar (a multiple of 4 in [2^447, 2^448)): [4L]B is the identity, u = 0.
        for (int delta = -12; delta <= 12; delta++) edges.Add(ToBytes(fourL + delta));
        edges.Add(ToBytes(BigInteger.One << 447));                                  // the smallest clamped scalar
        edges.Add(ToBytes((BigInteger.One << 448) - 4));                            // the largest
        edges.Add(ToBytes((BigInteger.One << 447) + L));
        edges.Add(ToBytes((BigInteger.One << 447) + 4 * (L - 1) / 4));
        for (int bit = 0; bit < 448; bit += 7) edges.Add(ToBytes(BigInteger.One << bit));
        foreach (byte[] k in edges) Assert.Equal(Ladder(k), FixedBase(k));
        Assert.Equal(new byte[56], FixedBase(ToBytes(fourL)));
    }

    [Fact]
    public void FixedBase_Rfc7748_Section6_2_PublicKeys()
    {
        // RFC 7748 §6.2: Alice's and Bob's private keys and public keys.
        byte[] alice = Convert.FromHexString(
            "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b");
        byte[] alicePublic = Convert.FromHexString(
            "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0");
        byte[] bob = Convert.FromHexString(
            "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d");
        byte[] bobPublic = Convert.FromHexString(
            "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609");
        Assert.Equal(alicePublic, FixedBase(alice));
        Assert.Equal(bobPublic, FixedBase(bob));
        byte[] viaApi = new byte[56];
        X448.DerivePublicKey(alice, viaApi);
        Assert.Equal(alicePublic, viaApi);
    }
}
