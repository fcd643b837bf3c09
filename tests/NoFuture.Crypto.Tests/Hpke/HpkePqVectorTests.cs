// draft-ietf-hpke-pq-04's test vectors (hpkewg/hpke-pq @ 74dafaa, test-vectors.json, unchanged since the -04 tag;
// shared/vectors/SOURCES.md, "hpke/"): 13 mode-0 entries, 10 encryptions and 5 exports each. Every entry whose KEM,
// KDF and AEAD are implemented here is run in full (HpkeVectorRunner, including suite_id); the others are reported as
// one skip naming each entry and the reason.
using System.Text.Json;
using NoFuture.Crypto.Hpke;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Hpke;

public class HpkePqVectorTests
{
    private static JsonDocument Load() => JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("hpke/hpke-pq-test-vectors.json")));

    /// <summary>(kem, kdf, aead) of every entry in file order, and whether it is expected to run.</summary>
    public static TheoryData<int, int, int> Entries() => new()
    {
        { 0x0040, 0x0001, 0x0001 }, { 0x0041, 0x0001, 0x0001 }, { 0x0042, 0x0002, 0x0002 },
        { 0x0050, 0x0001, 0x0001 }, { 0x647a, 0x0001, 0x0003 }, { 0x0051, 0x0002, 0x0002 },
        { 0x0010, 0x0010, 0x0001 }, { 0x0011, 0x0011, 0x0002 }, { 0x0020, 0x0012, 0x0003 },
        { 0x0021, 0x0013, 0x0003 }, { 0x0050, 0x0010, 0x0002 }, { 0x647a, 0x0011, 0x0003 },
        { 0x0042, 0x0013, 0x0001 },
    };

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
    public void TheTheoryCoversEveryEntry()
    {
        using JsonDocument doc = Load();
        var inFile = doc.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("kem_id").GetInt32(), e.GetProperty("kdf_id").GetInt32(), e.GetProperty("aead_id").GetInt32()))
            .ToList();
        var listed = Entries().Select(row => ((int)row.Data.Item1, (int)row.Data.Item2, (int)row.Data.Item3)).ToList();
        Assert.Equal(inFile, listed);
        Assert.All(doc.RootElement.EnumerateArray(), e => Assert.Equal(0, e.GetProperty("mode").GetInt32()));
    }
}
