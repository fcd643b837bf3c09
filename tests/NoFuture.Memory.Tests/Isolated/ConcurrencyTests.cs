using NoFuture.Memory.Tests.Support;

namespace NoFuture.Memory.Tests.Isolated;

public class ConcurrencyTests
{
    /// <summary>8 threads allocate, write, read back and free for 10 s: no corruption, and live counts return to zero.</summary>
    [Fact]
    public void EightThreadsForTenSecondsCorruptNothingAndLeakNothing()
    {
        ProbeResult r = Probe.Run("concurrency 10");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(0, r.Number("errors"));
        Assert.True(r.Number("operations") > 10_000, $"only {r.Number("operations")} operations ran");
        Assert.Equal(0, r.Number("livePooled"));
        Assert.Equal(0, r.Number("liveGuarded"));
    }
}
