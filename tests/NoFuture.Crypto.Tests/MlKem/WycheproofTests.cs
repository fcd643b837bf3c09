// Wycheproof ML-KEM vectors (C2SP/wycheproof @ dac1dd47, testvectors_v1, Apache-2.0; see shared/vectors/SOURCES.md
// and schemas/mlkem_*_schema.json). Every test of every mlkem_* file runs, with its result judged:
// - mlkem_N_test.json (MLKEMTest): seed d || z -> KeyGen, ek compared when present, Decaps(dk, c) == K. Invalid
//   cases have a seed or ciphertext of the wrong length, which a public entry point must reject.
// - mlkem_N_encaps_test.json (MLKEMEncapsTest): Encaps(ek, m) == (c, K); invalid = ek failing the length or
//   modulus check (FIPS 203, section 7.2).
// - mlkem_N_keygen_seed_test.json (MLKEMKeyGen): seed -> (ek, dk).
// - mlkem_N_semi_expanded_decaps_test.json (MLKEMDecapsValidationTest): Decaps with an expanded dk; invalid =
//   wrong dk or c length, or a dk failing the hash check (section 7.3).
// No test is "acceptable" in these files; one would fail here until judged.
using System.Text.Json;
using static NoFuture.Crypto.Tests.MlKem.MlKemTestSupport;

namespace NoFuture.Crypto.Tests.MlKem;

public class WycheproofTests
{
    private static IEnumerable<(string Set, JsonElement Test)> Tests(JsonDocument document, string expectedSchema)
    {
        Assert.Equal(expectedSchema, document.RootElement.GetProperty("schema").GetString());
        foreach (JsonElement group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            string set = group.GetProperty("parameterSet").GetString()!;
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray()) yield return (set, test);
        }
    }

    private static bool ExpectValid(JsonElement test)
    {
        string result = test.GetProperty("result").GetString()!;
        Assert.True(result is "valid" or "invalid", $"tcId {test.GetProperty("tcId").GetInt32()}: result '{result}' is not judged here");
        return result == "valid";
    }

    private static void AssertCount(JsonDocument document, int count) =>
        Assert.Equal(document.RootElement.GetProperty("numberOfTests").GetInt32(), count);

    [Theory]
    [InlineData(512), InlineData(768), InlineData(1024)]
    public void Decaps(int size)
    {
        using JsonDocument document = LoadJson($"mlkem/wycheproof/mlkem_{size}_test.json");
        int count = 0;
        foreach ((string set, JsonElement test) in Tests(document, "mlkem_test_schema.json"))
        {
            var p = Params(set);
            int tcId = test.GetProperty("tcId").GetInt32();
            byte[] seed = Hex(test, "seed"), c = Hex(test, "c");
            bool accepted = seed.Length == 64 && c.Length == p.CiphertextSizeInBytes;
            Assert.True(accepted == ExpectValid(test), $"tcId {tcId}");
            if (accepted)
            {
                (byte[] ek, byte[] dk) = KeyGen(p, seed);
                if (test.TryGetProperty("ek", out _)) Assert.Equal(Hex(test, "ek"), ek);
                Assert.True(Hex(test, "K").AsSpan().SequenceEqual(MlKemTestSupport.Decaps(p, dk, c)), $"tcId {tcId}");
            }
            count++;
        }
        AssertCount(document, count);
    }

    [Theory]
    [InlineData(512), InlineData(768), InlineData(1024)]
    public void Encaps(int size)
    {
        using JsonDocument document = LoadJson($"mlkem/wycheproof/mlkem_{size}_encaps_test.json");
        int count = 0, rejected = 0;
        foreach ((string set, JsonElement test) in Tests(document, "mlkem_encaps_test_schema.json"))
        {
            var p = Params(set);
            int tcId = test.GetProperty("tcId").GetInt32();
            byte[] ek = Hex(test, "ek");
            bool accepted = EncapsulationKeyIsValid(p, ek);
            Assert.True(accepted == ExpectValid(test), $"tcId {tcId}");
            if (accepted)
            {
                (byte[] c, byte[] k) = MlKemTestSupport.Encaps(p, ek, Hex(test, "m"));
                Assert.True(Hex(test, "c").AsSpan().SequenceEqual(c), $"tcId {tcId}");
                Assert.True(Hex(test, "K").AsSpan().SequenceEqual(k), $"tcId {tcId}");
            }
            else
            {
                rejected++;
            }
            count++;
        }
        AssertCount(document, count);
        Assert.True(rejected > 100);
    }

    [Theory]
    [InlineData(512), InlineData(768), InlineData(1024)]
    public void KeyGenFromSeed(int size)
    {
        using JsonDocument document = LoadJson($"mlkem/wycheproof/mlkem_{size}_keygen_seed_test.json");
        int count = 0;
        foreach ((string set, JsonElement test) in Tests(document, "mlkem_keygen_seed_test_schema.json"))
        {
            Assert.True(ExpectValid(test));
            (byte[] ek, byte[] dk) = KeyGen(Params(set), Hex(test, "seed"));
            Assert.Equal(Hex(test, "ek"), ek);
            Assert.Equal(Hex(test, "dk"), dk);
            count++;
        }
        AssertCount(document, count);
    }

    [Theory]
    [InlineData(512), InlineData(768), InlineData(1024)]
    public void SemiExpandedDecaps(int size)
    {
        using JsonDocument document = LoadJson($"mlkem/wycheproof/mlkem_{size}_semi_expanded_decaps_test.json");
        int count = 0;
        foreach ((string set, JsonElement test) in Tests(document, "mlkem_semi_expanded_decaps_test_schema.json"))
        {
            var p = Params(set);
            int tcId = test.GetProperty("tcId").GetInt32();
            byte[] dk = Hex(test, "dk"), c = Hex(test, "c");
            bool accepted = DecapsulationKeyIsValid(p, dk) && c.Length == p.CiphertextSizeInBytes;
            Assert.True(accepted == ExpectValid(test), $"tcId {tcId}");
            if (accepted) Assert.True(Hex(test, "K").AsSpan().SequenceEqual(MlKemTestSupport.Decaps(p, dk, c)), $"tcId {tcId}");
            count++;
        }
        AssertCount(document, count);
    }
}
