// The official vectors once per implementation path (the Vector256, Vector128 and scalar paths must each pass
// the same vectors), through the MlKemCore overloads that take an MlKemPath, so the tests can run in
// parallel without a global switch. Sources and formats as in ../MlKemKey (AcvpTests, WycheproofTests,
// AccumulatedTests; shared/vectors/SOURCES.md): every ACVP keyGen and encapsulation/decapsulation case, every
// test of mlkem_{512,768,1024}_test.json, _encaps_test.json, _keygen_seed_test.json and
// _semi_expanded_decaps_test.json, and the 10,000-case accumulated digests (CCTV format for all sets, Go format).
// A path that is not hardware accelerated here still runs (the BCL emulates the vectors), only more slowly.
using System.Security.Cryptography;
using System.Text.Json;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;
using NoFuture.Crypto.Tests.MlKem;
using NoFuture.Tests.Shared;
using static NoFuture.Crypto.Tests.MlKem.MlKemTestSupport;

namespace NoFuture.Crypto.Tests.MlKemPerf;

public class PathVectorTests
{
    // Paths travel as names: MlKemPath is internal and xunit's theory methods are public.
    public static TheoryData<string, string> PathsAndSets()
    {
        var data = new TheoryData<string, string>();
        foreach (string path in Enum.GetNames<MlKemPath>())
            foreach (string set in ParameterSetNames) data.Add(path, set);
        return data;
    }

    public static TheoryData<string> Paths() => new(Enum.GetNames<MlKemPath>());

    internal static MlKemPath Path(string name) => Enum.Parse<MlKemPath>(name);

    private static (byte[] Ek, byte[] Dk) KeyGen(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> d, ReadOnlySpan<byte> z)
    {
        var ek = new byte[p.EncapsulationKeySizeInBytes];
        var dk = new byte[p.DecapsulationKeySizeInBytes];
        MlKemCore.KeyGenInternal(p, path, d, z, ek, dk);
        return (ek, dk);
    }

    private static (byte[] C, byte[] K) Encaps(MlKemParameters p, MlKemPath path, byte[] ek, ReadOnlySpan<byte> m)
    {
        var c = new byte[p.CiphertextSizeInBytes];
        var k = new byte[32];
        MlKemCore.EncapsInternal(p, path, ek, m, k, c);
        return (c, k);
    }

    private static byte[] Decaps(MlKemParameters p, MlKemPath path, byte[] dk, byte[] c)
    {
        var k = new byte[32];
        MlKemCore.DecapsInternal(p, path, dk, c, k);
        return k;
    }

