// `nofuture doctor` end to end: text and JSON output, exit codes, and the memlock budget as root and as an
// unprivileged user with a small limit.
using System.Runtime.InteropServices;
using System.Text.Json;
using Xunit;

namespace NoFuture.Cli.Tests;

public class DoctorCommandTests
{
    [Fact]
    public async Task Doctor_PrintsMemlockLine_BothProbes_AndVerdictMatchingExitCode()
    {
        CliResult r = await CliProcess.RunAsync("doctor");

        Assert.True(r.ExitCode is 0 or 1, r.ToString());
        string[] lines = r.StdOut.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("  memlock limit ", StringComparison.Ordinal));
        string pooled = Assert.Single(lines, l => l.StartsWith("  pooled ", StringComparison.Ordinal));
        string guarded = Assert.Single(lines, l => l.StartsWith("  guarded ", StringComparison.Ordinal));
        Assert.Contains("Canaries", pooled, StringComparison.Ordinal);
        Assert.Contains("Canaries", guarded, StringComparison.Ordinal);
        string verdict = Assert.Single(lines, l => l.StartsWith("verdict: ", StringComparison.Ordinal));
        Assert.StartsWith(r.ExitCode == 0 ? "verdict: strict policy can hold" : "verdict: strict policy cannot hold",
            verdict, StringComparison.Ordinal);
        Assert.Empty(r.StdErr);
    }

    [Fact]
    public async Task DoctorJson_HasExpectedPropertiesWithSaneValues()
    {
        CliResult r = await CliProcess.RunAsync("doctor", "--json");

        Assert.True(r.ExitCode is 0 or 1, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        JsonElement root = doc.RootElement;
        int pageSize = root.GetProperty("pageSize").GetInt32();
        Assert.Equal(Environment.SystemPageSize, pageSize);
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64) Assert.Equal(4096, pageSize);
        Assert.Equal((pageSize - 16) / 48, root.GetProperty("pooledSecretsPerPage").GetInt32());
        if (pageSize == 4096) Assert.Equal(85, root.GetProperty("pooledSecretsPerPage").GetInt32());
        Assert.Equal(r.ExitCode == 0, root.GetProperty("strictPolicyCanHold").GetBoolean());
        Assert.Equal(JsonValueKind.String, root.GetProperty("forkProtection").ValueKind);
        Assert.Equal(JsonValueKind.String, root.GetProperty("guardMechanism").ValueKind);
        Assert.Equal("Strict", root.GetProperty("policy").GetString());
        foreach (string name in (string[])["dontDump", "memfdSecret", "canLockBeyondLimit"])
            Assert.True(root.GetProperty(name).ValueKind is JsonValueKind.True or JsonValueKind.False, name);
        foreach (string name in (string[])["memlockLimitBytes", "lockBudgetBytes", "lockableBytesRemaining", "pooledSecretsInBudget"])
            Assert.True(root.GetProperty(name).ValueKind is JsonValueKind.Number or JsonValueKind.Null, name);
        if (OperatingSystem.IsLinux())
        {
            Assert.True(root.GetProperty("maxMapCount").GetInt64() > 0);
            long mapCount = root.GetProperty("mapCount").GetInt64();
            Assert.True(mapCount > 0 && mapCount < root.GetProperty("maxMapCount").GetInt64());
        }

        JsonElement[] probe = [.. root.GetProperty("probe").EnumerateArray()];
        Assert.Equal(2, probe.Length);
        Assert.Equal("Pooled", probe[0].GetProperty("tier").GetString());
        Assert.Equal("Guarded", probe[1].GetProperty("tier").GetString());
        foreach (JsonElement p in probe)
        {
            Assert.Equal(32, p.GetProperty("length").GetInt32());
            Assert.Equal(JsonValueKind.Null, p.GetProperty("error").ValueKind);
            Assert.Contains("Canaries", p.GetProperty("protection").EnumerateArray().Select(e => e.GetString()));
        }
        Assert.Equal(r.ExitCode == 0, root.GetProperty("reasons").GetArrayLength() == 0);
        Assert.StartsWith("strict policy", root.GetProperty("verdict").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DoctorJson_AsRoot_BudgetIsUnlimited()
    {
        if (!Environment.IsPrivilegedProcess) Assert.Skip("Not running as root: CAP_IPC_LOCK is not expected.");

        CliResult r = await CliProcess.RunAsync("doctor", "--json");

        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        JsonElement root = doc.RootElement;
        Assert.True(root.GetProperty("canLockBeyondLimit").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("lockBudgetBytes").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("lockableBytesRemaining").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("pooledSecretsInBudget").ValueKind);
        foreach (JsonElement p in root.GetProperty("probe").EnumerateArray())
            Assert.Contains("Locked", p.GetProperty("protection").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task DoctorJson_AsNobodyWith64KiBMemlock_ReportsTheLimit()
    {
        CliResult r = await CliProcess.RunAsNobodyAsync(65536, "doctor", "--json");
        Assert.False(string.IsNullOrEmpty(r.StdOut), r.ToString()); // a child that cannot start prints only to stderr

        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        JsonElement root = doc.RootElement;
        Assert.Equal(65536, root.GetProperty("memlockLimitBytes").GetInt64());
        Assert.False(root.GetProperty("canLockBeyondLimit").GetBoolean());
        Assert.Equal(65536, root.GetProperty("lockBudgetBytes").GetInt64());
        int pageSize = root.GetProperty("pageSize").GetInt32();
        Assert.Equal(65536 / pageSize * ((pageSize - 16) / 48), root.GetProperty("pooledSecretsInBudget").GetInt64());
        // 64 KiB is at least one page, so the strict policy can hold and both probes got locked memory.
        Assert.True(root.GetProperty("strictPolicyCanHold").GetBoolean(), r.ToString());
        Assert.Equal(0, r.ExitCode);
        foreach (JsonElement p in root.GetProperty("probe").EnumerateArray())
            Assert.Contains("Locked", p.GetProperty("protection").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Doctor_AsNobodyWithNoMemlock_CannotHoldStrict_AndSaysWhy()
    {
        CliResult r = await CliProcess.RunAsNobodyAsync(0, "doctor");
        Assert.False(string.IsNullOrEmpty(r.StdOut), r.ToString()); // a child that cannot start prints only to stderr

        Assert.Equal(1, r.ExitCode);
        string verdict = Assert.Single(r.StdOut.Split('\n'), l => l.StartsWith("verdict: ", StringComparison.Ordinal));
        Assert.Contains("cannot hold", verdict, StringComparison.Ordinal);
        Assert.Contains("memlock budget 0 bytes", verdict, StringComparison.Ordinal);
        Assert.Contains("ulimit -l", verdict, StringComparison.Ordinal);
        Assert.Contains("refused Locked", r.StdOut, StringComparison.Ordinal);
    }
}
