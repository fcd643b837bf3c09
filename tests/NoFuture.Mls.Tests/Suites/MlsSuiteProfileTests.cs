// Post-quantum suite profiles: every suite of every profile resolves to algorithm objects that work (an HPKE round trip
// with a key from the suite's node-key rule, a signature round trip), values are unique within a profile, the default
// profile lives in the private-use range, and unknown, GREASE and ML-DSA values resolve to nothing.
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Mls.Crypto;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Suites;
using HashAlgorithm = NoFuture.Crypto.HashAlgorithm;

namespace NoFuture.Mls.Tests.Suites;

public class MlsSuiteProfileTests
{
    public static TheoryData<string, ushort> ProfileSuites()
    {
        var data = new TheoryData<string, ushort>();
        foreach (MlsSuiteProfile profile in MlsSuiteProfile.All)
            foreach (MlsCipherSuite suite in profile.Suites)
                data.Add(profile.Name, suite.Id);
        return data;
    }

    private static MlsSuiteProfile Profile(string name) => MlsSuiteProfile.All.Single(p => p.Name == name);

    [Theory]
    [MemberData(nameof(ProfileSuites))]
    public void EverySuite_KemRoundTripsThroughHpke_WithItsNodeKey(string profileName, ushort id)
    {
        MlsCipherSuite suite = Profile(profileName).FromId(id)!;
        Assert.Equal(id, suite.Id);
        Assert.Same(suite.Kem, suite.Hpke.Kem);
        Assert.Same(suite.Aead, suite.HpkeAead.Algorithm);
        Assert.Equal(suite.Kdf.HashSizeInBytes, suite.Hpke.Kdf.HashSizeInBytes);

        byte[] nodeSecret = RandomNumberGenerator.GetBytes(suite.Kdf.HashSizeInBytes);
        using HpkePrivateKey key = suite.DeriveKeyPair(nodeSecret);
        byte[] plaintext = RandomNumberGenerator.GetBytes(40), context = RandomNumberGenerator.GetBytes(8);
        byte[] kemOutput = new byte[suite.Kem.EncapsulatedKeySizeInBytes], ciphertext = new byte[suite.Hpke.GetCiphertextSize(plaintext.Length)];
        LabeledEncryption.EncryptWithLabel(suite, key.PublicKey, "UpdatePathNode"u8, context, plaintext, kemOutput, ciphertext);
        byte[] back = new byte[plaintext.Length];
        Assert.True(LabeledEncryption.DecryptWithLabel(suite, key, "UpdatePathNode"u8, context, kemOutput, ciphertext, back));
        Assert.Equal(plaintext, back);
        ciphertext[0] ^= 1;
        Assert.False(LabeledEncryption.DecryptWithLabel(suite, key, "UpdatePathNode"u8, context, kemOutput, ciphertext, back));
    }

    [Theory]
    [MemberData(nameof(ProfileSuites))]
    public void EverySuite_SignatureRoundTrips(string profileName, ushort id)
    {
        MlsCipherSuite suite = Profile(profileName).FromId(id)!;
        using SigningKey key = suite.Signature.GenerateKey();
        byte[] content = RandomNumberGenerator.GetBytes(64);
        byte[] signature = LabeledSignature.SignWithLabel(key, "LeafNodeTBS"u8, content);
        Assert.True(LabeledSignature.VerifyWithLabel(suite.Signature, key.PublicKey, "LeafNodeTBS"u8, content, signature));
        content[0] ^= 1;
        Assert.False(LabeledSignature.VerifyWithLabel(suite.Signature, key.PublicKey, "LeafNodeTBS"u8, content, signature));
    }

    [Theory]
    [MemberData(nameof(ProfileSuites))]
    public void EverySuite_RunsTheKeySchedule_AndItsExternalKeyMatches(string profileName, ushort id)
    {
        MlsCipherSuite suite = Profile(profileName).FromId(id)!;
        int nh = suite.Kdf.HashSizeInBytes;
        using EpochSecrets epoch = EpochSecrets.Derive(suite, new byte[nh], default, default, RandomNumberGenerator.GetBytes(60));
        using HpkePrivateKey external = epoch.CreateExternalPrivateKey();
        Assert.Equal(epoch.ExternalPublicKey.ToArray(), external.PublicKey.ToArray());
        Assert.Equal(suite.Kem.PublicKeySizeInBytes, epoch.ExternalPublicKey.Length);
    }

