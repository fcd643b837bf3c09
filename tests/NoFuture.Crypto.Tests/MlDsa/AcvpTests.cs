// NIST ACVP ML-DSA vectors (ACVP-Server v1.1.0.43; see shared/vectors/SOURCES.md, "mldsa/"): keyGen (seed -> pk,
// sk), sigGen (all 8 kinds: deterministic or hedged, crossed with pure, pre-hash, internal and internal with
// external mu) and sigVer (-> testPassed). Prompts and expected results are matched by tcId; every case runs and
// the counts, taken from the files, are asserted. Each test runs once per MlDsaPath (scalar, Vector128, Vector256).
using System.Text.Json;
using NoFuture.Tests.Shared;
using static NoFuture.Crypto.Tests.MlDsa.MlDsaTestSupport;

namespace NoFuture.Crypto.Tests.MlDsa;

public class AcvpTests
{
    public static TheoryData<string, string> SetsAndPaths => MlDsaTestSupport.SetsAndPaths(shortNames: false);

    private static Dictionary<int, JsonElement> ExpectedByTcId(JsonDocument expected)
    {
        var byId = new Dictionary<int, JsonElement>();
        foreach (JsonElement group in expected.RootElement.GetProperty("testGroups").EnumerateArray())
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
                byId[test.GetProperty("tcId").GetInt32()] = test;
        return byId;
    }

    private static IEnumerable<(JsonElement Group, JsonElement Test)> Cases(JsonDocument prompt, string parameterSet)
    {
        foreach (JsonElement group in prompt.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            if (group.GetProperty("parameterSet").GetString() != parameterSet) continue;
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray()) yield return (group, test);
        }
    }

    private static int InFile(JsonDocument prompt, string parameterSet) =>
        prompt.RootElement.GetProperty("testGroups").EnumerateArray()
            .Where(g => g.GetProperty("parameterSet").GetString() == parameterSet)
            .Sum(g => g.GetProperty("tests").GetArrayLength());

    [Theory]
    [MemberData(nameof(SetsAndPaths))]
    public void KeyGen(string parameterSet, string pathName)
    {
        var path = PathOf(pathName);
        using JsonDocument prompt = LoadJson("mldsa/acvp/keygen/prompt.json");
        using JsonDocument expected = LoadJson("mldsa/acvp/keygen/expectedResults.json");
        Dictionary<int, JsonElement> results = ExpectedByTcId(expected);
        var p = Params(parameterSet);
        int count = 0;
        foreach ((_, JsonElement test) in Cases(prompt, parameterSet))
        {
            JsonElement result = results[test.GetProperty("tcId").GetInt32()];
            (byte[] pk, byte[] sk) = MlDsaTestSupport.KeyGen(p, path, Hex(test, "seed"));
            Assert.Equal(Hex(result, "pk"), pk);
            Assert.Equal(Hex(result, "sk"), sk);
            count++;
        }
        VectorCount.AllRan(count, InFile(prompt, parameterSet), $"{parameterSet} keyGen {pathName}");
    }

    /// <summary>mu for one sigGen/sigVer case, by the group's interface: external (pure or pre-hash), internal, or external mu.</summary>
    private static byte[] MuOf(JsonElement group, JsonElement test, byte[] tr)
    {
        if (group.GetProperty("signatureInterface").GetString() == "internal")
        {
            return group.GetProperty("externalMu").GetBoolean() ? Hex(test, "mu") : MuInternal(tr, Hex(test, "message"));
        }
        byte[] context = Hex(test, "context");
        byte[] message = Hex(test, "message");
        if (group.GetProperty("preHash").GetString() == "pure") return Mu(tr, context, null, message);
        (string oid, byte[] digest) = PreHashOf(test.GetProperty("hashAlg").GetString()!, message);
        return Mu(tr, context, oid, digest);
    }

    private static string KindOf(JsonElement group) =>
        (group.TryGetProperty("deterministic", out JsonElement d) ? (d.GetBoolean() ? "deterministic " : "hedged ") : "")
        + (group.GetProperty("signatureInterface").GetString() == "internal"
            ? (group.GetProperty("externalMu").GetBoolean() ? "external-mu" : "internal")
            : group.GetProperty("preHash").GetString());

    [Theory]
    [MemberData(nameof(SetsAndPaths))]
    public void SigGen(string parameterSet, string pathName)
    {
        var path = PathOf(pathName);
        using JsonDocument prompt = LoadJson("mldsa/acvp/siggen/prompt.json");
        using JsonDocument expected = LoadJson("mldsa/acvp/siggen/expectedResults.json");
        Dictionary<int, JsonElement> results = ExpectedByTcId(expected);
        var p = Params(parameterSet);
        int count = 0;
        var kinds = new Dictionary<string, int>();
        foreach ((JsonElement group, JsonElement test) in Cases(prompt, parameterSet))
        {
            JsonElement result = results[test.GetProperty("tcId").GetInt32()];
            byte[] sk = Hex(test, "sk");
            byte[] rnd = group.GetProperty("deterministic").GetBoolean() ? new byte[32] : Hex(test, "rnd");
            byte[] mu = MuOf(group, test, Tr(sk));
            byte[]? sig = SignMu(p, path, sk, mu, rnd);
            Assert.Equal(Hex(result, "signature"), sig);
            // The same through the public key type: its import check accepts every ACVP key, and signs alike.
            using (MlDsaKey key = MlDsaKey.ImportPrivateKey(WycheproofTests.Algorithm(parameterSet[^2..]), sk))
            {
                key.Path = path;
                var viaKey = new byte[p.SignatureSizeInBytes];
                NoFuture.Crypto.MlDsa.Testing.MlDsaTesting.SignMu(key, mu, rnd, viaKey);
                Assert.Equal(sig, viaKey);
            }
            string kind = KindOf(group);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            count++;
        }
        VectorCount.AllRan(count, InFile(prompt, parameterSet), $"{parameterSet} sigGen {pathName}");
        Assert.Equal(8, kinds.Count);
    }

    [Theory]
    [MemberData(nameof(SetsAndPaths))]
    public void SigVer(string parameterSet, string pathName)
    {
        var path = PathOf(pathName);
        using JsonDocument prompt = LoadJson("mldsa/acvp/sigver/prompt.json");
        using JsonDocument expected = LoadJson("mldsa/acvp/sigver/expectedResults.json");
        Dictionary<int, JsonElement> results = ExpectedByTcId(expected);
        var p = Params(parameterSet);
        int count = 0, accepted = 0;
        foreach ((JsonElement group, JsonElement test) in Cases(prompt, parameterSet))
        {
            int tcId = test.GetProperty("tcId").GetInt32();
            bool want = results[tcId].GetProperty("testPassed").GetBoolean();
            byte[] pk = Hex(test, "pk");
            Assert.Equal(p.PublicKeySizeInBytes, pk.Length);
            byte[] mu = MuOf(group, test, PublicTr(pk));
            bool got = VerifyMu(p, path, pk, mu, Hex(test, "signature"));
            Assert.True(want == got, $"tcId {tcId} ({KindOf(group)}): expected {want}, got {got}");
            if (got) accepted++;
            count++;
        }
        VectorCount.AllRan(count, InFile(prompt, parameterSet), $"{parameterSet} sigVer {pathName}");
        Assert.True(accepted > 0);
    }
}
