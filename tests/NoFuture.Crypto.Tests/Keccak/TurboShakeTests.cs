// TurboSHAKE128/256 (RFC 9861): known answers from RFC 9861 §5 (test vectors), where ptn(n) is the n-byte pattern
// 00 01 02 .. F9 FA 00 01 .. (byte i = i mod 251). They cover the empty message, a message of more than one block
// (17^2 = 289 bytes), another domain byte (D = 0x01) and a long squeeze (the last 32 of 10032 bytes). HPKE's one-stage
// KDFs 0x0012/0x0013 use it with D = 0x1F; the draft-ietf-hpke-pq-04 vectors check that path (HpkePqVectorTests).
using NoFuture.Crypto.Keccak;

namespace NoFuture.Crypto.Tests.Keccak;

public class TurboShakeTests
{
    private static byte[] Ptn(int n) => [.. Enumerable.Range(0, n).Select(i => (byte)(i % 251))];

    private static string TurboShake128(byte[] m, byte d, int length)
    {
        byte[] output = new byte[length];
        Sha3.TurboShake128(m, d, output);
        return Convert.ToHexStringLower(output);
    }

    private static string TurboShake256(byte[] m, byte d, int length)
    {
        byte[] output = new byte[length];
        Sha3.TurboShake256(m, d, output);
        return Convert.ToHexStringLower(output);
    }

    [Fact]
    public void Rfc9861_TurboShake128()
    {
        Assert.Equal("1e415f1c5983aff2169217277d17bb538cd945a397ddec541f1ce41af2c1b74c", TurboShake128([], 0x1F, 32));
        Assert.Equal("9c97d036a3bac819db70ede0ca554ec6e4c2a1a4ffbfd9ec269ca6a111161233", TurboShake128(Ptn(17), 0x1F, 32));
        Assert.Equal("96c77c279e0126f7fc07c9b07f5cdae1e0be60bdbe10620040e75d7223a624d2", TurboShake128(Ptn(17 * 17), 0x1F, 32));
        Assert.Equal("bf323f940494e88ee1c540fe660be8a0c93f43d15ec006998462fa994eed5dab", TurboShake128([0xFF, 0xFF, 0xFF], 0x01, 32));
        Assert.Equal("a3b9b0385900ce761f22aed548e754da10a5242d62e8c658e3f3a923a7555607", TurboShake128([], 0x1F, 10032)[(2 * 10000)..]);
    }

    [Fact]
    public void Rfc9861_TurboShake256()
    {
        Assert.Equal("367a329dafea871c7802ec67f905ae13c57695dc2c6663c61035f59a18f8e7db11edc0e12e91ea60eb6b32df06dd7f002fbafabb6e13ec1cc20d995547600db0",
            TurboShake256([], 0x1F, 64));
        Assert.Equal("66b810db8e90780424c0847372fdc95710882fde31c6df75beb9d4cd9305cfcae35e7b83e8b7e6eb4b78605880116316fe2c078a09b94ad7b8213c0a738b65c0",
            TurboShake256(Ptn(17 * 17), 0x1F, 64));
    }

    [Fact]
    public void TwelveRounds_AreNotTheTwentyFourOfShake()
    {
        // Same rate and suffix as SHAKE128 (D = 0x1F), so only the round count separates them.
        byte[] shake = new byte[32];
        Sha3.Shake128([], shake);
        Assert.NotEqual(Convert.ToHexStringLower(shake), TurboShake128([], 0x1F, 32));
    }
}
