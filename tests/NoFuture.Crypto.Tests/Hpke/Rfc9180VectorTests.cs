// RFC 9180 Appendix A, the complete JSON set (cfrg/draft-irtf-cfrg-hpke test-vectors.json @ 5f503c5, via
// cloudflare/circl; shared/vectors/SOURCES.md, "hpke/"): 128 entries = 4 KEMs × 2 KDFs × 4 AEADs × 4 modes, each with
// 257 encryptions (none for export-only) and 3 exports. Every entry is run in full (HpkeVectorRunner), the 32
// DHKEM(X448, HKDF-SHA512) entries included.
using System.IO.Compression;
using System.Text.Json;
using NoFuture.Crypto.Hpke;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Hpke;

public class Rfc9180VectorTests
{
    private static JsonDocument Load()
    {
        using FileStream file = File.OpenRead(VectorFiles.Find("hpke/rfc9180-test-vectors-5f503c5.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return JsonDocument.Parse(gzip);
    }

    [Theory]
    [InlineData(0x0010)] // DHKEM(P-256, HKDF-SHA256)
    [InlineData(0x0012)] // DHKEM(P-521, HKDF-SHA512)
    [InlineData(0x0020)] // DHKEM(X25519, HKDF-SHA256)
    [InlineData(0x0021)] // DHKEM(X448, HKDF-SHA512)
    public void EveryEntryOfTheKem_AllEncryptionsAndExports(int kemId)
    {
        using JsonDocument doc = Load();
        int entries = 0, encryptions = 0, exports = 0;
        var suitesSeen = new HashSet<(int Kdf, int Aead, int Mode)>();
        foreach (JsonElement v in doc.RootElement.EnumerateArray())
        {
            if (v.GetProperty("kem_id").GetInt32() != kemId) continue;
            HpkeSuite suite = HpkeVectorRunner.SuiteOf(v, out string? reason) ?? throw new InvalidOperationException(reason);
            HpkeVectorRunner.Counts counts = HpkeVectorRunner.Run(suite, v);
            // The entry's own lists give the counts: every encryption and export in it ran.
            Assert.Equal(v.GetProperty("encryptions").GetArrayLength(), counts.Encryptions);
            Assert.Equal(v.GetProperty("exports").GetArrayLength(), counts.Exports);
            Assert.True(suite.Aead.IsExportOnly || counts.Encryptions > 0, "an entry with an AEAD has encryptions");
            Assert.True(counts.Exports > 0);
            suitesSeen.Add((v.GetProperty("kdf_id").GetInt32(), v.GetProperty("aead_id").GetInt32(), v.GetProperty("mode").GetInt32()));
            entries++;
            encryptions += counts.Encryptions;
            exports += counts.Exports;
        }
        // Counted from the file, apart from the run: every entry of the KEM ran, each a different suite and mode.
        JsonElement[] ofKem = [.. doc.RootElement.EnumerateArray().Where(v => v.GetProperty("kem_id").GetInt32() == kemId)];
        VectorCount.AllRan(entries, ofKem.Length, $"KEM 0x{kemId:x4}");
        Assert.Equal(entries, suitesSeen.Count);
        Assert.Equal(ofKem.Sum(v => v.GetProperty("encryptions").GetArrayLength()), encryptions);
        Assert.Equal(ofKem.Sum(v => v.GetProperty("exports").GetArrayLength()), exports);
    }

    [Fact]
    public void TheWholeFileIsAccountedFor()
    {
        using JsonDocument doc = Load();
        int run = 0;
        var kems = new HashSet<int>();
        foreach (JsonElement v in doc.RootElement.EnumerateArray())
        {
            if (HpkeVectorRunner.SuiteOf(v, out string? reason) is null) Assert.Fail($"unsupported entry: {reason}");
            kems.Add(v.GetProperty("kem_id").GetInt32());
            run++;
        }
        // Every entry's suite is implemented, and the theory above runs every KEM the file uses; the total comes
        // from the file.
        VectorCount.AllRan(run, doc.RootElement.GetArrayLength(), "RFC 9180 entries");
        int[] theoryKems = [.. typeof(Rfc9180VectorTests).GetMethod(nameof(EveryEntryOfTheKem_AllEncryptionsAndExports))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>().Select(a => (int)a.Data[0]!).Order()];
        Assert.Equal(kems.Order().ToArray(), theoryKems);
    }
}
