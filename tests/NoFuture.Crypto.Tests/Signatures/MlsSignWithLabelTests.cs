// MLS SignWithLabel / VerifyWithLabel (RFC 9420 §5.1.2) for every cipher suite entry of crypto-basics.json
// (mlswg/mls-implementations @ cfd45028, test-vectors/crypto-basics.json; see shared/vectors/mls/SOURCES.md):
//   SignContent = struct { opaque label<V> = "MLS 1.0 " + Label; opaque content<V>; }
// with the MLS variable-length length prefix (§2.1.2). The given signature must verify under the given public key,
// the private key must yield that public key, and our own signature must verify; Ed25519 and Ed448 are deterministic
// (RFC 8032), so ours must also equal the given bytes. ECDSA signatures in MLS are DER (the TLS SignatureScheme form).
using System.Text;
using System.Text.Json;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Signatures;

public class MlsSignWithLabelTests
{
    private static SignatureAlgorithm SuiteAlgorithm(int suite) => suite switch
    {
        1 or 3 => SignatureAlgorithm.Ed25519,
        2 => SignatureAlgorithm.EcdsaP256Sha256,
        4 or 6 => SignatureAlgorithm.Ed448,
        5 => SignatureAlgorithm.EcdsaP521Sha512,
        7 => SignatureAlgorithm.EcdsaP384Sha384,
        _ => throw new InvalidDataException($"unexpected cipher suite {suite}"),
    };

    /// <summary>RFC 9420 §2.1.2: 1, 2 or 4 bytes with the length of the length in the top two bits.</summary>
    private static void WriteVarint(List<byte> output, int length)
    {
        if (length < 1 << 6) output.Add((byte)length);
        else if (length < 1 << 14) output.AddRange([(byte)(0x40 | (length >> 8)), (byte)length]);
        else output.AddRange([(byte)(0x80 | (length >> 24)), (byte)(length >> 16), (byte)(length >> 8), (byte)length]);
    }

    internal static byte[] SignContent(string label, byte[] content)
    {
        byte[] fullLabel = Encoding.ASCII.GetBytes("MLS 1.0 " + label);
        var output = new List<byte>();
        WriteVarint(output, fullLabel.Length);
        output.AddRange(fullLabel);
        WriteVarint(output, content.Length);
        output.AddRange(content);
        return [.. output];
    }

    [Fact]
    public void Varint_Rfc9420_Section2_1_2()
    {
        var one = new List<byte>();
        WriteVarint(one, 37);
        Assert.Equal([0x25], one);
        var two = new List<byte>();
        WriteVarint(two, 15293);
        Assert.Equal([0x7B, 0xBD], two); // the RFC's example value
        var four = new List<byte>();
        WriteVarint(four, 494878333);
        Assert.Equal([0x9D, 0x7F, 0x3E, 0x7D], four);
    }

    [Fact]
    public void CryptoBasics_SignWithLabel_EverySuite()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("mls/crypto-basics.json")));
        int ran = 0;
        var suites = new List<int>();
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            int suite = entry.GetProperty("cipher_suite").GetInt32();
            JsonElement v = entry.GetProperty("sign_with_label");
            SignatureAlgorithm alg = SuiteAlgorithm(suite);
            byte[] priv = Convert.FromHexString(v.GetProperty("priv").GetString()!);
            byte[] pub = Convert.FromHexString(v.GetProperty("pub").GetString()!);
            byte[] content = Convert.FromHexString(v.GetProperty("content").GetString()!);
            byte[] signature = Convert.FromHexString(v.GetProperty("signature").GetString()!);
            byte[] tbs = SignContent(v.GetProperty("label").GetString()!, content);

            Assert.True(alg.Verify(pub, tbs, signature), $"suite {suite}: the given signature");
            SignaturePublicKey pk = alg.ImportPublicKey(pub);
            Assert.True(pk.Verify(tbs, signature), $"suite {suite}: the given signature, imported key");
            Assert.False(pk.Verify(SignContent("other", content), signature), $"suite {suite}: another label");

            using SigningKey key = alg.ImportPrivateKey(priv);
            Assert.True(key.PublicKey.SequenceEqual(pub), $"suite {suite}: public key from the private key");
            byte[] ours = key.Sign(tbs);
            Assert.True(pk.Verify(tbs, ours), $"suite {suite}: our signature");
            if (alg == SignatureAlgorithm.Ed25519 || alg == SignatureAlgorithm.Ed448)
                Assert.Equal(signature, ours);
            suites.Add(suite);
            ran++;
        }
        VectorCount.AllRan(ran, doc.RootElement.GetArrayLength(), "mls crypto-basics sign_with_label");
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], suites.Order());
    }
}
