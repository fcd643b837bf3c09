// Wycheproof ML-DSA vectors (C2SP/wycheproof testvectors_v1; see shared/vectors/SOURCES.md, "mldsa/"), run through
// the public MlDsaKey (verification also through SignatureAlgorithm.MlDsa44/65/87): mldsa_{44,65,87}_sign_noseed
// (expanded private key), _sign_seed (32-byte seed) and _verify.
// Signing cases are deterministic (rnd = 0^32) unless the case gives rnd, so they go through the test-only
// MlDsaTesting hook; mu-only ("Internal") cases sign the given mu. Every case runs; counts come from the files.
// Each test runs once per MlDsaPath (the key's Path signs and verifies).
using System.Security.Cryptography;
using System.Text.Json;
using NoFuture.Crypto.MlDsa.Testing;
using NoFuture.Tests.Shared;
using static NoFuture.Crypto.Tests.MlDsa.MlDsaTestSupport;

namespace NoFuture.Crypto.Tests.MlDsa;

public class WycheproofTests
{
    public static TheoryData<string, string> SetsAndPaths => MlDsaTestSupport.SetsAndPaths(shortNames: true);

    internal static MLDsaAlgorithm Algorithm(string set) => set switch
    {
        "44" => MLDsaAlgorithm.MLDsa44,
        "65" => MLDsaAlgorithm.MLDsa65,
        _ => MLDsaAlgorithm.MLDsa87,
    };

