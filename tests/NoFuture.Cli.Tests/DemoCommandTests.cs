// `nofuture demo` in a child process (it locks all memory and purges every secret of its process): the JSON report's
// numbers must be consistent with each other, and every claim the demo makes must be backed by its counts.
using System.Text.Json;
using Xunit;

namespace NoFuture.Cli.Tests;

public class DemoCommandTests
{
    [Fact]
    public async Task DemoJson_ReportIsConsistent()
    {
        CliResult r = await CliProcess.RunAsync("demo", "--json");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Empty(r.StdErr);
        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        JsonElement root = doc.RootElement;
        int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

        int messages = Int(root, "messages");
        Assert.Equal(400, messages); // the default
        Assert.Equal(messages, Int(root, "messagesAliceToBob") + Int(root, "messagesBobToAlice"));
        Assert.Equal(messages, Int(root, "decrypted"));
        Assert.Equal(messages, Int(root, "plaintextsMatched"));
        Assert.True(Int(root, "deliveredOutOfOrder") > 0);
        Assert.True(Int(root, "spqrEpochsAlice") > 0);
        Assert.True(Int(root, "spqrEpochsBob") > 0);
        Assert.InRange(Int(root, "medianMessageBytes"), 1, Int(root, "maxMessageBytes"));
        Assert.True(Int(root, "firstMessageBytes") > Int(root, "maxMessageBytes")); // the handshake carries the KEM ciphertext
        Assert.True(root.GetProperty("microsecondsPerMessage").GetDouble() > 0);

        JsonElement forward = root.GetProperty("forwardSecrecy");
        Assert.Equal("Duplicate", forward.GetProperty("oldMessageError").GetString());
        Assert.Equal("Duplicate", forward.GetProperty("oldMessageErrorFromStore").GetString());
        Assert.Equal(JsonValueKind.String, forward.GetProperty("firstMessageError").ValueKind);

        JsonElement theft = root.GetProperty("postCompromise");
        int attempts = Int(theft, "thiefAttempts");
        Assert.InRange(Int(theft, "stolenAfterMessage"), 1, messages - 1);
        Assert.InRange(Int(theft, "attemptsAfterSpqrEpoch"), 1, Int(theft, "attemptsAfterRatchetTurn"));
        Assert.InRange(Int(theft, "attemptsAfterRatchetTurn"), 1, attempts);
        Assert.Equal(0, Int(theft, "decryptedAfterRatchetTurn"));
        Assert.Equal(0, Int(theft, "decryptedAfterSpqrEpoch"));
        Assert.True(Int(theft, "spqrEpochsSinceTheft") > 0);
        // Before the ratchet turned the copy read everything it was given (the theft was real), after it nothing.
        Assert.Equal(Int(theft, "thiefDecrypted"), attempts - Int(theft, "attemptsAfterRatchetTurn"));
        Assert.True(Int(theft, "thiefDecrypted") > 0);

        JsonElement p = root.GetProperty("protection");
        Assert.True(p.GetProperty("interruptCaught").GetBoolean());
        Assert.True(p.GetProperty("lockAllMemory").GetBoolean() || p.GetProperty("lockAllMemoryRefusal").GetString() is { Length: > 0 });
        Assert.True(p.GetProperty("passphraseFrozen").GetBoolean());
        Assert.Contains("GuardPages", p.GetProperty("passphraseProtections").EnumerateArray().Select(e => e.GetString()));
        Assert.True(p.GetProperty("purged").GetBoolean());
        Assert.True(p.GetProperty("storesDeleted").GetBoolean());
        Assert.True(p.GetProperty("storeWrites").GetInt32() > 2);
        Assert.Equal("ProcessCrash", p.GetProperty("storeDurability").GetString());
        Assert.True(p.GetProperty("lockedBytes").GetInt64() > 0);

        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(0, root.GetProperty("failures").GetArrayLength());
    }

    [Fact]
    public async Task Demo_Text_EndsWithTheVerdict_AndRejectsTooFewMessages()
    {
        CliResult r = await CliProcess.RunAsync("demo");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("  post-compromise  ", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("  SPQR epochs      ", r.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("every check held.", r.StdOut.TrimEnd(), StringComparison.Ordinal);

        CliResult few = await CliProcess.RunAsync("demo", "--messages", "10");
        Assert.Equal(2, few.ExitCode);
        Assert.Contains("--messages", few.StdErr, StringComparison.Ordinal);
    }
}

public class DemoUnprivilegedTests
{
    [Fact]
    public async Task DemoJson_AsNobodyWith64KiBMemlock_ReportsTheRefusal_AndStillHolds()
    {
        CliResult r = await CliProcess.RunAsNobodyAsync(65536, "demo", "--json");
        Assert.False(string.IsNullOrEmpty(r.StdOut), r.ToString()); // a child that cannot start prints only to stderr

        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        JsonElement p = doc.RootElement.GetProperty("protection");
        // mlockall of the whole process cannot fit in 64 KiB: the demo says so instead of claiming it.
        Assert.False(p.GetProperty("lockAllMemory").GetBoolean(), r.StdOut);
        Assert.False(string.IsNullOrEmpty(p.GetProperty("lockAllMemoryRefusal").GetString()));
        Assert.True(p.GetProperty("lockedBytes").GetInt64() <= 65536);
        Assert.True(doc.RootElement.GetProperty("passed").GetBoolean(), r.StdOut);
        Assert.Equal(0, r.ExitCode);
    }
}
