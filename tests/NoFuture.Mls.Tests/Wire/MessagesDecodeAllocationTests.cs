// Decoding allocates what it returns and nothing more (docs/mls.md, "The codec contract": each opaque field copied
// once, no per-field garbage). Over every field of all 300 entries of messages.json, the bytes allocated by decoding
// (GC.GetAllocatedBytesForCurrentThread: exact, and blind to other threads) are compared with the size of the object
// graph the results hold, counted from its types (GraphSize). Both are deterministic, so the test does not depend on
// the machine's load; the difference is garbage: temporary lists, resized arrays, arrays copied again by a
// constructor. (GC.GetTotalMemory(true) with the results alive agrees within its few KiB of noise; bench/RESULTS.md
// §21 gives both figures.)
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Framing;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Proposals;
using NoFuture.Mls.Tree;
using NoFuture.Mls.Welcomes;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.Wire;

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

    // Garbage allowed over the whole file (1.27 MB of encodings decoding to 3.1 MB of objects, 5100 top-level
    // structures): 16 KiB. The decoders themselves leave none; what the bound absorbs is the memory library's own
    // bookkeeping, which grows in steps as the 300 application messages' Secrets are created (3.7 KB measured), so
    // where a step falls depends on how many Secrets are alive. Still far below one temporary per structure (at least
    // 24 bytes each, 122 KB) or the per-vector lists and second copies this test was written against (690 KB).
    private const long GarbageBound = 16 * 1024;

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

    // The bytes the object graph under keep occupies on 64-bit CoreCLR, counted from its types: an array is a 24-byte
    // header plus its elements, an object a 16-byte header plus its fields, each rounded up to 8 bytes (24 at least).
    // Empty arrays are not counted: the decoders use the shared Array.Empty instances.
    private static long GraphSize(object[] keep)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        foreach (object? o in keep) if (o is not null) pending.Push(o);
        long total = 0;
        var secretLengths = new List<int>();
        while (pending.Count > 0)
        {
            object o = pending.Pop();
            if (!seen.Add(o)) continue;
            if (o is Secret secret)
            {
                // Application data lives in secret memory; only the Secret's managed part is on the GC heap. Walking
                // into it would reach the memory library's shared state, so its footprint is measured instead.
                secretLengths.Add(secret.Length);
                continue;
            }
            Type type = o.GetType();
            if (o is Array array)
            {
                if (array.Length == 0) continue;
                Type element = type.GetElementType()!;
                total += Round8(24 + ((long)array.Length * FieldSize(element)));
                if (!element.IsValueType)
                    foreach (object? item in array) if (item is not null) pending.Push(item);
                continue;
            }
            long fields = 0;
            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    fields += FieldSize(field.FieldType);
                    if (!field.FieldType.IsValueType && field.GetValue(o) is { } child) pending.Push(child);
                }
            }
            total += Math.Max(24, Round8(16 + fields));
        }
        return total + SecretsFootprint(secretLengths);
    }

    // The managed bytes that Secret.CopyFrom of these lengths allocates when the Secrets are kept alive, as decoding
    // keeps them (measured after a warm-up of the same sequence, so pool growth is counted as decoding sees it).
    private static long SecretsFootprint(List<int> lengths)
    {
        byte[] data = new byte[lengths.Count == 0 ? 0 : lengths.Max()];
        var warmUp = lengths.Select(n => Secret.CopyFrom(data.AsSpan(0, n))).ToList();
        var kept = new Secret[lengths.Count];
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < kept.Length; i++) kept[i] = Secret.CopyFrom(data.AsSpan(0, lengths[i]));
        long footprint = GC.GetAllocatedBytesForCurrentThread() - before;
        foreach (Secret secret in warmUp.Concat(kept)) secret.Dispose();
        return footprint;
    }

    private static long Round8(long n) => (n + 7) & ~7L;

    private static long FieldSize(Type type) => type.IsValueType
        ? (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!
        : IntPtr.Size;

    [Fact]
    public void DecodingAllOfMessagesJson_AllocatesOnlyWhatItReturns()
    {
        byte[][] encodings = Load();
        VectorCount.AllRan(encodings.Length, 300 * Fields.Length, "messages.json encodings");
        // Warm-up: JIT, statics and the vector pool's buffers are allocated once, not per decode.
        DecodeAll(encodings, new object[encodings.Length * 4]);

        object[] keep = new object[encodings.Length * 4];
        long before = GC.GetAllocatedBytesForCurrentThread();
        long viewArrays = DecodeAll(encodings, keep);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long retained = GraphSize(keep) + viewArrays;
        TestContext.Current.SendDiagnosticMessage($"messages.json decode: allocated {allocated} B, retained {retained} B");
        Assert.True(retained > 3_000_000, $"the decoded objects hold only {retained} B: GraphSize missed some");
        Assert.True(allocated - retained <= GarbageBound, $"decoding allocated {allocated} B but its results hold {retained} B");
    }
}