    private static IEnumerable<JsonElement> AcvpCases(JsonDocument prompt, string parameterSet, string? function)
    {
        foreach (JsonElement group in prompt.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            if (group.GetProperty("parameterSet").GetString() != parameterSet) continue;
            if (function is not null && group.GetProperty("function").GetString() != function) continue;
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray()) yield return test;
        }
    }

    [Theory]
    [MemberData(nameof(PathsAndSets))]
    public void AcvpKeyGen(string pathName, string parameterSet)
    {
        MlKemPath path = Path(pathName);
        using JsonDocument prompt = LoadJson("mlkem/acvp/keygen/prompt.json");
        using JsonDocument expected = LoadJson("mlkem/acvp/keygen/expectedResults.json");
        Dictionary<int, JsonElement> results = AcvpTests.ExpectedByTcId(expected);
        var p = Params(parameterSet);
        int count = 0;
        foreach (JsonElement test in AcvpCases(prompt, parameterSet, null))
        {
            JsonElement result = results[test.GetProperty("tcId").GetInt32()];
            (byte[] ek, byte[] dk) = KeyGen(p, path, Hex(test, "d"), Hex(test, "z"));
            Assert.Equal(Hex(result, "ek"), ek);
            Assert.Equal(Hex(result, "dk"), dk);
            count++;
        }
        VectorCount.AllRan(count, AcvpCases(prompt, parameterSet, null).Count(), $"{parameterSet} keyGen");
    }

    [Theory]
    [MemberData(nameof(PathsAndSets))]
    public void AcvpEncapDecap(string pathName, string parameterSet)
    {
        MlKemPath path = Path(pathName);
        using JsonDocument prompt = LoadJson("mlkem/acvp/encap-decap/prompt.json");
        using JsonDocument expected = LoadJson("mlkem/acvp/encap-decap/expectedResults.json");
        Dictionary<int, JsonElement> results = AcvpTests.ExpectedByTcId(expected);
        var p = Params(parameterSet);
        int encaps = 0, decaps = 0;
        foreach (JsonElement test in AcvpCases(prompt, parameterSet, "encapsulation"))
        {
            JsonElement result = results[test.GetProperty("tcId").GetInt32()];
            (byte[] c, byte[] k) = Encaps(p, path, Hex(test, "ek"), Hex(test, "m"));
            Assert.Equal(Hex(result, "c"), c);
            Assert.Equal(Hex(result, "k"), k);
            encaps++;
        }
        foreach (JsonElement test in AcvpCases(prompt, parameterSet, "decapsulation"))
        {
            JsonElement result = results[test.GetProperty("tcId").GetInt32()];
            Assert.Equal(Hex(result, "k"), Decaps(p, path, Hex(test, "dk"), Hex(test, "c")));
            decaps++;
        }
        VectorCount.AllRan(encaps, AcvpCases(prompt, parameterSet, "encapsulation").Count(), $"{parameterSet} encapsulation");
        VectorCount.AllRan(decaps, AcvpCases(prompt, parameterSet, "decapsulation").Count(), $"{parameterSet} decapsulation");
    }

    private static IEnumerable<(string Set, JsonElement Test)> WycheproofTests(JsonDocument document)
    {
        foreach (JsonElement group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            string set = group.GetProperty("parameterSet").GetString()!;
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray()) yield return (set, test);
        }
    }

    private static bool Valid(JsonElement test) => test.GetProperty("result").GetString() == "valid";

    [Theory]
    [MemberData(nameof(PathsAndSets))]
    public void Wycheproof(string pathName, string parameterSet)
    {
        MlKemPath path = Path(pathName);
        string size = parameterSet["ML-KEM-".Length..];
        int checkedCases = 0, inFile = 0;

        using (JsonDocument document = LoadJson($"mlkem/wycheproof/mlkem_{size}_test.json"))
        {
            inFile += VectorCount.Wycheproof(document.RootElement); // counted apart from the run
            foreach ((string set, JsonElement test) in WycheproofTests(document))
            {
                var p = Params(set);
                byte[] seed = Hex(test, "seed"), c = Hex(test, "c");
                bool accepted = seed.Length == 64 && c.Length == p.CiphertextSizeInBytes;
                Assert.Equal(Valid(test), accepted);
                if (!accepted)
                {
                    checkedCases++; // refused, as the file says it must be
                    continue;
                }
                (byte[] ek, byte[] dk) = KeyGen(p, path, seed.AsSpan(0, 32), seed.AsSpan(32));
                if (test.TryGetProperty("ek", out _)) Assert.Equal(Hex(test, "ek"), ek);
                Assert.Equal(Hex(test, "K"), Decaps(p, path, dk, c));
                checkedCases++;
            }
        }

        using (JsonDocument document = LoadJson($"mlkem/wycheproof/mlkem_{size}_encaps_test.json"))
        {
            inFile += VectorCount.Wycheproof(document.RootElement); // counted apart from the run
            foreach ((string set, JsonElement test) in WycheproofTests(document))
            {
                var p = Params(set);
                byte[] ek = Hex(test, "ek");
                bool accepted = EncapsulationKeyIsValid(p, ek);
                Assert.Equal(Valid(test), accepted);
                if (!accepted)
                {
                    checkedCases++; // refused, as the file says it must be
                    continue;
                }
                (byte[] c, byte[] k) = Encaps(p, path, ek, Hex(test, "m"));
                Assert.Equal(Hex(test, "c"), c);
                Assert.Equal(Hex(test, "K"), k);
                checkedCases++;
            }
        }

        using (JsonDocument document = LoadJson($"mlkem/wycheproof/mlkem_{size}_keygen_seed_test.json"))
        {
            inFile += VectorCount.Wycheproof(document.RootElement); // counted apart from the run
            foreach ((string set, JsonElement test) in WycheproofTests(document))
            {
                Assert.True(Valid(test));
                byte[] seed = Hex(test, "seed");
                (byte[] ek, byte[] dk) = KeyGen(Params(set), path, seed.AsSpan(0, 32), seed.AsSpan(32));
                Assert.Equal(Hex(test, "ek"), ek);
                Assert.Equal(Hex(test, "dk"), dk);
                checkedCases++;
            }
        }

        using (JsonDocument document = LoadJson($"mlkem/wycheproof/mlkem_{size}_semi_expanded_decaps_test.json"))
        {
            inFile += VectorCount.Wycheproof(document.RootElement); // counted apart from the run
            foreach ((string set, JsonElement test) in WycheproofTests(document))
            {
                var p = Params(set);
                byte[] dk = Hex(test, "dk"), c = Hex(test, "c");
                bool accepted = DecapsulationKeyIsValid(p, dk) && c.Length == p.CiphertextSizeInBytes;
                Assert.Equal(Valid(test), accepted);
                if (accepted) Assert.Equal(Hex(test, "K"), Decaps(p, path, dk, c));
                checkedCases++;
            }
        }
        VectorCount.AllRan(checkedCases, inFile, $"Wycheproof ML-KEM-{size} files");
    }

    // The accumulated digests, computed by the same code as MlKemKey/AccumulatedTests, on each path.
    [Theory]
    [MemberData(nameof(PathsAndSets))]
    public void AccumulatedCctv10000(string pathName, string parameterSet)
    {
        const int n = 10_000;
        Assert.Equal(AccumulatedTests.ExpectedDigest("cctv", $"n{n}", parameterSet),
            AccumulatedTests.CctvDigest(parameterSet, n, Path(pathName)));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void AccumulatedGo10000(string pathName)
    {
        const int n = 10_000;
        Assert.Equal(AccumulatedTests.ExpectedDigest("go", "", $"ML-KEM-768 n{n}"), AccumulatedTests.GoDigest(n, Path(pathName)));
    }
}
