using NoFuture.Memory.Tests.Support;

namespace NoFuture.Memory.Tests.Isolated;

public class HardeningTests
{
    [Fact]
    public void HardenProcessDisablesCoreDumpsAndDumpability()
    {
        ProbeResult r = Probe.Run("harden");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("0", r.Value("dumpable"));
        Assert.Equal("0", r.Value("coreLimit"));
    }

    [Fact]
    public void LockAllMemoryLocksNewPagesAsTheyAreTouched()
    {
        if (!Probe.IsRoot) Assert.Skip("Locking a whole process needs CAP_IPC_LOCK; run the tests as root (as CI does).");
        ProbeResult r = Probe.Run("lockall");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("ok", r.Value("lockAll"));
        Assert.True(r.Number("vmLckKiB") >= 1024, "the 1 MiB array touched after mlockall must be locked");
    }

    [Fact]
    public void LockAllMemoryUnderASmallLimitThrowsTheTypedException()
    {
        if (!Probe.IsRoot) Assert.Skip("Dropping privileges needs root; run the tests as root (as CI does).");
        ProbeResult r = Probe.RunUnprivileged("lockall", 64 * 1024);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("refused protection=Locked", r.Value("lockAll"), StringComparison.Ordinal);
    }
}
