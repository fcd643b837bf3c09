// SpqrKdf.Hkdf with a zero salt runs from HMAC states keyed once per process; it must equal plain HKDF-SHA256 with a
// salt of 32 zero bytes (RFC 5869 §2.2: an absent salt is HashLen zeros) for every length SPQR asks for.
using NoFuture.Crypto;
using NoFuture.Sessions.Spqr;

namespace NoFuture.Sessions.Tests.Spqr;

public sealed class SpqrKdfTests
{
    [Theory]
    [InlineData(0, 32)]
    [InlineData(32, 64)]
    [InlineData(64, 96)]
    [InlineData(200, 80)]
    public void ZeroSaltHkdf_EqualsHkdfWithZeroSalt(int ikmLength, int okmLength)
    {
        byte[] ikm = new byte[ikmLength];
        new Random(ikmLength * 31 + okmLength).NextBytes(ikm);
        byte[] info = "Signal PQ Ratchet V1 Chain Next"u8.ToArray();
        byte[] expected = new byte[okmLength], actual = new byte[okmLength], again = new byte[okmLength];
        KdfAlgorithm.HkdfSha256.DeriveKey(ikm, expected, new byte[32], info);
        SpqrKdf.Hkdf(default, ikm, info, actual);
        SpqrKdf.Hkdf(default, ikm, info, again); // the shared states are left as they were
        Assert.Equal(expected, actual);
        Assert.Equal(expected, again);
    }

    [Fact]
    public void SaltedHkdf_EqualsHkdf()
    {
        byte[] salt = new byte[32], ikm = new byte[32], expected = new byte[96], actual = new byte[96];
        salt[0] = 1;
        ikm[5] = 9;
        KdfAlgorithm.HkdfSha256.DeriveKey(ikm, expected, salt, SpqrKdf.ChainAddEpoch);
        SpqrKdf.Hkdf(salt, ikm, SpqrKdf.ChainAddEpoch, actual);
        Assert.Equal(expected, actual);
    }
}
