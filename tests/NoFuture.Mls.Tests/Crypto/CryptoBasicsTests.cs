// Every suite of crypto-basics.json (mlswg/mls-implementations @ cfd45028, test-vectors/crypto-basics.json; provenance in
// shared/vectors/mls/SOURCES.md): RefHash (RFC 9420 §5.2), ExpandWithLabel and DeriveSecret (§5.1.1), DeriveTreeSecret
// (§9), SignWithLabel/VerifyWithLabel (§5.1.2), EncryptWithLabel/DecryptWithLabel (§5.1.3).
using System.Text;
using System.Text.Json;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Crypto;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.Crypto;

public class CryptoBasicsTests
{
    private static byte[] Hex(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    private static byte[] Label(JsonElement e) => Encoding.ASCII.GetBytes(e.GetProperty("label").GetString()!);

    private static IEnumerable<(MlsCipherSuite Suite, JsonElement Entry)> Entries(JsonDocument doc)
    {
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
            yield return (MlsCipherSuite.FromId((ushort)entry.GetProperty("cipher_suite").GetInt32())!, entry);
    }

    private static JsonDocument Load() => JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("mls/crypto-basics.json")));

    [Fact]
    public void RefHash_EverySuite()
    {
        using JsonDocument doc = Load();
        int ran = 0;
        foreach ((MlsCipherSuite suite, JsonElement entry) in Entries(doc))
        {
            JsonElement v = entry.GetProperty("ref_hash");
            Assert.Equal(Hex(v, "out"), RefHash.Compute(suite.Hash, Label(v), Hex(v, "value")));
            ran++;
        }
        VectorCount.AllRan(ran, doc.RootElement.GetArrayLength(), "crypto-basics ref_hash");
        Assert.Equal(7, ran);
    }

    [Fact]
    public void ExpandWithLabel_DeriveSecret_DeriveTreeSecret_EverySuite()
    {
        using JsonDocument doc = Load();
        int ran = 0;
        foreach ((MlsCipherSuite suite, JsonElement entry) in Entries(doc))
        {
            JsonElement e = entry.GetProperty("expand_with_label");
            byte[] expected = Hex(e, "out");
            Span<byte> output = new byte[e.GetProperty("length").GetInt32()];
            MlsKdf.ExpandWithLabel(suite.Kdf, Hex(e, "secret"), Label(e), Hex(e, "context"), output);
            Assert.True(output.SequenceEqual(expected), $"suite {suite.Id}: ExpandWithLabel");
            using (KdfKey key = suite.Kdf.ImportPrk(Hex(e, "secret")))
            {
                output.Clear();
                MlsKdf.ExpandWithLabel(key, Label(e), Hex(e, "context"), output);
                Assert.True(output.SequenceEqual(expected), $"suite {suite.Id}: ExpandWithLabel, keyed");
            }
            using (Secret s = MlsKdf.ExpandWithLabel(suite.Kdf, Hex(e, "secret"), Label(e), Hex(e, "context"), expected.Length))
                Assert.True(s.FixedTimeEquals(expected), $"suite {suite.Id}: ExpandWithLabel into a Secret");

            JsonElement d = entry.GetProperty("derive_secret");
            using (Secret s = MlsKdf.DeriveSecret(suite.Kdf, Hex(d, "secret"), Label(d)))
                Assert.True(s.FixedTimeEquals(Hex(d, "out")), $"suite {suite.Id}: DeriveSecret");

            JsonElement t = entry.GetProperty("derive_tree_secret");
            Span<byte> tree = new byte[t.GetProperty("length").GetInt32()];
            MlsKdf.DeriveTreeSecret(suite.Kdf, Hex(t, "secret"), Label(t), t.GetProperty("generation").GetUInt32(), tree);
            Assert.True(tree.SequenceEqual(Hex(t, "out")), $"suite {suite.Id}: DeriveTreeSecret");
            ran++;
        }
        VectorCount.AllRan(ran, doc.RootElement.GetArrayLength(), "crypto-basics expand/derive");
    }

    [Fact]
    public void SignWithLabel_VerifyGiven_SignOwn_EverySuite()
    {
        using JsonDocument doc = Load();
        int ran = 0;
        foreach ((MlsCipherSuite suite, JsonElement entry) in Entries(doc))
        {
            JsonElement v = entry.GetProperty("sign_with_label");
            byte[] pub = Hex(v, "pub"), content = Hex(v, "content"), signature = Hex(v, "signature");
            Assert.True(LabeledSignature.VerifyWithLabel(suite.Signature, pub, Label(v), content, signature), $"suite {suite.Id}: given");
            SignaturePublicKey pk = suite.Signature.ImportPublicKey(pub);
            Assert.True(LabeledSignature.VerifyWithLabel(pk, Label(v), content, signature), $"suite {suite.Id}: given, imported key");
            Assert.False(LabeledSignature.VerifyWithLabel(pk, "other"u8, content, signature), $"suite {suite.Id}: another label");
            Assert.False(LabeledSignature.VerifyWithLabel(suite.Signature, pub.AsSpan(0, pub.Length - 1), Label(v), content, signature), $"suite {suite.Id}: short key");

            using SigningKey key = suite.Signature.ImportPrivateKey(Hex(v, "priv"));
            byte[] ours = LabeledSignature.SignWithLabel(key, Label(v), content);
            Assert.True(LabeledSignature.VerifyWithLabel(pk, Label(v), content, ours), $"suite {suite.Id}: ours");
            if (suite.Signature == SignatureAlgorithm.Ed25519 || suite.Signature == SignatureAlgorithm.Ed448)
                Assert.Equal(signature, ours); // RFC 8032 signatures are deterministic
            ran++;
        }
        VectorCount.AllRan(ran, doc.RootElement.GetArrayLength(), "crypto-basics sign_with_label");
    }

    [Fact]
    public void EncryptWithLabel_DecryptGiven_RoundTripOwn_EverySuite()
    {
        using JsonDocument doc = Load();
        int ran = 0;
        foreach ((MlsCipherSuite suite, JsonElement entry) in Entries(doc))
        {
            JsonElement v = entry.GetProperty("encrypt_with_label");
            byte[] context = Hex(v, "context"), plaintext = Hex(v, "plaintext"), kemOutput = Hex(v, "kem_output"), ciphertext = Hex(v, "ciphertext");
            using HpkePrivateKey priv = HpkePrivateKey.Import(suite.Kem, Hex(v, "priv"));
            Assert.Equal(Hex(v, "pub"), priv.PublicKey.ToArray());

            using Secret opened = Secret.Allocate(plaintext.Length);
            using (SecretWriteLease w = opened.OpenWrite())
                Assert.True(LabeledEncryption.DecryptWithLabel(suite, priv, Label(v), context, kemOutput, ciphertext, w.Span), $"suite {suite.Id}: given");
            Assert.True(opened.FixedTimeEquals(plaintext), $"suite {suite.Id}: given plaintext");

            byte[] myKem = new byte[suite.Kem.EncapsulatedKeySizeInBytes], myCt = new byte[suite.Hpke.GetCiphertextSize(plaintext.Length)];
            LabeledEncryption.EncryptWithLabel(suite, priv.PublicKey, Label(v), context, plaintext, myKem, myCt);
            byte[] back = new byte[plaintext.Length];
            Assert.True(LabeledEncryption.DecryptWithLabel(suite, priv, Label(v), context, myKem, myCt, back), $"suite {suite.Id}: ours");
            Assert.Equal(plaintext, back);

            // A peer's bytes that do not fit are a failed decryption with the output cleared, never an exception.
            Assert.False(LabeledEncryption.DecryptWithLabel(suite, priv, "other"u8, context, myKem, myCt, back));
            Assert.All(back, b => Assert.Equal(0, b));
            Assert.False(LabeledEncryption.DecryptWithLabel(suite, priv, Label(v), context, myKem.AsSpan(0, myKem.Length - 1), myCt, back));
            Assert.False(LabeledEncryption.DecryptWithLabel(suite, priv, Label(v), context, myKem, myCt.AsSpan(0, suite.HpkeAead.TagSizeInBytes - 1), back));
            ran++;
        }
        VectorCount.AllRan(ran, doc.RootElement.GetArrayLength(), "crypto-basics encrypt_with_label");
    }

    [Fact]
    public void LongContexts_AreEncodedOffTheStack()
    {
        // A context above the stack limit takes the heap path; ExpandWithLabel must give the same bytes as a spelled-out
        // KDFLabel expanded with plain HKDF.
        MlsCipherSuite suite = MlsCipherSuite.Mls128DhKemX25519Aes128GcmSha256Ed25519;
        byte[] secret = new byte[32], context = new byte[1000];
        new Random(1).NextBytes(context);
        byte[] fullLabel = Encoding.ASCII.GetBytes("MLS 1.0 label");
        byte[] info = [0, 42, (byte)fullLabel.Length, .. fullLabel, 0x43, 0xE8, .. context];
        byte[] expected = new byte[42], actual = new byte[42];
        suite.Kdf.Expand(secret, expected, info);
        MlsKdf.ExpandWithLabel(suite.Kdf, secret, "label"u8, context, actual);
        Assert.Equal(expected, actual);
    }
}
