// ML-KEM over an expanded encapsulation key (t-hat, A-hat^T and H(ek) computed once per key, MlKemKey/ExpandedEncapsulationKey.cs)
// must give exactly the bytes of the per-call algorithms: FIPS 203 Algorithm 17 (encapsulation) and the re-encryption
// of Algorithm 18 (decapsulation, implicit rejection included). Checked on every path and parameter set with the
// Wycheproof encapsulation vectors (C2SP/wycheproof @ dac1dd47, testvectors_v1/mlkem_*_encaps_test.json, the valid
// cases; shared/vectors/SOURCES.md) and on random keys against the per-call path.
using System.Security.Cryptography;
using System.Text.Json;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;
using NoFuture.Tests.Shared;
using static NoFuture.Crypto.Tests.MlKem.MlKemTestSupport;

namespace NoFuture.Crypto.Tests.MlKemPerf;

public class ExpandedEncapsulationKeyTests
{
    private const int RandomCases = 100;

    [Theory]
    [MemberData(nameof(PathVectorTests.PathsAndSets), MemberType = typeof(PathVectorTests))]
    public void WycheproofEncapsVectors_ThroughTheExpandedKey(string pathName, string set)
    {
        MlKemPath path = PathVectorTests.Path(pathName);
        MlKemParameters p = Params(set);
        string file = $"mlkem/wycheproof/mlkem_{set[7..]}_encaps_test.json";
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find(file)));
        int valid = 0;
        byte[] c = new byte[p.CiphertextSizeInBytes], k = new byte[32];
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                if (test.GetProperty("result").GetString() != "valid") continue; // invalid keys never reach expansion (modulus check)
                byte[] ek = Hex(test, "ek");
                ExpandedEncapsulationKey expanded = ExpandedEncapsulationKey.Expand(p, path, ek);
                MlKemCore.EncapsInternal(p, path, expanded, Hex(test, "m"), k, c);
                int tcId = test.GetProperty("tcId").GetInt32();
                Assert.True(c.AsSpan().SequenceEqual(Hex(test, "c")), $"{file} tcId {tcId}: c");
                Assert.True(k.AsSpan().SequenceEqual(Hex(test, "K")), $"{file} tcId {tcId}: K");
                valid++;
            }
        Assert.True(valid > 0, $"{file}: no valid case");
    }

    [Theory]
    [MemberData(nameof(PathVectorTests.PathsAndSets), MemberType = typeof(PathVectorTests))]
    public void RandomKeys_SameBytesAsThePerCallAlgorithms(string pathName, string set)
    {
        MlKemPath path = PathVectorTests.Path(pathName);
        MlKemParameters p = Params(set);
        byte[] d = new byte[32], z = new byte[32], m = new byte[32];
        byte[] ek = new byte[p.EncapsulationKeySizeInBytes], dk = new byte[p.DecapsulationKeySizeInBytes];
        byte[] c1 = new byte[p.CiphertextSizeInBytes], c2 = new byte[p.CiphertextSizeInBytes];
        byte[] k1 = new byte[32], k2 = new byte[32], kd1 = new byte[32], kd2 = new byte[32];
        for (int i = 0; i < RandomCases; i++)
        {
            RandomNumberGenerator.Fill(d);
            RandomNumberGenerator.Fill(z);
            RandomNumberGenerator.Fill(m);
            MlKemCore.KeyGenInternal(p, path, d, z, ek, dk);
            ExpandedEncapsulationKey expanded = ExpandedEncapsulationKey.Expand(p, path, ek);

            MlKemCore.EncapsInternal(p, path, ek, m, k1, c1);
            MlKemCore.EncapsInternal(p, path, expanded, m, k2, c2);
            Assert.Equal(c1, c2);
            Assert.Equal(k1, k2);

            // Decapsulation: the honest ciphertext, then a tampered one (implicit rejection must agree too).
            MlKemCore.DecapsInternal(p, path, dk, null, c1, kd1);
            MlKemCore.DecapsInternal(p, path, dk, expanded, c1, kd2);
            Assert.Equal(k1, kd1);
            Assert.Equal(k1, kd2);
            c1[RandomNumberGenerator.GetInt32(c1.Length)] ^= (byte)(1 << RandomNumberGenerator.GetInt32(8));
            MlKemCore.DecapsInternal(p, path, dk, null, c1, kd1);
            MlKemCore.DecapsInternal(p, path, dk, expanded, c1, kd2);
            Assert.Equal(kd1, kd2);
            Assert.NotEqual(k1, kd2);
        }
    }

    [Fact]
    public void Expansion_IsTheSameOnEveryPath()
    {
        MlKemParameters p = MlKemParameters.MlKem1024;
        byte[] seed = RandomNumberGenerator.GetBytes(64);
        (byte[] ek, _) = KeyGen(p, seed);
        ExpandedEncapsulationKey reference = ExpandedEncapsulationKey.Expand(p, MlKemPath.Scalar, ek);
        foreach (MlKemPath path in Enum.GetValues<MlKemPath>())
        {
            ExpandedEncapsulationKey other = ExpandedEncapsulationKey.Expand(p, path, ek);
            Assert.True(other.ATranspose.SequenceEqual(reference.ATranspose), $"{path}: A-hat^T");
            Assert.True(other.THat.SequenceEqual(reference.THat), $"{path}: t-hat");
            Assert.True(other.HEk.SequenceEqual(reference.HEk), $"{path}: H(ek)");
        }
    }
}