    [Fact]
    public void Ids_AreUniqueWithinEachProfile_AndNeverShadowTheRegistry()
    {
        foreach (MlsSuiteProfile profile in MlsSuiteProfile.All)
        {
            Assert.NotEmpty(profile.Suites);
            Assert.Equal(profile.Suites.Count, profile.Suites.Select(s => s.Id).Distinct().Count());
            Assert.Equal(profile.Suites.Count, profile.Suites.Select(s => s.Name).Distinct().Count());
            Assert.All(profile.Suites, s => Assert.Null(MlsCipherSuite.FromId(s.Id)));
            Assert.All(profile.Suites, s => Assert.False(MlsCipherSuite.IsGrease(s.Id)));
            Assert.Equal(profile.Suites.OrderBy(s => s.Id).ToArray(), profile.Suites.ToArray());
        }
        Assert.Equal(MlsSuiteProfile.All.Count, MlsSuiteProfile.All.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public void DefaultProfile_IsInThePrivateUseRange_WithTheHpkePqRule()
    {
        Assert.Same(MlsSuiteProfile.Default, MlsSuiteProfile.All[0]);
        Assert.Equal("NoFuture", MlsSuiteProfile.Default.Name);
        Assert.All(MlsSuiteProfile.Default.Suites, s => Assert.InRange(s.Id, 0xF000, 0xFFFF));
        Assert.All(MlsSuiteProfile.Default.Suites, s => Assert.Equal(NodeKeyDerivation.HpkeDeriveKeyPair, s.NodeKeyDerivation));
        HpkeKem[] kems = [HpkeKem.XWing, HpkeKem.MlKem768, HpkeKem.MlKem1024, HpkeKem.MlKem768P256, HpkeKem.MlKem1024P384];
        Assert.All(kems, k => Assert.Contains(MlsSuiteProfile.Default.Suites, s => s.Kem == k));
    }

    [Fact]
    public void KnownProfileValues()
    {
        MlsCipherSuite openMls = MlsSuiteProfile.OpenMls.FromId(0x004D)!;
        Assert.Same(HpkeKem.XWing, openMls.Kem);
        Assert.Same(AeadAlgorithm.ChaCha20Poly1305, openMls.Aead);
        Assert.Same(HashAlgorithm.Sha256, openMls.Hash);
        Assert.Same(SignatureAlgorithm.Ed25519, openMls.Signature);

        MlsCipherSuite ts77 = MlsSuiteProfile.TsMls1.FromId(77)!;
        Assert.Same(HpkeKem.MlKem512, ts77.Kem);
        Assert.Same(KdfAlgorithm.HkdfSha512, ts77.Kdf);
        Assert.Same(HashAlgorithm.Sha256, ts77.Hash);
        Assert.Equal(NodeKeyDerivation.TsMls1, ts77.NodeKeyDerivation);
        Assert.Same(HpkeKem.XWing, MlsSuiteProfile.TsMls1.FromId(83)!.Kem);
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0A0A)]
    [InlineData(0x7A7A)]
    [InlineData(0xEAEA)]
    [InlineData(0xF000)]
    [InlineData(0xFFFF)]
    [InlineData(85)] // ts-mls 1.x ML-KEM-1024 + ML-DSA-87: listed, not runnable until ML-DSA exists
    [InlineData(88)]
    public void UnknownGreaseAndMlDsaValues_AreIgnored(ushort id)
    {
        foreach (MlsSuiteProfile profile in MlsSuiteProfile.All)
            Assert.Null(profile.FromId(id));
    }

    [Fact]
    public void RegisteredSuites_ResolveInEveryProfile()
    {
        foreach (MlsSuiteProfile profile in MlsSuiteProfile.All)
            for (ushort id = 1; id <= 7; id++)
                Assert.Same(MlsCipherSuite.FromId(id), profile.FromId(id));
    }

    public static TheoryData<string, string> KemsAndRules() => new()
    {
        { "X-Wing", "hpke-pq" }, { "X-Wing", "ts-mls 1.x" },
        { "ML-KEM-512", "hpke-pq" }, { "ML-KEM-512", "ts-mls 1.x" },
        { "ML-KEM-768", "hpke-pq" }, { "ML-KEM-768", "ts-mls 1.x" },
        { "ML-KEM-1024", "hpke-pq" }, { "ML-KEM-1024", "ts-mls 1.x" },
        { "MLKEM768-P256", "hpke-pq" }, { "MLKEM1024-P384", "hpke-pq" },
    };

    private static HpkeKem Kem(string name) => name switch
    {
        "X-Wing" => HpkeKem.XWing,
        "ML-KEM-512" => HpkeKem.MlKem512,
        "ML-KEM-768" => HpkeKem.MlKem768,
        "ML-KEM-1024" => HpkeKem.MlKem1024,
        "MLKEM768-P256" => HpkeKem.MlKem768P256,
        _ => HpkeKem.MlKem1024P384,
    };

    [Theory]
    [MemberData(nameof(KemsAndRules))]
    public void NodeKeyRule_IsDeterministic_AndItsKeyWorksInHpke(string kemName, string ruleName)
    {
        HpkeKem kem = Kem(kemName);
        NodeKeyDerivation rule = ruleName == "hpke-pq" ? NodeKeyDerivation.HpkeDeriveKeyPair : NodeKeyDerivation.TsMls1;
        byte[] ikm = RandomNumberGenerator.GetBytes(64), other = (byte[])ikm.Clone();
        other[0] ^= 1; // in d: z (the last 32 bytes of an ML-KEM seed) does not change the public key
        using HpkePrivateKey a = NodeKeys.DeriveKeyPair(kem, rule, ikm), b = NodeKeys.DeriveKeyPair(kem, rule, ikm), c = NodeKeys.DeriveKeyPair(kem, rule, other);
        Assert.Equal(a.PublicKey.ToArray(), b.PublicKey.ToArray());
        Assert.NotEqual(a.PublicKey.ToArray(), c.PublicKey.ToArray());

        var hpke = new HpkeSuite(kem, HpkeKdf.HkdfSha256, HpkeAead.Aes128Gcm);
        byte[] plaintext = RandomNumberGenerator.GetBytes(33);
        byte[] enc = new byte[kem.EncapsulatedKeySizeInBytes], ct = new byte[hpke.GetCiphertextSize(plaintext.Length)], back = new byte[plaintext.Length];
        hpke.Seal(b.PublicKey, plaintext, enc, ct);
        Assert.True(hpke.Open(a, enc, ct, back));
        Assert.Equal(plaintext, back);
    }

    [Fact]
    public void TsMls1Rule_TakesTheSeedsStraightFromTheIkm()
    {
        // X-Wing: the private key is the 32-byte seed SHAKE256(ikm, 32).
        byte[] ikm = RandomNumberGenerator.GetBytes(64);
        using (HpkePrivateKey derived = NodeKeys.DeriveKeyPair(HpkeKem.XWing, NodeKeyDerivation.TsMls1, ikm))
        using (HpkePrivateKey imported = HpkePrivateKey.Import(HpkeKem.XWing, Shake256.HashData(ikm, 32)))
            Assert.Equal(imported.PublicKey.ToArray(), derived.PublicKey.ToArray());

        // ML-KEM: the 64-byte ikm is d || z.
        using (HpkePrivateKey derived = NodeKeys.DeriveKeyPair(HpkeKem.MlKem768, NodeKeyDerivation.TsMls1, ikm))
        using (HpkePrivateKey imported = HpkePrivateKey.Import(HpkeKem.MlKem768, ikm))
            Assert.Equal(imported.PublicKey.ToArray(), derived.PublicKey.ToArray());

        // The two rules give different keys for the same node secret: a group must agree on its profile.
        using (HpkePrivateKey pq = NodeKeys.DeriveKeyPair(HpkeKem.XWing, NodeKeyDerivation.HpkeDeriveKeyPair, ikm))
        using (HpkePrivateKey ts = NodeKeys.DeriveKeyPair(HpkeKem.XWing, NodeKeyDerivation.TsMls1, ikm))
            Assert.NotEqual(pq.PublicKey.ToArray(), ts.PublicKey.ToArray());

        // An ML-KEM seed of another length is a caller mistake under this rule.
        Assert.Throws<ArgumentOutOfRangeException>(() => NodeKeys.DeriveKeyPair(HpkeKem.MlKem768, NodeKeyDerivation.TsMls1, ikm.AsSpan(0, 48)));
    }
}
