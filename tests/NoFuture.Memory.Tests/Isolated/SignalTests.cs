using NoFuture.Memory.Tests.Support;

namespace NoFuture.Memory.Tests.Isolated;

public class SignalTests
{
    [Fact]
    public async Task SigtermPurgesThenExitsWithTheConventionalStatus()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"nofuture-purge-{Guid.NewGuid():N}");
        using System.Diagnostics.Process child = Probe.StartInteractive($"sigterm \"{marker}\"");
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? line = await child.StandardOutput.ReadLineAsync(cts.Token);
            Assert.Equal("ready", line);
            Assert.Equal(0, kill(child.Id, 15));
            await child.WaitForExitAsync(cts.Token);
            Assert.Equal(128 + 15, child.ExitCode);
            Assert.True(File.Exists(marker), "the purge callback did not run");
            Assert.Equal("signal=SIGTERM wiped=True disposed=True", File.ReadAllText(marker));
        }
        finally
        {
            if (!child.HasExited) child.Kill();
            File.Delete(marker);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int kill(int pid, int signal);
}
