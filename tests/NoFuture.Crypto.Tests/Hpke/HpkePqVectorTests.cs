// draft-ietf-hpke-pq-04's test vectors (hpkewg/hpke-pq @ 74dafaa, test-vectors.json, unchanged since the -04 tag;
// shared/vectors/SOURCES.md, "hpke/"): mode-0 entries (13 today), each with its encryptions and exports. Every entry whose KEM,
// KDF and AEAD are implemented here is run in full (HpkeVectorRunner, including suite_id); the others are reported as
// one skip naming each entry and the reason.
using System.Text.Json;
using NoFuture.Crypto.Hpke;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Hpke;

public class HpkePqVectorTests
{
    private const string FileName = "hpke/hpke-pq-test-vectors.json";

    private static JsonDocument Load() => JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find(FileName)));

    /// <summary>
    /// (kem, kdf, aead) of every entry, read from the file, so a newer file's entries run without editing this test.
    /// Without the file, one row whose test skips (or fails under CI=true) saying the file is missing.
    /// </summary>
    public static TheoryData<int, int, int> Entries()
    {
        var rows = new TheoryData<int, int, int>();
        string? path = VectorFiles.TryFind(FileName);
        if (path is null)
        {
            rows.Add(0, 0, 0);
            return rows;
        }
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (JsonElement e in doc.RootElement.EnumerateArray())
            rows.Add(e.GetProperty("kem_id").GetInt32(), e.GetProperty("kdf_id").GetInt32(), e.GetProperty("aead_id").GetInt32());
        return rows;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Entry_AllEncryptionsAndExports(int kemId, int kdfId, int aeadId)
    {
        using JsonDocument doc = Load();
        JsonElement v = doc.RootElement.EnumerateArray().Single(e =>
            e.GetProperty("kem_id").GetInt32() == kemId && e.GetProperty("kdf_id").GetInt32() == kdfId && e.GetProperty("aead_id").GetInt32() == aeadId);
        HpkeSuite? suite = HpkeVectorRunner.SuiteOf(v, out string? reason);
        if (suite is null) Assert.Skip($"hpke-pq entry (KEM 0x{kemId:x4}, KDF 0x{kdfId:x4}, AEAD 0x{aeadId:x4}) skipped: {reason}.");
        Assert.Equal(HpkeVectorRunner.Hex(v, "suite_id"), suite.SuiteId);
        HpkeVectorRunner.Counts counts = HpkeVectorRunner.Run(suite, v);
        // The entry's own lists give the counts: every encryption and export in it ran.
        VectorCount.AllRan(counts.Encryptions, v.GetProperty("encryptions").GetArrayLength(), "encryptions");
        VectorCount.AllRan(counts.Exports, v.GetProperty("exports").GetArrayLength(), "exports");
    }

    [Fact]
    public void TheFileHoldsBaseModeEntriesEachNamedOnce()
    {
        using JsonDocument doc = Load();
        var inFile = doc.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("kem_id").GetInt32(), e.GetProperty("kdf_id").GetInt32(), e.GetProperty("aead_id").GetInt32()))
            .ToList();
        Assert.NotEmpty(inFile);
        // The theory finds an entry by its (kem, kdf, aead): each must name one entry, and every entry is mode 0.
        Assert.Equal(inFile.Count, inFile.Distinct().Count());
        Assert.All(doc.RootElement.EnumerateArray(), e => Assert.Equal(0, e.GetProperty("mode").GetInt32()));
    }
}
