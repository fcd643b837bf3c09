// A passphrase typed at a real terminal (a pty driven by python3's pty module) is read without echo.
using System.Security.Cryptography;
using System.Text;
using NoFuture.Memory.Tests.Support;

namespace NoFuture.Memory.Tests.Isolated;

public class PassphraseTests
{
    private const string Driver = """
        import os, pty, sys, time
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp("dotnet", ["dotnet", sys.argv[1], "passphrase"])
        out = b""
        deadline = time.time() + 60
        while b"Passphrase: " not in out and time.time() < deadline:
            out += os.read(fd, 1024)
        time.sleep(0.3)
        os.write(fd, sys.argv[2].encode() + b"\n")
        while True:
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.waitpid(pid, 0)
        sys.stdout.write(out.decode("utf-8", "replace"))
        """;

    [Fact]
    public void APassphraseIsReadFromTheTerminalWithoutEcho()
    {
        if (!File.Exists("/usr/bin/python3")) Assert.Skip("python3 drives the pseudo-terminal; it is not installed.");
        const string passphrase = "correct horse battery staple ünïcode";
        string script = Path.Combine(Path.GetTempPath(), $"nofuture-pty-{Guid.NewGuid():N}.py");
        File.WriteAllText(script, Driver);
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3")
            {
                ArgumentList = { script, Probe.DllPath, passphrase },
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var p = System.Diagnostics.Process.Start(info)!;
            string terminal = p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(90_000));
            byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(passphrase));
            Assert.Contains($"length={Encoding.UTF8.GetByteCount(passphrase)} sha256={Convert.ToHexStringLower(expected)}", terminal, StringComparison.Ordinal);
            Assert.DoesNotContain("horse", terminal, StringComparison.Ordinal); // not echoed
        }
        finally
        {
            File.Delete(script);
        }
    }
}
