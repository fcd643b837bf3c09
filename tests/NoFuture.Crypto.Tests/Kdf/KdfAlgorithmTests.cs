// KdfAlgorithm (HKDF): every case of Wycheproof hkdf/hkdf_sha{256,384,512}_test.json (C2SP/wycheproof @ dac1dd47,
// testvectors_v1; shared/vectors/SOURCES.md) through DeriveKey, Extract+Expand, the keyed form (ImportPrk + KdfKey.Expand)
// and the Secret overloads, on the public singletons and on the BCL fallback instances; invalid cases (output larger
// than 255·HashLen) must throw ArgumentException. Plus RFC 5869 A.1 and A.3, and misuse.
using System.Text.Json;
using NoFuture.Crypto.Tests.Hashing;
using NoFuture.Memory;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Kdf;

public class KdfAlgorithmTests
{
    [Theory]
    [InlineData("hkdf/hkdf_sha256_test.json", "HKDF-SHA256", false)]
    [InlineData("hkdf/hkdf_sha384_test.json", "HKDF-SHA384", false)]
    [InlineData("hkdf/hkdf_sha512_test.json", "HKDF-SHA512", false)]
    [InlineData("hkdf/hkdf_sha256_test.json", "HKDF-SHA256", true)]
    [InlineData("hkdf/hkdf_sha384_test.json", "HKDF-SHA384", true)]
    [InlineData("hkdf/hkdf_sha512_test.json", "HKDF-SHA512", true)]
    public void Wycheproof_EveryCase(string file, string name, bool fallback)
    {
        KdfAlgorithm hkdf = name switch { "HKDF-SHA256" => KdfAlgorithm.HkdfSha256, "HKDF-SHA384" => KdfAlgorithm.HkdfSha384, _ => KdfAlgorithm.HkdfSha512 };
        if (fallback) hkdf = HashKdfPaths.Fallback(hkdf);
        Assert.Equal(name, hkdf.Name);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find(file)));
        int valid = 0, invalid = 0;
        var failures = new List<string>();
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                int id = test.GetProperty("tcId").GetInt32();
                byte[] ikm = Hex(test, "ikm"), salt = Hex(test, "salt"), info = Hex(test, "info"), okm = Hex(test, "okm");
                int size = test.GetProperty("size").GetInt32();
                string result = test.GetProperty("result").GetString()!;
                if (result == "invalid")
                {
                    Assert.Throws<ArgumentException>(() => hkdf.DeriveKey(ikm, new byte[size], salt, info));
                    byte[] prk0 = new byte[hkdf.HashSizeInBytes];
                    hkdf.Extract(ikm, salt, prk0);
                    Assert.Throws<ArgumentException>(() => hkdf.Expand(prk0, new byte[size], info));
                    using Secret s = Secret.CopyFrom(prk0);
                    Assert.Throws<ArgumentOutOfRangeException>(() => hkdf.DeriveKey(s, salt, info, size));
                    Assert.Throws<ArgumentOutOfRangeException>(() => hkdf.Expand(s, info, size));
                    invalid++;
                    continue;
                }
                Assert.Equal("valid", result);
                byte[] output = new byte[size];
                hkdf.DeriveKey(ikm, output, salt, info);
                if (!output.AsSpan().SequenceEqual(okm)) { failures.Add($"tcId {id}: DeriveKey"); continue; }

                byte[] prk = new byte[hkdf.HashSizeInBytes];
                hkdf.Extract(ikm, salt, prk);
                Array.Clear(output);
                hkdf.Expand(prk, output, info);
                if (!output.AsSpan().SequenceEqual(okm)) { failures.Add($"tcId {id}: Extract+Expand"); continue; }

                Array.Clear(output);
                using (KdfKey key = hkdf.ImportPrk(prk)) key.Expand(info, output);
                if (!output.AsSpan().SequenceEqual(okm)) { failures.Add($"tcId {id}: ImportPrk+KdfKey.Expand"); continue; }

                if (ikm.Length > 0)
                {
                    using Secret ikmSecret = Secret.CopyFrom(ikm);
                    using Secret okmSecret = hkdf.DeriveKey(ikmSecret, salt, info, size);
                    using Secret prkSecret = hkdf.Extract(ikmSecret, salt);
                    using Secret okm2 = hkdf.Expand(prkSecret, info, size);
                    using KdfKey key = hkdf.ImportPrk(prkSecret);
                    using Secret okm3 = key.Expand(info, size);
                    if (!okmSecret.FixedTimeEquals(okm) || !okm2.FixedTimeEquals(okm) || !okm3.FixedTimeEquals(okm) || !prkSecret.FixedTimeEquals(prk))
                    {
                        failures.Add($"tcId {id}: Secret overloads");
                        continue;
                    }
                }
                valid++;
            }
        }
        Assert.Empty(failures);
        TestContext.Current.TestOutputHelper?.WriteLine($"{file}: {valid} valid, {invalid} invalid (ArgumentException)");
        // Counted from the file, apart from the run: every case ran with the verdict the file gives it.
        VectorCount.AllRan(valid + invalid, VectorCount.Wycheproof(doc.RootElement), file);
        Assert.Equal(VectorCount.WycheproofResult(doc.RootElement, "invalid"), invalid);
        Assert.True(invalid > 0, "the file's oversized outputs (more than 255 * HashLen) were not exercised");
    }

    [Fact]
    public void Rfc5869_A1()
    {
        byte[] ikm = Convert.FromHexString("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = Convert.FromHexString("000102030405060708090a0b0c");
        byte[] info = Convert.FromHexString("f0f1f2f3f4f5f6f7f8f9");
        byte[] prk = new byte[32], okm = new byte[42];
        KdfAlgorithm.HkdfSha256.Extract(ikm, salt, prk);
        Assert.Equal("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", Convert.ToHexStringLower(prk));
        KdfAlgorithm.HkdfSha256.Expand(prk, okm, info);
        Assert.Equal("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", Convert.ToHexStringLower(okm));
        using KdfKey key = KdfAlgorithm.HkdfSha256.ImportPrk(prk);
        Array.Clear(okm);
        key.Expand(info, okm);
        Assert.Equal("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", Convert.ToHexStringLower(okm));
    }

    [Fact]
    public void Rfc5869_A3_EmptySaltAndInfo()
    {
        byte[] ikm = Convert.FromHexString("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        foreach (KdfAlgorithm hkdf in new[] { KdfAlgorithm.HkdfSha256, HashKdfPaths.Fallback(KdfAlgorithm.HkdfSha256) })
        {
            byte[] prk = new byte[32], okm = new byte[42];
            hkdf.Extract(ikm, [], prk);
            Assert.Equal("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04", Convert.ToHexStringLower(prk));
            hkdf.Expand(prk, okm, []);
            Assert.Equal("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8", Convert.ToHexStringLower(okm));
        }
    }

    [Fact]
    public void Properties_And_Misuse()
    {
        Assert.Equal((32, 8160), (KdfAlgorithm.HkdfSha256.HashSizeInBytes, KdfAlgorithm.HkdfSha256.MaxOutputSizeInBytes));
        Assert.Equal((48, 12240), (KdfAlgorithm.HkdfSha384.HashSizeInBytes, KdfAlgorithm.HkdfSha384.MaxOutputSizeInBytes));
        Assert.Equal((64, 16320), (KdfAlgorithm.HkdfSha512.HashSizeInBytes, KdfAlgorithm.HkdfSha512.MaxOutputSizeInBytes));
        Assert.Equal("HKDF-SHA384", KdfAlgorithm.HkdfSha384.ToString());
        Assert.Same(HashAlgorithm.Sha384, KdfAlgorithm.HkdfSha384.HashAlgorithm);

        Assert.Throws<ArgumentException>(() => KdfAlgorithm.HkdfSha256.Extract([1], [], new byte[31]));
        Assert.Throws<ArgumentException>(() => KdfAlgorithm.HkdfSha256.Expand(new byte[31], new byte[10], []));
        Assert.Throws<ArgumentException>(() => KdfAlgorithm.HkdfSha256.Expand(new byte[32], [], []));
        Assert.Throws<ArgumentException>(() => KdfAlgorithm.HkdfSha256.DeriveKey([1], [], [], []));
        byte[] buffer = new byte[100];
        Assert.Throws<ArgumentException>(() => KdfAlgorithm.HkdfSha256.Extract(buffer.AsSpan(0, 40), [], buffer.AsSpan(20, 32)));
        Assert.Throws<ArgumentException>(() => KdfAlgorithm.HkdfSha256.Expand(buffer.AsSpan(0, 32), buffer.AsSpan(0, 64), []));
        Assert.Throws<ArgumentException>(() => KdfAlgorithm.HkdfSha256.DeriveKey([1], buffer.AsSpan(0, 64), [], buffer.AsSpan(60, 4)));
        using Secret shortPrk = Secret.Allocate(16);
        Assert.Throws<ArgumentException>(() => KdfAlgorithm.HkdfSha256.Expand(shortPrk, [], 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => KdfAlgorithm.HkdfSha256.DeriveKey(shortPrk, [], [], 0));
        Secret disposed = Secret.Allocate(32);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => KdfAlgorithm.HkdfSha256.DeriveKey(disposed, [], [], 32));
        Assert.Throws<ObjectDisposedException>(() => KdfAlgorithm.HkdfSha256.Extract(disposed, []));
    }

    private static byte[] Hex(JsonElement test, string name) => Convert.FromHexString(test.GetProperty(name).GetString()!);
}
