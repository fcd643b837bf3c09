// X-Wing known answers: every vector of draft-connolly-cfrg-xwing-kem-10 (dconnolly/draft-connolly-cfrg-xwing-kem
// @ 9b6ce9e6 = tag draft-connolly-cfrg-xwing-kem-10, spec/test-vectors.json; shared/vectors/SOURCES.md, "xwing").
// Each vector: seed (= sk) → pk by GenerateKeyPairDerand (§5.2.1); EncapsulateDerand(pk, eseed) → ct, ss (§5.4.1);
// Decapsulate(ct, sk) → ss (§5.5). Plus the combiner label of §5.3.
using System.Text;
using System.Text.Json;
using NoFuture.Crypto.XWing;
using NoFuture.Memory;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.XWing;

public class XWingVectorTests
{
    private static byte[] Hex(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    [Fact]
    public void DraftVectors_KeyGenEncapsDecaps()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("xwing/test-vectors.json")));
        int count = 0;
        foreach (JsonElement v in doc.RootElement.EnumerateArray())
        {
            byte[] seed = Hex(v, "seed"), sk = Hex(v, "sk"), pk = Hex(v, "pk");
            byte[] eseed = Hex(v, "eseed"), ct = Hex(v, "ct"), ss = Hex(v, "ss");
            Assert.Equal(seed, sk); // the draft's private key is the seed itself
            Assert.Equal(XWingKem.PublicKeySizeInBytes, pk.Length);
            Assert.Equal(XWingKem.CiphertextSizeInBytes, ct.Length);

            // GenerateKeyPairDerand(sk) → pk, from a span and from a Secret.
            using XWingPrivateKey key = XWingPrivateKey.Import(sk, exportPolicy: KeyExportPolicies.AllowPlaintextExport);
            Assert.Equal(pk, key.PublicKey.ToArray());
            using (Secret skSecret = Secret.CopyFrom(sk))
            using (XWingPrivateKey key2 = XWingPrivateKey.Import(skSecret))
                Assert.Equal(pk, key2.PublicKey.ToArray());

            // EncapsulateDerand(pk, eseed) → (ss, ct).
            byte[] ct2 = new byte[XWingKem.CiphertextSizeInBytes], ss2 = new byte[XWingKem.SharedSecretSizeInBytes];
            XWingKem.EncapsulateDeterministic(pk, eseed, ct2, ss2);
            Assert.Equal(ct, ct2);
            Assert.Equal(ss, ss2);

            // Decapsulate(ct, sk) → ss, into a span and into a Secret.
            byte[] ss3 = new byte[XWingKem.SharedSecretSizeInBytes];
            key.Decapsulate(ct, ss3);
            Assert.Equal(ss, ss3);
            using Secret ss4 = key.Decapsulate(ct);
            Assert.True(ss4.FixedTimeEquals(ss));

            // Export gives the seed back.
            using Secret exported = key.ExportPrivateKey();
            Assert.True(exported.FixedTimeEquals(sk));
            count++;
        }
        VectorCount.AllRan(count, doc.RootElement.GetArrayLength(), "xwing/test-vectors.json");
    }

    [Fact]
    public void CombinerLabel_IsTheDraftsAsciiArt()
    {
        // §5.3: XWingLabel = concat("\./", "/^\"), hex 5c2e2f2f5e5c.
        byte[] expected = Encoding.ASCII.GetBytes(@"\./" + @"/^\");
        Assert.Equal(Convert.FromHexString("5c2e2f2f5e5c"), expected);
        Assert.Equal(expected, XWingCore.XWingLabel.ToArray());
    }

    [Fact]
    public void Sizes_MatchTheDraft()
    {
        // §5.1: decapsulation key 32, encapsulation key 1216, ciphertext 1120, shared secret 32.
        Assert.Equal(32, XWingKem.PrivateKeySizeInBytes);
        Assert.Equal(1216, XWingKem.PublicKeySizeInBytes);
        Assert.Equal(1120, XWingKem.CiphertextSizeInBytes);
        Assert.Equal(32, XWingKem.SharedSecretSizeInBytes);
    }
}
