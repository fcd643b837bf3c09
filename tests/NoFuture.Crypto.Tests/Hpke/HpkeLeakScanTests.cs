// No secret on the GC heap for HPKE seal/open: see tests/NoFuture.Crypto.Probe/HpkeLeakScanScenario.cs.
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Hpke;

public class HpkeLeakScanTests
{
    [Fact]
    public void HpkeSealOpenAndExport_LeaveNoSecretOutsideSecretMemory()
    {
        ProbeResult r = ChildProbe.Run("NoFuture.Crypto.Probe", "leakscan-hpke", timeoutSeconds: 300);
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Equal(4 * 6 * 7, r.Number("secrets"));
        // Positive control: every tagged secret is still alive, so each is found in the pools at least once.
        Assert.True(r.Number("insidePools") >= 4 * 6 * 7, r.All);
        Assert.Equal(0, r.Number("outsidePools"));
    }
}
