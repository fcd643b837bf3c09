// Input length limits (draft-ietf-hpke-hpke, "Input Length Restrictions"; RFC 9180 §7.2.1): the one-stage KDFs
// length-prefix psk, psk_id and info with two bytes, so each is at most 65,535 bytes; exporter_context has no such
// limit; HKDF's limits (2^61 and more) are beyond any span. Oversized inputs are refused with an ArgumentException
// naming the parameter before anything is written, on the sender's side and on the recipient's; every KDF family
// takes long inputs up to its limit.
using System.Security.Cryptography;
using NoFuture.Crypto.Hpke;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Hpke;

public class HpkeInputLengthTests
{
    private const int OneStageLimit = 65535;
    private const byte Sentinel = 0xA5;

    public static TheoryData<int> OneStageKdfs() => new() { 0x0010, 0x0011, 0x0012, 0x0013 };

    public static TheoryData<int> AllKdfs() => new() { 0x0001, 0x0002, 0x0003, 0x0010, 0x0011, 0x0012, 0x0013 };

    private static HpkeSuite SuiteFor(int kdfId) =>
        new(HpkeKem.DhKemX25519HkdfSha256, HpkeKdf.FromId((ushort)kdfId)!, HpkeAead.Aes128Gcm);

    private static byte[] Filled(int length) => Enumerable.Repeat(Sentinel, length).ToArray();

    private static void AssertUntouched(byte[] buffer) => Assert.All(buffer, b => Assert.Equal(Sentinel, b));

    [Theory]
    [MemberData(nameof(OneStageKdfs))]
    public void OneStage_OversizedInfoPskOrPskId_SenderRefusesBeforeWritingAnything(int kdfId)
    {
        HpkeSuite suite = SuiteFor(kdfId);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        using Secret psk = Secret.CreateRandom(32), longPsk = Secret.CreateRandom(OneStageLimit + 1);
        byte[] tooLong = new byte[OneStageLimit + 1], pt = [1, 2, 3];
        byte[] enc = Filled(suite.Kem.EncapsulatedKeySizeInBytes), ct = Filled(suite.GetCiphertextSize(pt.Length));

        Assert.Throws<ArgumentException>("info", () => suite.Seal(skR.PublicKey, pt, enc, ct, info: tooLong));
        Assert.Throws<ArgumentException>("pskId", () => suite.Seal(skR.PublicKey, pt, enc, ct, psk: psk, pskId: tooLong));
        Assert.Throws<ArgumentException>("psk", () => suite.Seal(skR.PublicKey, pt, enc, ct, psk: longPsk, pskId: "id"u8));
        Assert.Throws<ArgumentException>("info", () => suite.SetupSender(skR.PublicKey, enc, tooLong));
        Assert.Throws<ArgumentException>("pskId", () => suite.SetupSender(skR.PublicKey, enc, psk: psk, pskId: tooLong));
        Assert.Throws<ArgumentException>("psk", () => suite.SetupSender(skR.PublicKey, enc, psk: longPsk, pskId: "id"u8));
        AssertUntouched(enc);
        AssertUntouched(ct);
    }

    [Theory]
    [MemberData(nameof(OneStageKdfs))]
    public void OneStage_OversizedInfoPskOrPskId_RecipientRefusesBeforeWritingAnything(int kdfId)
    {
        HpkeSuite suite = SuiteFor(kdfId);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        using Secret psk = Secret.CreateRandom(32), longPsk = Secret.CreateRandom(OneStageLimit + 1);
        byte[] tooLong = new byte[OneStageLimit + 1], pt = [1, 2, 3];
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes], ct = new byte[suite.GetCiphertextSize(pt.Length)];
        suite.Seal(skR.PublicKey, pt, enc, ct);
        byte[] opened = Filled(pt.Length);

