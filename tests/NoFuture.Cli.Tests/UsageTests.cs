// Help text and usage errors: help goes to stdout with exit 0, mistakes go to stderr with exit 2.
using Xunit;

namespace NoFuture.Cli.Tests;

public class UsageTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_ListsTheCommands(string flag)
    {
        CliResult r = await CliProcess.RunAsync(flag);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("  demo ", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("  doctor ", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("  session ", r.StdOut, StringComparison.Ordinal);
        Assert.Empty(r.StdErr);
    }

    [Fact]
    public async Task DoctorHelp_DocumentsJsonAndExitCodes()
    {
        CliResult r = await CliProcess.RunAsync("doctor", "--help");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--json", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("0  the Strict policy can hold here", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("1  the Strict policy cannot hold here", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("2  unknown option", r.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("doctor", "--bogus")]
    [InlineData("doctor", "extra")]
    [InlineData("demo", "--bogus")]
    [InlineData("session", "frobnicate")]
    [InlineData("session", "send", "--state", "x", "--bogus")]
    [InlineData("--bogus")]
    [InlineData("frobnicate")]
    [InlineData()]
    public async Task UsageError_GoesToStderr_WithExitCode2(params string[] args)
    {
        CliResult r = await CliProcess.RunAsync(args);

        Assert.Equal(2, r.ExitCode);
        Assert.Empty(r.StdOut);
        Assert.NotEmpty(r.StdErr);
        if (args.Length > 0) Assert.Contains(args[^1], r.StdErr, StringComparison.Ordinal);
    }
}
