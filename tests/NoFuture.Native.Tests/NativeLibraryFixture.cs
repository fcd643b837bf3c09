// Builds what the C ABI tests run, once per test run: libnofuture.so (dotnet publish of src/NoFuture.Native,
// NativeAOT) and the scenario program (gcc -fsanitize=address,undefined against it).
using System.Diagnostics;
using System.Text;

// One fixture for the whole assembly: the scenario and vector test classes share one published library (two class
// fixtures would publish into the same folder at once, replacing the library under running processes).
[assembly: AssemblyFixture(typeof(NoFuture.Native.Tests.NativeLibraryFixture))]

namespace NoFuture.Native.Tests;

public sealed class NativeLibraryFixture : IDisposable
{
    public NativeLibraryFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        OutputDirectory = Path.Combine(AppContext.BaseDirectory, "native");
        if (Directory.Exists(OutputDirectory)) Directory.Delete(OutputDirectory, recursive: true);
        Directory.CreateDirectory(OutputDirectory);

        string project = Path.Combine(RepositoryRoot, "src", "NoFuture.Native", "NoFuture.Native.csproj");
        Run(DotnetHost, ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", OutputDirectory, "-nologo"], 600, clearMsBuild: true);
        Library = Path.Combine(OutputDirectory, "libnofuture.so");
        if (!File.Exists(Library)) throw new InvalidOperationException($"dotnet publish produced no {Library}");
        // What the program records as DT_NEEDED is the SONAME, as for an installed library: publish links
        // libnofuture.so.0 to it (target WritePkgConfig, with nofuture.pc and include/).
        if (!File.Exists(Path.Combine(OutputDirectory, "libnofuture.so.0")))
            throw new InvalidOperationException("dotnet publish made no libnofuture.so.0 link");

        Program = Path.Combine(OutputDirectory, "scenarios");
        var args = new List<string>
        {
            "-std=c99", "-O1", "-g", "-Wall", "-Wextra", "-Werror", "-fsanitize=address,undefined",
            "-fno-sanitize-recover=undefined", "-fno-omit-frame-pointer",
            "-I", Path.Combine(RepositoryRoot, "include"), "-o", Program,
        };
        args.AddRange(Directory.GetFiles(Path.Combine(RepositoryRoot, "tests", "NoFuture.Native.Tests", "c"), "*.c"));
        args.AddRange(["-L", OutputDirectory, "-lnofuture", "-Wl,-rpath," + OutputDirectory, "-lpthread"]);
        Run("gcc", args, 120);
    }

    public string RepositoryRoot { get; }
    public string OutputDirectory { get; }
    public string Library { get; }
    public string Program { get; }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// Runs a scenario. libnofuture.so is not instrumented, so ASan sees only the C side; canaries around every
    /// output buffer catch writes past it. detect_leaks=0: LeakSanitizer would report the .NET runtime's
    /// process-lifetime allocations. Death scenarios re-execute the program with handle_segv=0 themselves.
    /// </summary>
    public ProcessResult RunScenario(string name) =>
        Run(Program, [name], 120, environment: new Dictionary<string, string>
        {
            ["ASAN_OPTIONS"] = "detect_leaks=0:abort_on_error=0",
            ["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1",
        }, check: false);

    public static ProcessResult Run(string file, IEnumerable<string> arguments, int timeoutSeconds,
        IDictionary<string, string>? environment = null, bool clearMsBuild = false, bool check = true,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        if (clearMsBuild)
        {
            // The test host may run under variables set by the outer `dotnet test`; the child build starts clean.
            foreach (string key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                         || k is "MSBUILD_EXE_PATH" or "DOTNET_HOST_PATH" or "VSTEST_HOST_DEBUG").ToList())
                info.Environment.Remove(key);
        }
        if (environment is not null)
            foreach ((string key, string value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in {timeoutSeconds} s.\n{output}\n{error}");
        }
        process.WaitForExit();
        var result = new ProcessResult(process.ExitCode, output.ToString(), error.ToString());
        if (check && result.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}\n{result.Error}");
        return result;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NoFuture.slnx"))) return dir.FullName;
        throw new InvalidOperationException("NoFuture.slnx not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
    }
}
