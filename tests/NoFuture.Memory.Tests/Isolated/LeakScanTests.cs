// The leak scan (see tests/NoFuture.Memory.Probe/LeakScanScenario.cs): no copy of any tag outside the pools,
// no sealed tag anywhere in plaintext, nothing anywhere after purge.
using NoFuture.Memory.Tests.Support;

namespace NoFuture.Memory.Tests.Isolated;

public class LeakScanTests
{
    [Fact]
    public void TagsAreFoundOnlyInThePoolsAndNowhereAfterPurge()
    {
        ProbeResult r = Probe.Run("leakscan", timeoutSeconds: 300);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(500, r.Number("openInsidePools")); // the scanner finds what is there
        Assert.Equal(0, r.Number("openOutsidePools"));
        Assert.Equal(0, r.Number("sealedAnywhere"));
        Assert.Equal(0, r.Number("openAnywhereAfterPurge"));
        Assert.Equal(0, r.Number("sealedAnywhereAfterPurge"));
        Assert.Equal("True", r.Value("openedAfterPurgeThrows"));
        Assert.Equal("True", r.Value("enclaveAfterPurgeThrows"));
    }
}
