// The scenario program's "vectors" mode (c/scenarios.c, s_vectors) as a child process: one command line in, one
// answer line out ("ok <hex>...", or "ok ... err <status>"). The C ABI runs in that child; the managed API runs in the test
// process. They never share a process: libnofuture.so carries its own NativeAOT runtime and its own copy of
// NoFuture.Memory's process-wide state (signal handlers, policy, purge), which would clash with the test host's.
using System.Diagnostics;

namespace NoFuture.Native.Tests;

internal sealed class VectorDriver : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _error;

    internal VectorDriver(string program)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("vectors");
        info.Environment["ASAN_OPTIONS"] = "detect_leaks=0";
        _process = Process.Start(info)!;
        _error = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>Sends one command; returns the answer's words after "ok", or null with the status for "err".</summary>
    internal byte[][]? Ask(out int status, string command, params object[] arguments)
    {
        string line = command + " " + string.Join(' ', arguments.Select(Word));
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
        string? answer = _process.StandardOutput.ReadLine();
        Assert.True(answer is not null && answer.StartsWith("ok", StringComparison.Ordinal),
            $"the driver answered '{answer}' to '{command}'; stderr: {(_process.HasExited ? _error.Result : "")}");
        string[] words = answer.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int err = Array.IndexOf(words, "err");
        if (err >= 0)
        {
            status = int.Parse(words[err + 1], System.Globalization.CultureInfo.InvariantCulture);
            return null;
        }
        status = 0;
        return [.. words.Skip(1).Select(w => w == "-" ? [] : Convert.FromHexString(w))];
    }

    /// <summary>As <see cref="Ask(out int, string, object[])"/>, failing the test on an error status.</summary>
    internal byte[][] Ask(string command, params object[] arguments) =>
        Ask(out int status, command, arguments) ?? throw new Xunit.Sdk.XunitException($"{command} failed with status {status}");

    private static string Word(object argument) => argument switch
    {
        byte[] { Length: 0 } => "-",
        byte[] bytes => Convert.ToHexStringLower(bytes),
        ushort id => id.ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
        int number => number.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentException("unsupported argument", nameof(argument)),
    };

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(60_000)) _process.Kill(entireProcessTree: true);
        Assert.True(_process.ExitCode == 0, $"the driver exited with {_process.ExitCode}: {_error.Result}");
        _process.Dispose();
    }
}
