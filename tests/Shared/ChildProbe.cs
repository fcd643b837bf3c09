// Runs a probe project (tests/<name>) as a child process, optionally as an unprivileged user with a memlock limit.
// Linked into every test project that has a probe.
using System.Diagnostics;

namespace NoFuture.Tests.Shared;

internal sealed record ProbeResult(int ExitCode, string Output, string Error)
{
    internal string All => Output + Error;

    /// <summary>The value of a "key=value" line the probe printed.</summary>
    internal string Value(string key)
    {
        foreach (string line in Output.Split('\n'))
            if (line.StartsWith(key + "=", StringComparison.Ordinal)) return line[(key.Length + 1)..].Trim();
        throw new Xunit.Sdk.XunitException($"The probe printed no '{key}'. Output:\n{Output}\n{Error}");
    }

    internal long Number(string key) => long.Parse(Value(key), System.Globalization.CultureInfo.InvariantCulture);
}

internal static class ChildProbe
{
    internal const int Nobody = NobodyStage.Nobody;

    /// <summary>tests/X.Tests/bin/&lt;Configuration&gt;/net10.0/ → tests/&lt;probe&gt;/bin/&lt;Configuration&gt;/net10.0/&lt;probe&gt;.dll</summary>
    internal static string DllPath(string probe)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        string configuration = here.Parent!.Name;
        string path = Path.GetFullPath(Path.Combine(here.FullName, "..", "..", "..", "..",
            probe, "bin", configuration, here.Name, probe + ".dll"));
        Assert.True(File.Exists(path), $"The probe was not built: {path}");
        return path;
    }

    internal static bool IsRoot => Environment.UserName == "root" || geteuid() == 0;

    internal static ProbeResult Run(string probe, string arguments, int timeoutSeconds = 120, IDictionary<string, string>? environment = null)
        => Start("dotnet", $"\"{DllPath(probe)}\" {arguments}", timeoutSeconds, environment);

    /// <summary>
    /// Runs the probe as user nobody with the given RLIMIT_MEMLOCK (soft and hard), after dropping root. The probe runs
    /// from a world-readable copy of its output folder (<see cref="NobodyStage"/>), so a clone in a private folder works.
    /// Skips (fails under CI=true) where nobody cannot run the dotnet host; skips when not root.
    /// </summary>
    internal static ProbeResult RunUnprivileged(string probe, string arguments, long memlockBytes, int timeoutSeconds = 180)
    {
        NobodyStage.RequireCanRunAsNobody();
        string dll = NobodyStage.Stage(DllPath(probe));
        string home = NobodyStage.CreateHome();
        var env = new Dictionary<string, string> { ["HOME"] = home, ["DOTNET_CLI_HOME"] = home, ["DOTNET_NOLOGO"] = "1" };
        try
        {
            string[] drop = NobodyStage.DropPrivileges(memlockBytes);
            return Start(drop[0], $"{string.Join(' ', drop.Skip(1))} \"{NobodyStage.DotnetHost}\" \"{dll}\" {arguments}",
                timeoutSeconds, env);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    internal static System.Diagnostics.Process StartInteractive(string probe, string arguments)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{DllPath(probe)}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(info)!;
    }

    private static ProbeResult Start(string file, string arguments, int timeoutSeconds, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        if (environment is not null)
            foreach ((string key, string value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"probe {arguments} did not finish in {timeoutSeconds}s");
        }
        process.WaitForExit();
        return new ProbeResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();
}
