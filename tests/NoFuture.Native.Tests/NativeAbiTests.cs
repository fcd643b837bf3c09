// The C ABI (include/nofuture.h) exercised from C: one test per scenario of c/scenarios.c, each its own process.
using System.Text.RegularExpressions;

namespace NoFuture.Native.Tests;

public sealed partial class NativeAbiTests(NativeLibraryFixture native) : IClassFixture<NativeLibraryFixture>
{
    public static readonly TheoryData<string> Scenarios =
    [
        "version", "strerror",
        "secret_new", "secret_random", "secret_from_bytes", "secret_read", "secret_write", "secret_callbacks",
        "secret_freeze", "secret_equal", "secret_protection",
        "handle_double_free", "handle_wrong_type", "handle_forged",
        "enclave", "capabilities", "policy", "harden_and_lock",
        "purge", "purge_from_thread", "free_while_used",
        "interrupt", "death_guarded_overflow", "death_frozen_write",
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario(string name)
    {
        ProcessResult result = native.RunScenario(name);
        Assert.True(result.ExitCode == 0, $"scenario {name} exited with {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.Contains($"{name}: ok", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryScenarioOfTheProgramIsATest()
    {
        ProcessResult result = NativeLibraryFixture.Run(native.Program, ["--list"], 60);
        string[] listed = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(listed.Order(StringComparer.Ordinal), Scenarios.Select(row => row.Data).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LibraryHasTheSoname()
    {
        ProcessResult result = NativeLibraryFixture.Run("readelf", ["-d", native.Library], 60);
        Assert.Matches(@"\(SONAME\)\s+Library soname: \[libnofuture\.so\.0\]", result.Output);
    }

    [Fact]
    public void ExportsAreExactlyTheHeadersFunctions()
    {
        string header = File.ReadAllText(Path.Combine(native.RepositoryRoot, "include", "nofuture.h"));
        var declared = DeclarationPattern().Matches(header).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        ProcessResult result = NativeLibraryFixture.Run("nm", ["-D", "--defined-only", native.Library], 60);
        var exported = ExportPattern().Matches(result.Output).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(declared);
        Assert.Equal(declared.Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
        // Every declared function is called by some scenario.
        string scenarios = File.ReadAllText(Path.Combine(native.RepositoryRoot, "tests", "NoFuture.Native.Tests", "c", "scenarios.c"));
        Assert.All(declared, name => Assert.Contains(name + "(", scenarios, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^(?:int|const char \*)\s*(nf_\w+)\(", RegexOptions.Multiline)]
    private static partial Regex DeclarationPattern();

    [GeneratedRegex(@"\sT (nf_\w+)(?:@@\S+)?$", RegexOptions.Multiline)]
    private static partial Regex ExportPattern();
}
