// Decoding allocates what it returns and nothing more (docs/mls.md, "The codec contract": each opaque field copied
// once, no per-field garbage). Over every field of all 300 entries of messages.json, the bytes allocated by decoding
// (GC.GetAllocatedBytesForCurrentThread, exact and unaffected by other threads) are compared with the bytes the
// decoded objects retain (GC.GetTotalMemory(true) with the results kept alive). The difference is garbage: temporary
// lists, resized arrays, arrays copied again by a constructor. The class runs alone (its collection disables
// parallelisation), so other tests do not move the heap figure while it is measured.
using System.Text.Json;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Framing;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Proposals;
using NoFuture.Mls.Tree;
using NoFuture.Mls.Welcomes;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.Wire;

[CollectionDefinition(nameof(MessagesDecodeAllocationTests), DisableParallelization = true)]
public sealed class MessagesDecodeAllocationRunsAlone;

[Collection(nameof(MessagesDecodeAllocationTests))]
public class MessagesDecodeAllocationTests
{
    // messages.json's fields, in the file's naming; every one is decoded.
    private static readonly string[] Fields =
    [
        "mls_welcome", "mls_group_info", "mls_key_package", "ratchet_tree", "group_secrets", "add_proposal",
        "update_proposal", "remove_proposal", "pre_shared_key_proposal", "re_init_proposal", "external_init_proposal",
        "group_context_extensions_proposal", "commit", "public_message_application", "public_message_proposal",
        "public_message_commit", "private_message",
    ];

    // Garbage allowed over the whole file (1.27 MB of encodings decoding to about 3.1 MB of objects, 5100 top-level
    // structures): 32 KiB. GC.GetTotalMemory moves by a few KiB between identical rounds (allocation contexts are
    // counted in pages, measured per field: -7 to +9 KiB), so a tighter bound would fail at random; one temporary
    // per top-level structure (at least 24 bytes each, 122 KB) or the per-vector lists and copies this test was
    // written against (667 KB) cannot hide in it.
    private const long GarbageBound = 32 * 1024;

    private static byte[][] Load()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("mls/messages.json")));
        var encodings = new List<byte[]>();
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
            foreach (string field in Fields) encodings.Add(Convert.FromHexString(entry.GetProperty(field).GetString()!));
        return [.. encodings];
    }

    /// <summary>Decodes every encoding into <paramref name="keep"/> (allocated by the caller); returns the bytes of
    /// the one structure that cannot be kept, GroupSecrets' psks array (the view is a ref struct).</summary>
    private static long DecodeAll(byte[][] encodings, object[] keep)
    {
        long viewArrays = 0;
        int k = 0;
        for (int i = 0; i < encodings.Length; i++)
        {
            ReadOnlySpan<byte> encoded = encodings[i];
            switch (Fields[i % Fields.Length])
            {
                case "ratchet_tree": keep[k++] = MlsCodec.DecodeExact<RatchetTree>(encoded, "ratchet_tree"); break;
                case "group_secrets":
                    GroupSecrets secrets = MlsCodec.DecodeExact<GroupSecrets>(encoded, "group_secrets");
                    foreach (PreSharedKeyId psk in secrets.Psks) keep[k++] = psk;
                    // A PreSharedKeyId[]: object header and length (24 bytes on 64-bit), one reference per element.
                    if (secrets.Psks.Length > 0) viewArrays += 24 + (IntPtr.Size * secrets.Psks.Length);
                    break;
                case "add_proposal": keep[k++] = MlsCodec.DecodeExact<Add>(encoded, "add"); break;
                case "update_proposal": keep[k++] = MlsCodec.DecodeExact<Update>(encoded, "update"); break;
                case "remove_proposal": keep[k++] = MlsCodec.DecodeExact<Remove>(encoded, "remove"); break;
                case "pre_shared_key_proposal": keep[k++] = MlsCodec.DecodeExact<PreSharedKey>(encoded, "psk"); break;
                case "re_init_proposal": keep[k++] = MlsCodec.DecodeExact<ReInit>(encoded, "reinit"); break;
                case "external_init_proposal": keep[k++] = MlsCodec.DecodeExact<ExternalInit>(encoded, "ext"); break;
                case "group_context_extensions_proposal":
                    keep[k++] = MlsCodec.DecodeExact<GroupContextExtensions>(encoded, "gce");
                    break;
                case "commit": keep[k++] = MlsCodec.DecodeExact<Commit>(encoded, "commit"); break;
                default: keep[k++] = MlsCodec.DecodeExact<MlsMessage>(encoded, "message"); break;
            }
        }
        return viewArrays;
    }

    [Fact]
    public void DecodingAllOfMessagesJson_AllocatesOnlyWhatItReturns()
    {
        byte[][] encodings = Load();
        VectorCount.AllRan(encodings.Length, 300 * Fields.Length, "messages.json encodings");
        // Warm-up: JIT, statics and pools are allocated once, not per decode.
        DecodeAll(encodings, new object[encodings.Length * 4]);

        long bestGarbage = long.MaxValue, allocated = 0, retained = 0;
        // GC.GetTotalMemory is process-wide: a background allocation can only make a round look better, a
        // collection of someone else's garbage worse, so the best of three rounds is kept.
        for (int round = 0; round < 3; round++)
        {
            object[] keep = new object[encodings.Length * 4];
            long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long viewArrays = DecodeAll(encodings, keep);
            long roundAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            long roundRetained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore + viewArrays;
            GC.KeepAlive(keep);
            long garbage = roundAllocated - roundRetained;
            if (garbage < bestGarbage) (bestGarbage, allocated, retained) = (garbage, roundAllocated, roundRetained);
        }
        TestContext.Current.SendDiagnosticMessage($"messages.json decode: allocated {allocated} B, retained {retained} B");
        Assert.True(bestGarbage <= GarbageBound, $"decoding allocated {allocated} B but its results retain {retained} B");
    }
}
