// The test-time libsignal peer (docs/dependencies.md): @signalapp/libsignal-client (AGPL) is installed with npm, when
// a test first needs it, into a cache folder outside the repository (NOFUTURE_LIBSIGNAL_DIR, else
// ~/.cache/nofuture/libsignal-client-<version>), and driven by our own script peer/libsignal-peer.mjs over
// line-delimited JSON. Nothing of libsignal is committed or shipped. Without node or npm the test is skipped with the
// reason; under CI=true it fails instead, so the cross-checks cannot pass silently.
// Linked into every test project; one peer process per test process, requests serialized by a lock.
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NoFuture.Tests.Shared;

internal sealed class LibsignalPeer : IDisposable
{
    internal const string Version = "0.103.0";
    private const string Package = "@signalapp/libsignal-client";

    private static readonly Lock s_startLock = new();
    private static LibsignalPeer? s_shared;
    private static string? s_unavailable;

    private readonly Process _process;
    private readonly Lock _requestLock = new();

    private LibsignalPeer(Process process) => _process = process;

    /// <summary>The shared peer, started (and libsignal installed) on first use; skips the test when unavailable.</summary>
    internal static LibsignalPeer Get()
    {
        lock (s_startLock)
        {
            if (s_shared is null && s_unavailable is null)
            {
                try
                {
                    s_shared = Start();
                }
                catch (PeerUnavailableException e)
                {
                    s_unavailable = e.Message;
                }
            }
            if (s_shared is not null) return s_shared;
            if (Environment.GetEnvironmentVariable("CI") == "true")
                throw new InvalidOperationException($"libsignal peer unavailable under CI: {s_unavailable}");
            Assert.Skip($"libsignal peer unavailable: {s_unavailable}");
            return null!;
        }
    }

    /// <summary>Sends one command with byte-string arguments (base64 on the wire) and returns the reply.</summary>
    internal JsonObject Request(string command, params (string Name, byte[] Value)[] arguments)
    {
        var request = new JsonObject { ["cmd"] = command };
        foreach ((string name, byte[] value) in arguments) request[name] = Convert.ToBase64String(value);
        return Request(request);
    }

    /// <summary>Sends one command built by the caller (numbers and strings as JSON values, bytes as base64).</summary>
    internal JsonObject Request(JsonObject request)
    {
        string command = request["cmd"]!.GetValue<string>();
        lock (_requestLock)
        {
            _process.StandardInput.WriteLine(request.ToJsonString());
            _process.StandardInput.Flush();
            string? line = _process.StandardOutput.ReadLine()
                ?? throw new InvalidOperationException("libsignal peer exited: " + _process.StandardError.ReadToEnd());
            JsonObject reply = JsonNode.Parse(line)!.AsObject();
            if (reply["ok"]?.GetValue<bool>() != true)
                throw new InvalidOperationException($"libsignal peer failed {command}: {reply["error"]}");
            return reply;
        }
    }

    /// <summary>A base64 field of a reply as bytes.</summary>
    internal static byte[] Bytes(JsonObject reply, string name) => Convert.FromBase64String(reply[name]!.GetValue<string>());

    private static LibsignalPeer Start()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "peer", "libsignal-peer.mjs");
        if (!File.Exists(script)) throw new PeerUnavailableException($"{script} is missing from the test output");
        string directory = InstallDirectory();
        EnsureInstalled(directory);
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NOFUTURE_LIBSIGNAL_DIR"] = directory;
        Process process = RunOrUnavailable(start);
        var peer = new LibsignalPeer(process);
        string version = peer.Request("version")["version"]!.GetValue<string>();
        if (version != Version) throw new InvalidOperationException($"libsignal peer is {version}, expected {Version}");
        return peer;
    }

    private static string InstallDirectory()
    {
        string? configured = Environment.GetEnvironmentVariable("NOFUTURE_LIBSIGNAL_DIR");
        if (!string.IsNullOrEmpty(configured)) return configured;
        string? cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "nofuture", "libsignal-client-" + Version);
    }

    /// <summary>npm install, once per folder: a lock file keeps concurrent test processes from installing together.</summary>
    private static void EnsureInstalled(string directory)
    {
        Directory.CreateDirectory(directory);
        string installed = Path.Combine(directory, "node_modules", "@signalapp", "libsignal-client", "package.json");
        using var fileLock = new FileStream(Path.Combine(directory, ".install.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite,
            FileShare.None, 1, FileOptions.None);
        if (File.Exists(installed) && JsonNode.Parse(File.ReadAllText(installed))?["version"]?.GetValue<string>() == Version) return;
        File.WriteAllText(Path.Combine(directory, "package.json"), """{ "private": true, "description": "NoFuture test-time libsignal peer (not committed)" }""");
        // --ignore-scripts: the package ships prebuilt native modules; its install script only prints a hint.
        var start = new ProcessStartInfo("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", directory, $"{Package}@{Version}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process npm = RunOrUnavailable(start);
        Task<string> stdout = npm.StandardOutput.ReadToEndAsync(), stderr = npm.StandardError.ReadToEndAsync();
        if (!npm.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            npm.Kill(entireProcessTree: true);
            throw new PeerUnavailableException("npm install timed out");
        }
        if (npm.ExitCode != 0)
            throw new PeerUnavailableException($"npm install failed ({npm.ExitCode}): {stderr.Result}{stdout.Result}");
    }

    private static Process RunOrUnavailable(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new PeerUnavailableException($"{start.FileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PeerUnavailableException($"{start.FileName} not found ({e.Message})");
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10))) _process.Kill();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private sealed class PeerUnavailableException(string message) : Exception(message);
}
