// Memory-limit tests run as user nobody with a real RLIMIT_MEMLOCK: root bypasses the limit, so a test run
// as root would pass for the wrong reason.
using NoFuture.Memory.Tests.Support;

namespace NoFuture.Memory.Tests.Isolated;

public class CapacityTests
{
    private const long KiB = 1024;

    [Fact]
    public void SixtyFourKiBHoldsAThousandLockedSecrets()
    {
        ProbeResult r = RunAsNobody("capacity 1000 strict", 64 * KiB);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(1000, r.Number("allocated"));
        Assert.Equal(0, r.Number("unlocked"));
        Assert.Equal(64 * KiB, r.Number("memlockLimit"));
        AssertLockedAndFewMappings(r, 1000);
    }

    [Fact]
    public void EightMiBHoldsAHundredThousandLockedSecrets()
    {
        ProbeResult r = RunAsNobody("capacity 100000 strict", 8192 * KiB);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(100_000, r.Number("allocated"));
        Assert.Equal(0, r.Number("unlocked"));
        AssertLockedAndFewMappings(r, 100_000);
    }

    [Fact]
    public void StrictThrowsTheTypedExceptionWithTheNumbersPastTheBudget()
    {
        ProbeResult r = RunAsNobody("capacity 5000 strict", 64 * KiB);
        Assert.Equal(0, r.ExitCode); // no crash: the exception is catchable
        Assert.Equal("1", r.Value("refused"));
        Assert.Equal("Locked", r.Value("refusedProtection"));
        Assert.True(r.Number("refusedRequested") >= 4096);
        Assert.Equal(0, r.Number("refusedAvailable"));
        Assert.Contains("RLIMIT_MEMLOCK", r.Value("refusedMessage"), StringComparison.Ordinal);
        Assert.InRange(r.Number("allocated"), 1000, 4999);
        Assert.Equal(0, r.Number("unlocked")); // nothing weaker than reported was handed out
        Assert.Equal(0, r.Number("corrupted"));
        Assert.Equal(0, r.Number("liveAfterDispose"));
    }

    [Fact]
    public void BestEffortDegradesAndReportsPastTheBudget()
    {
        ProbeResult r = RunAsNobody("capacity 5000 besteffort", 64 * KiB);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(5000, r.Number("allocated"));
        Assert.True(r.Number("unlocked") > 0, "some secrets must be reported unlocked");
        Assert.True(r.Number("degradedEvents") > 0, "the ProtectionDegraded event must fire");
        Assert.Equal(r.Number("degradedEvents"), r.Number("refusals"));
        Assert.Equal(64 * KiB, r.Number("lockedBytes"));
        Assert.Equal(0, r.Number("corrupted"));
        Assert.Equal(0, r.Number("liveAfterDispose"));
    }

    private static void AssertLockedAndFewMappings(ProbeResult r, int secrets)
    {
        long lockedKiB = r.Number("vmLckKiB");
        Assert.True(lockedKiB * KiB >= secrets * 48L, $"VmLck {lockedKiB} kB is too small for {secrets} locked 48-byte slots");
        Assert.True(lockedKiB * KiB >= r.Number("lockedBytes"), "the kernel must have locked what we account as locked");
        Assert.True(r.Number("mappings") < r.Number("maxMapCount") / 100,
            $"{r.Number("mappings")} mappings is not under 1% of vm.max_map_count");
        Assert.Equal(0, r.Number("corrupted"));
        Assert.Equal(0, r.Number("liveAfterDispose"));
    }

    private static ProbeResult RunAsNobody(string arguments, long memlock)
    {
        if (!Probe.IsRoot) Assert.Skip("Dropping privileges needs root; run the tests as root (as CI does).");
        return Probe.RunUnprivileged(arguments, memlock);
    }
}
