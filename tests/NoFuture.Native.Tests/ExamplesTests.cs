// The examples of the C ABI, built and run against the library the fixture publishes: examples/c through its
// Makefile and the nofuture.pc that publish writes, and examples/go (the cgo wrapper) through `go test -race`.
namespace NoFuture.Native.Tests;

public sealed class ExamplesTests(NativeLibraryFixture native)
{
    /// <summary>Publish made a usable prefix: nofuture.pc (version = NF_VERSION), include/nofuture.h, the SONAME link.</summary>
    [Fact]
    public void CExampleBuildsThroughPkgConfigAndRuns()
    {
        string build = Directory.CreateTempSubdirectory("nofuture-c-example-").FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["PKG_CONFIG_PATH"] = native.OutputDirectory };
            ProcessResult version = NativeLibraryFixture.Run("pkg-config", ["--modversion", "nofuture"], 60, environment);
            string expected = HeaderVersion(native.RepositoryRoot);
            Assert.Equal(expected, version.Output.Trim());
            NativeLibraryFixture.Run("make", ["-C", Path.Combine(native.RepositoryRoot, "examples", "c"),
                "NOFUTURE=" + native.OutputDirectory, "BUILD=" + build], 120);
            ProcessResult run = NativeLibraryFixture.Run(Path.Combine(build, "example"), [], 60);
            Assert.Contains("libnofuture " + expected, run.Output, StringComparison.Ordinal);
            Assert.Contains("enclave round trip: same bytes", run.Output, StringComparison.Ordinal);
            Assert.Contains("ML-KEM-768 shared secrets: agree", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(build, recursive: true);
        }
    }

    /// <summary>
    /// examples/go's tests (the C scenarios through cgo, then 64 goroutines sharing one secret and one enclave for
    /// 10 s) under the race detector. Without `go` the test is skipped, except under CI=true, where it fails: CI
    /// installs golang-go (.ci/run). Offline: no module is downloaded (GOPROXY=off; the module has no dependency).
    /// </summary>
    [Fact]
    public void GoWrapperTestsPassUnderTheRaceDetector()
    {
        string? go = FindGo();
        if (go is null)
        {
            const string Reason = "`go` is not installed (apt-get install golang-go); examples/go was not tested";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail(Reason + ", and CI=true requires it");
            Assert.Skip(Reason);
        }
        // Go's build cache and GOPATH in the test's output folder: writable, kept between runs (a cold race build of
        // the standard library takes a minute on a loaded machine).
        string work = Path.Combine(AppContext.BaseDirectory, "go");
        Directory.CreateDirectory(work);
        var environment = new Dictionary<string, string>
        {
            ["GOCACHE"] = Path.Combine(work, "cache"),
            ["GOPATH"] = Path.Combine(work, "path"),
            ["GOMODCACHE"] = Path.Combine(work, "path", "pkg", "mod"),
            ["GOTMPDIR"] = "",
            ["GOENV"] = "off",
            ["GOFLAGS"] = "",
            ["GOPROXY"] = "off",
            ["GOTOOLCHAIN"] = "local",
            ["GOWORK"] = "off",
            ["CGO_ENABLED"] = "1",
            ["CGO_LDFLAGS"] = $"-L{native.OutputDirectory} -Wl,-rpath,{native.OutputDirectory}",
            ["NOFUTURE_GO_STRESS_SECONDS"] = "10",
        };
        ProcessResult result = NativeLibraryFixture.Run(go, ["test", "-race", "-count=1", "-timeout=300s", "-v", "./..."], 600,
            environment, check: false, workingDirectory: Path.Combine(native.RepositoryRoot, "examples", "go"));
        Assert.True(result.ExitCode == 0, $"go test -race exited with {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.Contains("--- PASS: TestSharedHandlesUnderContention", result.Output, StringComparison.Ordinal);
        // Nothing skipped but the benchmark (TestBenchMedians runs only when asked to).
        Assert.Equal(["--- SKIP: TestBenchMedians"], result.Output.Split('\n').Select(line => line.Trim())
            .Where(line => line.StartsWith("--- SKIP", StringComparison.Ordinal)).Select(line => line.Split(' ')[0..3])
            .Select(parts => string.Join(' ', parts)));
    }

    /// <summary>`go` from NOFUTURE_GO when set (a path; one that does not exist counts as missing), else from PATH.</summary>
    private static string? FindGo()
    {
        if (Environment.GetEnvironmentVariable("NOFUTURE_GO") is { Length: > 0 } chosen)
            return File.Exists(chosen) ? chosen : null;
        IEnumerable<string> path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Select(dir => Path.Combine(dir, "go"))
            .Concat(["/usr/lib/go/bin/go", "/usr/local/go/bin/go"])
            .FirstOrDefault(File.Exists);
    }

    // NF_VERSION (0x00MMmmpp) of include/nofuture.h as "M.m.p": what publish writes into nofuture.pc and what the
    // library reports.
    private static string HeaderVersion(string repositoryRoot)
    {
        string header = File.ReadAllText(Path.Combine(repositoryRoot, "include", "nofuture.h"));
        System.Text.RegularExpressions.Match m = System.Text.RegularExpressions.Regex.Match(header, @"#define NF_VERSION 0x([0-9A-Fa-f]{8})u");
        Assert.True(m.Success, "nofuture.h defines no NF_VERSION");
        uint v = uint.Parse(m.Groups[1].Value, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        return $"{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}.{v & 0xFF}";
    }
}
