// Runs the built `nofuture.dll` in a child process: the doctor reads process-wide state (rlimits, the
// lock budget, the arena), so each run needs a fresh process, and the memlock tests need a different user.
using System.Diagnostics;
using NoFuture.Tests.Shared;
using Xunit;

namespace NoFuture.Cli.Tests;

internal sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

internal static class CliProcess
{
    /// <summary>The CLI's output is copied next to the test assembly by the project reference.</summary>
    internal static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "nofuture.dll");

    /// <summary>The dotnet host: the one that runs `dotnet test` when it says so, else the one on PATH.</summary>
    internal static string DotnetHost => NobodyStage.DotnetHost;

    /// <summary>Runs <c>dotnet nofuture.dll args</c>.</summary>
    internal static Task<CliResult> RunAsync(params string[] args) => RunAsync([DotnetHost, DllPath, .. args], null);

    /// <summary>Runs <paramref name="command"/> (whose first element is the program) with extra environment.</summary>
    internal static async Task<CliResult> RunAsync(IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? environment)
    {
        Assert.True(File.Exists(DllPath), $"{DllPath} is missing: the CLI project's output was not copied.");
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in command.Skip(1)) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
            foreach ((string key, string value) in environment) info.Environment[key] = value;

        using var process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Runs <c>nofuture args</c> as nobody (65534) with RLIMIT_MEMLOCK set to <paramref name="memlockBytes"/>, so
    /// neither root's CAP_IPC_LOCK nor the parent's limit can make the test pass for the wrong reason. The CLI runs from
    /// a world-readable copy of this folder (<see cref="NobodyStage"/>): the clone may sit where nobody cannot read.
    /// HOME and DOTNET_CLI_HOME point at a fresh world-writable directory nobody can use.
    /// </summary>
    internal static async Task<CliResult> RunAsNobodyAsync(long memlockBytes, params string[] args)
    {
        NobodyStage.RequireCanRunAsNobody();
        Assert.True(File.Exists(DllPath), $"{DllPath} is missing: the CLI project's output was not copied.");
        string dll = NobodyStage.Stage(DllPath);
        string home = NobodyStage.CreateHome();
        try
        {
            string[] command = [.. NobodyStage.DropPrivileges(memlockBytes), DotnetHost, dll, .. args];
            return await RunAsync(command, new Dictionary<string, string> { ["HOME"] = home, ["DOTNET_CLI_HOME"] = home });
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
