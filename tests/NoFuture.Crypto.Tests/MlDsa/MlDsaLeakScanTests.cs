// No ML-DSA secret on the GC heap for key generation, signing and seed import: see
// tests/NoFuture.Crypto.Probe/MlDsaLeakScanScenario.cs.
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.MlDsa;

public class MlDsaLeakScanTests
{
    [Fact]
    public void KeyGenSignAndSeedImport_LeaveNoCopyOfXiKS1S2OrT0OutsideSecretMemory()
    {
        ProbeResult r = ChildProbe.Run("NoFuture.Crypto.Probe", "leakscan-mldsa", timeoutSeconds: 300);
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Equal(3 * 4 * 5, r.Number("secrets"));
        // Positive control: every tagged secret is still alive, so each is found in the pools at least once.
        Assert.True(r.Number("insidePools") >= 3 * 4 * 5, r.All);
        Assert.Equal(0, r.Number("outsidePools"));
    }
}
