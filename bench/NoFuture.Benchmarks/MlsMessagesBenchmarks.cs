// Goal: decoding every field of all 300 entries of RFC 9420's messages.json (17 structures an entry: MLSMessage of each
// wire format, the seven proposals, Commit, ratchet_tree, GroupSecrets) allocates no more than the decoded objects
// themselves: each opaque field copied once, no per-field or per-vector garbage (docs/mls.md, "The codec contract").
// The figure is the time and the allocated bytes of one full decode; the retained size of the decoded objects is
// measured by tests/NoFuture.Mls.Tests/Wire/MessagesDecodeAllocationTests.cs (GC.GetTotalMemory with the results alive).
// Vectors: NOFUTURE_VECTORS (the shared/vectors folder), else the first shared/vectors folder up from the binary.
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Framing;
using NoFuture.Mls.Proposals;
using NoFuture.Mls.Tree;
using NoFuture.Mls.Welcomes;

namespace NoFuture.Benchmarks;

/// <summary>Decoding all of messages.json (RFC 9420 test vectors), hex decoded beforehand.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class MlsMessagesBenchmarks
{
    private static readonly string[] Fields =
    [
        "mls_welcome", "mls_group_info", "mls_key_package", "ratchet_tree", "group_secrets", "add_proposal",
        "update_proposal", "remove_proposal", "pre_shared_key_proposal", "re_init_proposal", "external_init_proposal",
        "group_context_extensions_proposal", "commit", "public_message_application", "public_message_proposal",
        "public_message_commit", "private_message",
    ];

    private byte[][][] _entries = [];

    /// <summary>Reads messages.json and decodes its hex once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(FindVectors("mls/messages.json")));
        var entries = new List<byte[][]>();
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            var fields = new byte[Fields.Length][];
            for (int i = 0; i < Fields.Length; i++) fields[i] = Convert.FromHexString(entry.GetProperty(Fields[i]).GetString()!);
            entries.Add(fields);
        }
        _entries = [.. entries];
    }

    /// <summary>Every field of every entry decoded (5100 structures, 1.27 MB of encodings).</summary>
    [Benchmark]
    public int DecodeAll()
    {
        int psks = 0;
        foreach (byte[][] e in _entries)
        {
            MlsCodec.DecodeExact<MlsMessage>(e[0], "mls_welcome");
            MlsCodec.DecodeExact<MlsMessage>(e[1], "mls_group_info");
            MlsCodec.DecodeExact<MlsMessage>(e[2], "mls_key_package");
            MlsCodec.DecodeExact<RatchetTree>(e[3], "ratchet_tree");
            psks += MlsCodec.DecodeExact<GroupSecrets>(e[4], "group_secrets").Psks.Length;
            MlsCodec.DecodeExact<Add>(e[5], "add_proposal");
            MlsCodec.DecodeExact<Update>(e[6], "update_proposal");
            MlsCodec.DecodeExact<Remove>(e[7], "remove_proposal");
            MlsCodec.DecodeExact<PreSharedKey>(e[8], "pre_shared_key_proposal");
            MlsCodec.DecodeExact<ReInit>(e[9], "re_init_proposal");
            MlsCodec.DecodeExact<ExternalInit>(e[10], "external_init_proposal");
            MlsCodec.DecodeExact<GroupContextExtensions>(e[11], "group_context_extensions_proposal");
            MlsCodec.DecodeExact<Commit>(e[12], "commit");
            MlsCodec.DecodeExact<MlsMessage>(e[13], "public_message_application");
            MlsCodec.DecodeExact<MlsMessage>(e[14], "public_message_proposal");
            MlsCodec.DecodeExact<MlsMessage>(e[15], "public_message_commit");
            MlsCodec.DecodeExact<MlsMessage>(e[16], "private_message");
        }
        return psks;
    }

    // NOFUTURE_VECTORS, else shared/vectors found walking up from the binary (as the tests' VectorFiles).
    private static string FindVectors(string relativePath)
    {
        string? configured = Environment.GetEnvironmentVariable("NOFUTURE_VECTORS");
        if (!string.IsNullOrEmpty(configured)) return Path.Combine(configured, relativePath);
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "shared", "vectors", relativePath);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("Set NOFUTURE_VECTORS to the shared/vectors folder.", relativePath);
    }
}
