// Every child that drops root to user nobody (65534) runs from here. Such a child must read its own binaries, and a
// clone in a private folder hides them from nobody: `mktemp -d` makes mode 0700 folders and many homes are 0750. So
// the child's output folder is copied once per test process into a world-readable folder under /tmp (folders 0755,
// files 0644; /tmp itself, not TMPDIR, which may be private too), reused by every later child of that process and
// deleted when the process exits. Linked into every test project that drops privileges (Cli, Memory, Crypto).
using System.Diagnostics;

namespace NoFuture.Tests.Shared;

internal static class NobodyStage
{
    /// <summary>The uid and gid of user nobody.</summary>
    internal const int Nobody = 65534;

    private const UnixFileMode WorldReadableFolder = (UnixFileMode)0x1ED; // 0755
    private const UnixFileMode WorldReadableFile = (UnixFileMode)0x1A4; // 0644
    private const UnixFileMode WorldWritableFolder = (UnixFileMode)0x1FF; // 0777: nobody's HOME

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> StagedFolders = new(StringComparer.Ordinal);
    private static string? s_root;
    private static string? s_hostProblem;
    private static bool s_hostChecked;

    /// <summary>The dotnet host: the one that runs `dotnet test` when it says so, else the one on PATH.</summary>
    internal static string DotnetHost { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// Skips the test unless this process can drop to nobody (Linux, root) and nobody can start the dotnet host;
    /// under CI=true an unreachable host fails instead, so the privilege tests can never pass by skipping there.
    /// </summary>
    internal static void RequireCanRunAsNobody()
    {
        if (!OperatingSystem.IsLinux())
            Xunit.Assert.Skip("Dropping root with setpriv and prlimit is a Linux test.");
        if (!Environment.IsPrivilegedProcess)
            Xunit.Assert.Skip("Needs root: dropping to uid 65534 with setpriv requires it; run the tests as root (as CI does).");
        string? problem = HostProblem();
        if (problem is null) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Xunit.Assert.Fail(problem);
        Xunit.Assert.Skip(problem);
    }

    /// <summary>
    /// The path of <paramref name="file"/> inside a world-readable copy of its folder (subfolders included, test
    /// results excluded). The copy is made on first use and shared by every later caller in this process.
    /// </summary>
    internal static string Stage(string file)
    {
        string source = Path.GetDirectoryName(Path.GetFullPath(file))!;
        lock (Gate)
        {
            if (!StagedFolders.TryGetValue(source, out string? staged))
            {
                staged = Path.Combine(Root(), "bin" + StagedFolders.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                CopyFolder(source, staged);
                StagedFolders.Add(source, staged);
            }
            return Path.Combine(staged, Path.GetFileName(file));
        }
    }

    /// <summary>A fresh HOME (and DOTNET_CLI_HOME) that nobody can write, inside the stage; delete it after the run.</summary>
    internal static string CreateHome()
    {
        string home;
        lock (Gate) home = Path.Combine(Root(), "home-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, WorldWritableFolder);
        return home;
    }

    /// <summary>
    /// The command prefix that runs the rest of a command line as nobody with RLIMIT_MEMLOCK = <paramref name="memlockBytes"/>
    /// (soft and hard), so neither root's CAP_IPC_LOCK nor the parent's limit can make a test pass for the wrong reason.
    /// </summary>
    internal static string[] DropPrivileges(long memlockBytes) =>
    [
        "setpriv", $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups",
        "prlimit", $"--memlock={memlockBytes}:{memlockBytes}",
    ];

    private static string Root()
    {
        if (s_root is not null) return s_root;
        // /tmp is sticky and world-writable; a fresh random name is created, never an existing folder reused.
        string root;
        do root = Path.Combine("/tmp", "nofuture-nobody-" + Guid.NewGuid().ToString("N")[..12]);
        while (Directory.Exists(root));
        Directory.CreateDirectory(root, WorldReadableFolder);
        File.SetUnixFileMode(root, WorldReadableFolder); // the umask may have narrowed it
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { } // best effort: a child still running at exit may hold a file
            catch (UnauthorizedAccessException) { }
        };
        return s_root = root;
    }

    private static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        File.SetUnixFileMode(destination, WorldReadableFolder);
        foreach (string file in Directory.EnumerateFiles(source))
        {
            string target = Path.Combine(destination, Path.GetFileName(file));
            File.Copy(file, target);
            File.SetUnixFileMode(target, WorldReadableFile);
        }
        foreach (string folder in Directory.EnumerateDirectories(source))
        {
            // xunit's results land beside the test assembly and change while the tests run: not part of the program.
            if (Path.GetFileName(folder) == "TestResults") continue;
            CopyFolder(folder, Path.Combine(destination, Path.GetFileName(folder)));
        }
    }

    /// <summary>Null when nobody can run the host (`dotnet --list-runtimes`), else why not (checked once).</summary>
    private static string? HostProblem()
    {
        lock (Gate)
        {
            if (s_hostChecked) return s_hostProblem;
            s_hostChecked = true;
            var info = new ProcessStartInfo(DropPrivileges(0)[0])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in DropPrivileges(0).Skip(1)) info.ArgumentList.Add(arg);
            info.ArgumentList.Add(DotnetHost);
            info.ArgumentList.Add("--list-runtimes");
            using Process process = Process.Start(info)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                return s_hostProblem = "user nobody could not start the dotnet host within 120 s";
            }
            process.WaitForExit();
            if (process.ExitCode != 0 || !stdout.Result.Contains("Microsoft.NETCore.App", StringComparison.Ordinal))
                s_hostProblem = $"user nobody cannot run the dotnet host {DotnetHost} (exit {process.ExitCode}): install the .NET SDK " +
                    $"where every user can read it (e.g. /usr/share/dotnet). {stderr.Result.Trim()}";
            return s_hostProblem;
        }
    }
}
