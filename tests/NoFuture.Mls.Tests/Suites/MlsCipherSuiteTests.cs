// RFC 9420 §17.1: the seven registered cipher suites and their components; unknown and GREASE (§13.5) values are no suite.
using NoFuture.Crypto;

namespace NoFuture.Mls.Tests.Suites;

public class MlsCipherSuiteTests
{
    [Fact]
    public void Rfc9420_Section17_1_Components()
    {
        Check(1, "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519", HpkeKem.DhKemX25519HkdfSha256, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256, SignatureAlgorithm.Ed25519);
        Check(2, "MLS_128_DHKEMP256_AES128GCM_SHA256_P256", HpkeKem.DhKemP256HkdfSha256, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256, SignatureAlgorithm.EcdsaP256Sha256);
        Check(3, "MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519", HpkeKem.DhKemX25519HkdfSha256, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha256, SignatureAlgorithm.Ed25519);
        Check(4, "MLS_256_DHKEMX448_AES256GCM_SHA512_Ed448", HpkeKem.DhKemX448HkdfSha512, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha512, SignatureAlgorithm.Ed448);
        Check(5, "MLS_256_DHKEMP521_AES256GCM_SHA512_P521", HpkeKem.DhKemP521HkdfSha512, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha512, SignatureAlgorithm.EcdsaP521Sha512);
        Check(6, "MLS_256_DHKEMX448_CHACHA20POLY1305_SHA512_Ed448", HpkeKem.DhKemX448HkdfSha512, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha512, SignatureAlgorithm.Ed448);
        Check(7, "MLS_256_DHKEMP384_AES256GCM_SHA384_P384", HpkeKem.DhKemP384HkdfSha384, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha384, SignatureAlgorithm.EcdsaP384Sha384);
        Assert.Equal(7, MlsCipherSuite.All.Count);
    }

    private static void Check(ushort id, string name, HpkeKem kem, AeadAlgorithm aead, HashAlgorithm hash, SignatureAlgorithm signature)
    {
        MlsCipherSuite suite = MlsCipherSuite.FromId(id)!;
        Assert.Equal(id, suite.Id);
        Assert.Equal(name, suite.Name);
        Assert.Same(kem, suite.Kem);
        Assert.Same(aead, suite.Aead);
        Assert.Same(aead, suite.HpkeAead.Algorithm);
        Assert.Same(hash, suite.Hash);
        Assert.Same(hash, suite.Kdf.HashAlgorithm);
        Assert.Same(signature, suite.Signature);
        Assert.Same(kem, suite.Hpke.Kem);
        Assert.Equal(hash.HashSizeInBytes, suite.Hpke.Kdf.HashSizeInBytes);
        Assert.Same(suite, MlsCipherSuite.All[id - 1]);
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0008)]
    [InlineData(0xF000)] // the private-use range
    [InlineData(0x0A0A)]
    [InlineData(0xEAEA)]
    public void UnknownAndGreaseValues_AreNoSuite(ushort id) => Assert.Null(MlsCipherSuite.FromId(id));

    [Fact]
    public void Grease_IsExactlyTheFifteenValuesOfSection13_5()
    {
        var grease = Enumerable.Range(0, 0x10000).Where(i => MlsCipherSuite.IsGrease((ushort)i)).ToArray();
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (i << 12) | (i << 4) | 0x0A0A).ToArray(), grease);
    }
}
