// P-256/384/521 ECDH. The Wycheproof files run in EcdhWycheproofTests; here: RFC
// 5903 §8.1 (P-256 ECDH known answer), and cross-checks against BouncyCastle.Cryptography (an independent
// implementation, a test-only oracle: docs/dependencies.md): public-key derivation and ECDH both ways; plus invalid
// points and misuse. ECDSA is in Signatures/EcdsaTests.cs.
using System.Security.Cryptography;
using NoFuture.Crypto.Curves;
using NoFuture.Memory;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Utilities;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace NoFuture.Crypto.Tests.Curves;

public class EcdhPrivateKeyTests
{
    public static TheoryData<string> Curves => new() { "P-256", "P-384", "P-521" };

    private static NistCurve Get(string name) => name switch
    {
        "P-256" => NistCurve.P256,
        "P-384" => NistCurve.P384,
        _ => NistCurve.P521,
    };

    private static ECDomainParameters Domain(string name)
    {
        X9ECParameters x9 = ECNamedCurveTable.GetByName(name)!;
        return new ECDomainParameters(x9);
    }

    [Fact]
    public void Rfc5903_Section8_1_P256()
    {
        byte[] i = Convert.FromHexString("C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433");
        byte[] r = Convert.FromHexString("C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53");
        string gi = "04DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180"
            + "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3";
        string gr = "04D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63"
            + "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB";
        using EcdhPrivateKey initiator = EcdhPrivateKey.Import(NistCurve.P256, i);
        using Secret rSecret = Secret.CopyFrom(r);
        using EcdhPrivateKey responder = EcdhPrivateKey.Import(NistCurve.P256, rSecret);
        Assert.Equal(gi, Convert.ToHexString(initiator.PublicKey));
        Assert.Equal(gr, Convert.ToHexString(responder.PublicKey));
        byte[] z1 = new byte[32], z2 = new byte[32];
        Assert.True(initiator.Agree(responder.PublicKey, z1));
        Assert.True(responder.Agree(initiator.PublicKey, z2));
        Assert.Equal("D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE", Convert.ToHexString(z1));
        Assert.Equal(z1, z2);
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Ecdh_CrossCheckedWithBouncyCastle(string name)
    {
        NistCurve curve = Get(name);
        ECDomainParameters domain = Domain(name);
        for (int round = 0; round < 5; round++)
        {
            using EcdhPrivateKey ours = EcdhPrivateKey.Generate(curve, exportPolicy: KeyExportPolicies.AllowPlaintextExport);
            Assert.Equal(curve.PublicKeySizeInBytes, ours.PublicKey.Length);

            // BC derives the same public key from our exported scalar.
            using Secret d = ours.ExportPrivateKey();
            BigInteger dInt;
            using (SecretReadLease lease = d.OpenRead()) dInt = new BigInteger(1, lease.Span.ToArray());
            Assert.Equal(domain.G.Multiply(dInt).Normalize().GetEncoded(false), ours.PublicKey.ToArray());

            // A BC key pair on the other side.
            BigInteger peerD = new BigInteger(1, RandomNumberGenerator.GetBytes(curve.ScalarSizeInBytes)).Mod(domain.N.Subtract(BigInteger.One)).Add(BigInteger.One);
            byte[] peerPublic = domain.G.Multiply(peerD).Normalize().GetEncoded(false);

            byte[] z = new byte[curve.SharedSecretSizeInBytes];
            Assert.True(ours.Agree(peerPublic, z));

            var agreement = new ECDHBasicAgreement();
            agreement.Init(new ECPrivateKeyParameters(peerD, domain));
            BigInteger zBc = agreement.CalculateAgreement(new ECPublicKeyParameters(domain.Curve.DecodePoint(ours.PublicKey.ToArray()), domain));
            Assert.Equal(BigIntegers.AsUnsignedByteArray(curve.SharedSecretSizeInBytes, zBc), z);
        }
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void InvalidPeerPoints_ReturnFalse_AndClear(string name)
    {
        NistCurve curve = Get(name);
        using EcdhPrivateKey key = EcdhPrivateKey.Generate(curve);
        byte[] z = Enumerable.Repeat((byte)0x77, curve.SharedSecretSizeInBytes).ToArray();

        byte[] notOnCurve = key.PublicKey.ToArray();
        notOnCurve[^1] ^= 1; // y changed: off the curve
        Assert.False(key.Agree(notOnCurve, z));
        Assert.All(z, b => Assert.Equal(0, b));

        byte[] compressedPrefix = key.PublicKey.ToArray();
        compressedPrefix[0] = 0x02;
        Assert.False(key.Agree(compressedPrefix, z));
        Assert.False(key.Agree(new byte[curve.PublicKeySizeInBytes], z)); // zero prefix
        byte[] zeros = new byte[curve.PublicKeySizeInBytes];
        zeros[0] = 0x04; // (0, 0) is not on these curves
        Assert.False(key.Agree(zeros, z));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Misuse_Throws(string name)
    {
        NistCurve curve = Get(name);
        Assert.Throws<ArgumentException>(() => EcdhPrivateKey.Import(curve, new byte[curve.ScalarSizeInBytes - 1]));
        Assert.Equal(CryptoError.InvalidPrivateKey, Assert.Throws<CryptoException>(() => EcdhPrivateKey.Import(curve, new byte[curve.ScalarSizeInBytes])).Error); // d = 0: an imported key failing its check
        Assert.Equal(CryptoError.InvalidPrivateKey, Assert.Throws<CryptoException>(() => EcdhPrivateKey.Import(curve, Enumerable.Repeat((byte)0xFF, curve.ScalarSizeInBytes).ToArray())).Error); // d ≥ n
        using Secret wrong = Secret.Allocate(curve.ScalarSizeInBytes + 1);
        Assert.Throws<ArgumentException>(() => EcdhPrivateKey.Import(curve, wrong));

        EcdhPrivateKey key = EcdhPrivateKey.Generate(curve);
        Assert.Equal($"EcdhPrivateKey {name}", key.ToString());
        Assert.Throws<ArgumentException>(() => key.Agree(new byte[curve.PublicKeySizeInBytes - 1], new byte[curve.SharedSecretSizeInBytes]));
        Assert.Throws<ArgumentException>(() => key.Agree(key.PublicKey, new byte[curve.SharedSecretSizeInBytes + 1]));
        byte[] buffer = new byte[300];
        Assert.Throws<ArgumentException>(() => key.Agree(buffer.AsSpan(0, curve.PublicKeySizeInBytes), buffer.AsSpan(5, curve.SharedSecretSizeInBytes)));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Agree(new byte[curve.PublicKeySizeInBytes], new byte[curve.SharedSecretSizeInBytes]));
        Assert.Throws<ObjectDisposedException>(() => key.ExportPrivateKey());
    }

    [Fact]
    public void Sizes()
    {
        Assert.Equal((32, 65, 32), (NistCurve.P256.ScalarSizeInBytes, NistCurve.P256.PublicKeySizeInBytes, NistCurve.P256.SharedSecretSizeInBytes));
        Assert.Equal((48, 97, 48), (NistCurve.P384.ScalarSizeInBytes, NistCurve.P384.PublicKeySizeInBytes, NistCurve.P384.SharedSecretSizeInBytes));
        Assert.Equal((66, 133, 66), (NistCurve.P521.ScalarSizeInBytes, NistCurve.P521.PublicKeySizeInBytes, NistCurve.P521.SharedSecretSizeInBytes));
        Assert.Equal("P-521", NistCurve.P521.ToString());
    }
}
