// Death tests (docs/architecture.md, "Probes"): misuse of secret memory kills a child process, and how it died is
// asserted. The secrets hold "NFSECRET" repeated; it must not appear in anything the dying process prints.
using NoFuture.Memory.Tests.Support;

namespace NoFuture.Memory.Tests.Isolated;

public class DeathTests
{
    private const int SigSegv = 128 + 11;
    private const int SigAbrt = 128 + 6;

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(4096)]
    [InlineData(5000)]
    public void OneByteOverflowOfAGuardedBufferFaultsInNativeCode(int length)
    {
        ProbeResult r = Probe.Run($"native-overflow {length}");
        Assert.Equal(SigSegv, r.ExitCode);
        AssertNoSecret(r);
    }

    [Fact]
    public void OneByteUnderflowOfAPageMultipleGuardedBufferFaultsInNativeCode()
    {
        ProbeResult r = Probe.Run("native-underflow 4096");
        Assert.Equal(SigSegv, r.ExitCode);
        AssertNoSecret(r);
    }

    [Theory]
    [InlineData("overflow 100")]
    [InlineData("overflow 4096")]
    [InlineData("underflow 4096")]
    [InlineData("frozen-write")]
    [InlineData("noaccess-read")]
    public void ManagedAccessToAProtectedPageIsAFatalAccessViolation(string scenario)
    {
        // The kernel raises SIGSEGV; in managed code the runtime reports it as a fatal AccessViolationException
        // and aborts. Either way the process is gone before the next statement ("survived").
        ProbeResult r = Probe.Run(scenario);
        Assert.Equal(SigAbrt, r.ExitCode);
        Assert.Contains("AccessViolationException", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("survived", r.Output, StringComparison.Ordinal);
        AssertNoSecret(r);
    }

    [Theory]
    [InlineData("underflow 100")]
    [InlineData("underflow 4090")]
    [InlineData("arena-overflow")]
    [InlineData("arena-underflow")]
    public void ACorruptedCanaryIsDetectedOnFree(string scenario)
    {
        ProbeResult r = Probe.Run(scenario);
        Assert.Equal(SigAbrt, r.ExitCode);
        Assert.Contains("wrote; disposing", r.Output, StringComparison.Ordinal);
        Assert.Contains("canary mismatch", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("survived", r.Output, StringComparison.Ordinal);
        AssertNoSecret(r);
    }

    private static void AssertNoSecret(ProbeResult r)
    {
        Assert.DoesNotContain("NFSECRET", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("4E46534543524554", r.All, StringComparison.OrdinalIgnoreCase); // hex of it
    }
}
