// NIST ACVP ML-KEM vectors (ACVP-Server release v1.1.0.40, via cryspen/libcrux; see shared/vectors/SOURCES.md):
// mlkem/acvp/keygen (75 AFT cases: d, z -> ek, dk) and mlkem/acvp/encap-decap (75 encapsulation AFT cases,
// 30 decapsulation VAL cases, 30 encapsulationKeyCheck and 30 decapsulationKeyCheck VAL cases -> testPassed).
// Prompts and expected results are matched by tgId/tcId. Every case runs; the counts, taken from the files, are asserted.
using System.Text.Json;
using NoFuture.Tests.Shared;
using static NoFuture.Crypto.Tests.MlKem.MlKemTestSupport;

namespace NoFuture.Crypto.Tests.MlKem;

public class AcvpTests
{
    internal static Dictionary<int, JsonElement> ExpectedByTcId(JsonDocument expected)
    {
        var byId = new Dictionary<int, JsonElement>();
        foreach (JsonElement group in expected.RootElement.GetProperty("testGroups").EnumerateArray())
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
                byId[test.GetProperty("tcId").GetInt32()] = test;
        return byId;
    }

    private static IEnumerable<(JsonElement Group, JsonElement Test)> Cases(JsonDocument prompt, string parameterSet, string? function)
    {
        foreach (JsonElement group in prompt.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            if (group.GetProperty("parameterSet").GetString() != parameterSet) continue;
            if (function is not null && group.GetProperty("function").GetString() != function) continue;
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray()) yield return (group, test);
        }
    }

    /// <summary>How many cases the prompt file holds for the set and function: counted apart from the run.</summary>
    private static int InFile(JsonDocument prompt, string parameterSet, string? function) =>
        prompt.RootElement.GetProperty("testGroups").EnumerateArray()
            .Where(g => g.GetProperty("parameterSet").GetString() == parameterSet
                && (function is null || g.GetProperty("function").GetString() == function))
            .Sum(g => g.GetProperty("tests").GetArrayLength());

    [Theory]
    [InlineData("ML-KEM-512"), InlineData("ML-KEM-768"), InlineData("ML-KEM-1024")]
    public void KeyGen(string parameterSet)
    {
        using JsonDocument prompt = LoadJson("mlkem/acvp/keygen/prompt.json");
        using JsonDocument expected = LoadJson("mlkem/acvp/keygen/expectedResults.json");
        Dictionary<int, JsonElement> results = ExpectedByTcId(expected);
        var p = Params(parameterSet);
        int count = 0;
        foreach ((_, JsonElement test) in Cases(prompt, parameterSet, null))
        {
            JsonElement result = results[test.GetProperty("tcId").GetInt32()];
            (byte[] ek, byte[] dk) = MlKemTestSupport.KeyGen(p, Hex(test, "d"), Hex(test, "z"));
            Assert.Equal(Hex(result, "ek"), ek);
            Assert.Equal(Hex(result, "dk"), dk);
            count++;
        }
        VectorCount.AllRan(count, InFile(prompt, parameterSet, null), $"{parameterSet} keyGen");
    }

    [Theory]
    [InlineData("ML-KEM-512"), InlineData("ML-KEM-768"), InlineData("ML-KEM-1024")]
    public void Encapsulation(string parameterSet)
    {
        using JsonDocument prompt = LoadJson("mlkem/acvp/encap-decap/prompt.json");
        using JsonDocument expected = LoadJson("mlkem/acvp/encap-decap/expectedResults.json");
        Dictionary<int, JsonElement> results = ExpectedByTcId(expected);
        var p = Params(parameterSet);
        int count = 0;
        foreach ((_, JsonElement test) in Cases(prompt, parameterSet, "encapsulation"))
        {
            JsonElement result = results[test.GetProperty("tcId").GetInt32()];
            (byte[] c, byte[] k) = Encaps(p, Hex(test, "ek"), Hex(test, "m"));
            Assert.Equal(Hex(result, "c"), c);
            Assert.Equal(Hex(result, "k"), k);
            count++;
        }
        VectorCount.AllRan(count, InFile(prompt, parameterSet, "encapsulation"), $"{parameterSet} encapsulation");
    }

    [Theory]
    [InlineData("ML-KEM-512"), InlineData("ML-KEM-768"), InlineData("ML-KEM-1024")]
    public void Decapsulation(string parameterSet)
    {
        using JsonDocument prompt = LoadJson("mlkem/acvp/encap-decap/prompt.json");
        using JsonDocument expected = LoadJson("mlkem/acvp/encap-decap/expectedResults.json");
        Dictionary<int, JsonElement> results = ExpectedByTcId(expected);
        var p = Params(parameterSet);
        int count = 0;
        foreach ((_, JsonElement test) in Cases(prompt, parameterSet, "decapsulation"))
        {
            JsonElement result = results[test.GetProperty("tcId").GetInt32()];
            Assert.Equal(Hex(result, "k"), Decaps(p, Hex(test, "dk"), Hex(test, "c")));
            count++;
        }
        VectorCount.AllRan(count, InFile(prompt, parameterSet, "decapsulation"), $"{parameterSet} decapsulation");
    }

    [Theory]
    [InlineData("ML-KEM-512"), InlineData("ML-KEM-768"), InlineData("ML-KEM-1024")]
    public void EncapsulationKeyCheck(string parameterSet)
    {
        using JsonDocument prompt = LoadJson("mlkem/acvp/encap-decap/prompt.json");
        using JsonDocument expected = LoadJson("mlkem/acvp/encap-decap/expectedResults.json");
        Dictionary<int, JsonElement> results = ExpectedByTcId(expected);
        var p = Params(parameterSet);
        int count = 0, passed = 0;
        foreach ((_, JsonElement test) in Cases(prompt, parameterSet, "encapsulationKeyCheck"))
        {
            int tcId = test.GetProperty("tcId").GetInt32();
            bool expectedPassed = results[tcId].GetProperty("testPassed").GetBoolean();
            Assert.True(expectedPassed == EncapsulationKeyIsValid(p, Hex(test, "ek")), $"tcId {tcId}");
            count++;
            passed += expectedPassed ? 1 : 0;
        }
        VectorCount.AllRan(count, InFile(prompt, parameterSet, "encapsulationKeyCheck"), $"{parameterSet} encapsulationKeyCheck");
        Assert.InRange(passed, 1, count - 1); // the group holds both outcomes
    }

    [Theory]
    [InlineData("ML-KEM-512"), InlineData("ML-KEM-768"), InlineData("ML-KEM-1024")]
    public void DecapsulationKeyCheck(string parameterSet)
    {
        using JsonDocument prompt = LoadJson("mlkem/acvp/encap-decap/prompt.json");
        using JsonDocument expected = LoadJson("mlkem/acvp/encap-decap/expectedResults.json");
        Dictionary<int, JsonElement> results = ExpectedByTcId(expected);
        var p = Params(parameterSet);
        int count = 0, passed = 0;
        foreach ((_, JsonElement test) in Cases(prompt, parameterSet, "decapsulationKeyCheck"))
        {
            int tcId = test.GetProperty("tcId").GetInt32();
            bool expectedPassed = results[tcId].GetProperty("testPassed").GetBoolean();
            Assert.True(expectedPassed == DecapsulationKeyIsValid(p, Hex(test, "dk")), $"tcId {tcId}");
            count++;
            passed += expectedPassed ? 1 : 0;
        }
        VectorCount.AllRan(count, InFile(prompt, parameterSet, "decapsulationKeyCheck"), $"{parameterSet} decapsulationKeyCheck");
        Assert.InRange(passed, 1, count - 1);
    }
}