    private static bool Has(JsonElement test, string flag) =>
        test.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == flag);

    private static byte[]? OptionalHex(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? Convert.FromHexString(value.GetString()!) : null;

    /// <summary>Runs one signing case against a key: invalid ones must throw, valid ones give the file's signature.</summary>
    private static void SignCase(MlDsaKey key, JsonElement test)
    {
        int tcId = test.GetProperty("tcId").GetInt32();
        byte[] rnd = OptionalHex(test, "rnd") ?? new byte[32];
        byte[] context = OptionalHex(test, "ctx") ?? [];
        byte[]? message = OptionalHex(test, "msg");
        byte[]? mu = OptionalHex(test, "mu");
        var sig = new byte[key.Algorithm.SignatureSizeInBytes];
        if (test.GetProperty("result").GetString() == "invalid")
        {
            Assert.True(Has(test, "InvalidContext"), $"tcId {tcId}: unexpected invalid kind");
            Assert.ThrowsAny<ArgumentException>(() => MlDsaTesting.SignData(key, message, context, rnd, sig));
            Assert.ThrowsAny<ArgumentException>(() => key.SignData(message, sig, context));
            return;
        }
        byte[] expected = Hex(test, "sig");
        if (message is not null)
        {
            MlDsaTesting.SignData(key, message, context, rnd, sig);
            Assert.True(expected.AsSpan().SequenceEqual(sig), $"tcId {tcId}: signature differs");
            Assert.True(key.VerifyData(message, sig, context), $"tcId {tcId}: own signature rejected");
            if (mu is not null)
            {
                byte[] ourMu = Mu(PublicTr(key.ExportMLDsaPublicKey()), context, null, message);
                Assert.Equal(mu, ourMu);
            }
        }
        else
        {
            Assert.NotNull(mu);
            MlDsaTesting.SignMu(key, mu, rnd, sig);
            Assert.True(expected.AsSpan().SequenceEqual(sig), $"tcId {tcId}: signature (from mu) differs");
            Assert.True(VerifyMu(Params(key.Algorithm.Name), key.Path, key.ExportMLDsaPublicKey(), mu, sig), $"tcId {tcId}: own signature rejected");
        }
    }

    [Theory]
    [MemberData(nameof(SetsAndPaths))]
    public void SignNoSeed(string set, string pathName)
    {
        var path = PathOf(pathName);
        using JsonDocument doc = LoadJson($"mldsa/wycheproof/mldsa_{set}_sign_noseed_test.json");
        MLDsaAlgorithm algorithm = Algorithm(set);
        int count = 0, rejectedKeys = 0;
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            byte[] sk = Hex(group, "privateKey");
            byte[]? pk = OptionalHex(group, "publicKey");
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                count++;
                int tcId = test.GetProperty("tcId").GetInt32();
                if (Has(test, "IncorrectPrivateKeyLength"))
                {
                    Assert.ThrowsAny<ArgumentException>(() => MlDsaKey.ImportPrivateKey(algorithm, sk));
                    rejectedKeys++;
                    continue;
                }
                if (Has(test, "InvalidPrivateKey"))
                {
                    Assert.Equal("invalid", test.GetProperty("result").GetString());
                    CryptoException e = Assert.Throws<CryptoException>(() => MlDsaKey.ImportPrivateKey(algorithm, sk));
                    Assert.Equal(CryptoError.InvalidPrivateKey, e.Error);
                    rejectedKeys++;
                    continue;
                }
                using MlDsaKey key = MlDsaKey.ImportPrivateKey(algorithm, sk);
                key.Path = path;
                if (pk is not null) Assert.True(pk.AsSpan().SequenceEqual(key.ExportMLDsaPublicKey()), $"tcId {tcId}: public key differs");
                SignCase(key, test);
            }
        }
        VectorCount.AllRan(count, VectorCount.Wycheproof(doc.RootElement), $"ML-DSA-{set} sign_noseed");
        Assert.Equal(4, rejectedKeys);
    }

    [Theory]
    [MemberData(nameof(SetsAndPaths))]
    public void SignSeed(string set, string pathName)
    {
        var path = PathOf(pathName);
        using JsonDocument doc = LoadJson($"mldsa/wycheproof/mldsa_{set}_sign_seed_test.json");
        MLDsaAlgorithm algorithm = Algorithm(set);
        int count = 0;
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            byte[] seed = Hex(group, "privateSeed");
            byte[]? pk = OptionalHex(group, "publicKey");
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                count++;
                int tcId = test.GetProperty("tcId").GetInt32();
                if (Has(test, "IncorrectPrivateKeyLength"))
                {
                    Assert.ThrowsAny<ArgumentException>(() => MlDsaKey.ImportPrivateSeed(algorithm, seed));
                    continue;
                }
                using MlDsaKey key = MlDsaKey.ImportPrivateSeed(algorithm, seed);
                key.Path = path;
                if (pk is not null) Assert.True(pk.AsSpan().SequenceEqual(key.ExportMLDsaPublicKey()), $"tcId {tcId}: public key differs");
                SignCase(key, test);
            }
        }
        VectorCount.AllRan(count, VectorCount.Wycheproof(doc.RootElement), $"ML-DSA-{set} sign_seed");
    }

    [Theory]
    [MemberData(nameof(SetsAndPaths))]
    public void Verify(string set, string pathName)
    {
        var path = PathOf(pathName);
        using JsonDocument doc = LoadJson($"mldsa/wycheproof/mldsa_{set}_verify_test.json");
        MLDsaAlgorithm algorithm = Algorithm(set);
        SignatureAlgorithm family = set switch { "44" => SignatureAlgorithm.MlDsa44, "65" => SignatureAlgorithm.MlDsa65, _ => SignatureAlgorithm.MlDsa87 };
        int count = 0, valid = 0, invalid = 0;
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            byte[] pk = Hex(group, "publicKey");
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                count++;
                int tcId = test.GetProperty("tcId").GetInt32();
                string result = test.GetProperty("result").GetString()!;
                Assert.NotEqual("acceptable", result); // none in these files; a new one needs a decision
                byte[] message = Hex(test, "msg");
                byte[] context = OptionalHex(test, "ctx") ?? [];
                byte[] sig = Hex(test, "sig");
                bool got;
                if (Has(test, "IncorrectPublicKeyLength"))
                {
                    Assert.ThrowsAny<ArgumentException>(() => MlDsaKey.ImportPublicKey(algorithm, pk));
                    Assert.Throws<ArgumentException>(() => family.Verify(pk, message, sig, context));
                    got = false;
                }
                else if (Has(test, "InvalidContext"))
                {
                    using MlDsaKey key = MlDsaKey.ImportPublicKey(algorithm, pk);
                    Assert.ThrowsAny<ArgumentException>(() => key.VerifyData(message, sig, context));
                    Assert.Throws<ArgumentException>(() => family.Verify(pk, message, sig, context));
                    got = false;
                }
                else
                {
                    using MlDsaKey key = MlDsaKey.ImportPublicKey(algorithm, pk);
                    key.Path = path;
                    got = key.VerifyData(message, sig, context);
                    Assert.True(got == family.Verify(pk, message, sig, context), $"tcId {tcId}: SignatureAlgorithm.{family.Name} disagrees");
                }
                Assert.True(got == (result == "valid"), $"tcId {tcId} ({test.GetProperty("comment").GetString()}): expected {result}, got {got}");
                if (got) valid++;
                else invalid++;
            }
        }
        VectorCount.AllRan(count, VectorCount.Wycheproof(doc.RootElement), $"ML-DSA-{set} verify");
        Assert.Equal(VectorCount.WycheproofResult(doc.RootElement, "valid"), valid);
        Assert.Equal(VectorCount.WycheproofResult(doc.RootElement, "invalid"), invalid);
    }
}
