using NoFuture.Memory.Tests.Support;

namespace NoFuture.Memory.Tests.Isolated;

public class LeaseCopyTests
{
    /// <summary>
    /// A copy of a guarded secret's lease disposed after the lease itself, then the secret disposed: the other open
    /// lease still reads the bytes (the region stays mapped), and Dispose still frees every secret whose lease
    /// copies were disposed twice.
    /// </summary>
    [Fact]
    public void DoubleDisposedLeaseCopiesNeitherUnmapUnderALeaseNorLeakTheSecret()
    {
        ProbeResult r = Probe.Run("lease-copies");
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.All}");
        Assert.Equal("True", r.Value("intactUnderLease"));
        Assert.Equal(0, r.Number("livePooled"));
        Assert.Equal(0, r.Number("liveGuarded"));
    }
}