        // The recipient's info, psk and psk_id are its own arguments: a size it could have checked is misuse, as a
        // wrong-sized enc is (HpkeSuite's failure policy), not a false Open.
        Assert.Throws<ArgumentException>("info", () => suite.Open(skR, enc, ct, opened, info: tooLong));
        Assert.Throws<ArgumentException>("pskId", () => suite.Open(skR, enc, ct, opened, psk: psk, pskId: tooLong));
        Assert.Throws<ArgumentException>("psk", () => suite.Open(skR, enc, ct, opened, psk: longPsk, pskId: "id"u8));
        Assert.Throws<ArgumentException>("info", () => suite.SetupRecipient(skR, enc, tooLong));
        Assert.Throws<ArgumentException>("pskId", () => suite.SetupRecipient(skR, enc, psk: psk, pskId: tooLong));
        Assert.Throws<ArgumentException>("psk", () => suite.SetupRecipient(skR, enc, psk: longPsk, pskId: "id"u8));
        AssertUntouched(opened);
    }

    [Theory]
    [MemberData(nameof(OneStageKdfs))]
    public void OneStage_LimitIsInclusive(int kdfId)
    {
        HpkeSuite suite = SuiteFor(kdfId);
        Assert.Equal(OneStageLimit, suite.Kdf.MaxInputSizeInBytes);
        RoundTrip(suite, infoLength: OneStageLimit, pskLength: OneStageLimit, pskIdLength: OneStageLimit, exporterContextLength: 1 << 20);
    }

    [Theory]
    [MemberData(nameof(AllKdfs))]
    public void EveryKdf_LongInputsUpToItsLimit_RoundTrip(int kdfId)
    {
        HpkeSuite suite = SuiteFor(kdfId);
        // HKDF: RFC 9180 §7.2.1's limits (2^61 - 88 bytes and up) exceed any span.
        bool oneStage = kdfId >= 0x0010;
        Assert.Equal(oneStage ? OneStageLimit : int.MaxValue, suite.Kdf.MaxInputSizeInBytes);
        int length = oneStage ? OneStageLimit : 100_000;
        RoundTrip(suite, length, length, length, exporterContextLength: 1 << 20);
    }

    [Fact]
    public void LongIkm_DerivesTheSameKeyEveryTime()
    {
        // DeriveKeyPair's ikm is not length-prefixed, for HKDF or for SHAKE256 (draft-ietf-hpke-pq §3, §4).
        byte[] ikm = RandomNumberGenerator.GetBytes(200_000);
        foreach (HpkeKem kem in new[] { HpkeKem.DhKemX25519HkdfSha256, HpkeKem.DhKemP256HkdfSha256, HpkeKem.MlKem768, HpkeKem.XWing })
        {
            using HpkePrivateKey a = HpkePrivateKey.DeriveKeyPair(kem, ikm), b = HpkePrivateKey.DeriveKeyPair(kem, ikm);
            Assert.True(a.PublicKey.SequenceEqual(b.PublicKey), kem.Name);
        }
    }

    private static void RoundTrip(HpkeSuite suite, int infoLength, int pskLength, int pskIdLength, int exporterContextLength)
    {
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        byte[] info = RandomNumberGenerator.GetBytes(infoLength), pskId = RandomNumberGenerator.GetBytes(pskIdLength);
        byte[] exporterContext = RandomNumberGenerator.GetBytes(exporterContextLength), pt = RandomNumberGenerator.GetBytes(40);
        using Secret psk = Secret.CreateRandom(pskLength);
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes], ct = new byte[suite.GetCiphertextSize(pt.Length)];

        suite.Seal(skR.PublicKey, pt, enc, ct, info, "aad"u8, psk, pskId);
        byte[] opened = new byte[pt.Length];
        Assert.True(suite.Open(skR, enc, ct, opened, info, "aad"u8, psk, pskId));
        Assert.Equal(pt, opened);
        info[^1] ^= 1; // the whole info is bound, up to its last byte
        Assert.False(suite.Open(skR, enc, ct, opened, info, "aad"u8, psk, pskId));
        info[^1] ^= 1;

        using HpkeSenderContext s = suite.SetupSender(skR.PublicKey, enc, info, psk, pskId);
        using HpkeRecipientContext r = suite.SetupRecipient(skR, enc, info, psk, pskId);
        s.Seal(pt, ct);
        Assert.True(r.Open(ct, opened));
        Assert.Equal(pt, opened);
        byte[] fromSender = new byte[48];
        s.Export(exporterContext, fromSender);
        using Secret fromRecipient = r.Export(exporterContext, 48);
        Assert.True(fromRecipient.FixedTimeEquals(fromSender));
        exporterContext[^1] ^= 1;
        using Secret other = r.Export(exporterContext, 48);
        Assert.False(other.FixedTimeEquals(fromSender));
    }
}
