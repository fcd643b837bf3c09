// SecureMemory.Purge reaches Argon2's memory matrix (SecretScratch): see tests/NoFuture.Crypto.Probe/Argon2PurgeScenario.cs.
// In a child process, because Purge is process-wide.
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Isolated;

public class Argon2PurgeTests
{
    [Fact]
    public void Purge_WipesLiveScratch_AndVoidsTheDerivationRunningOnIt()
    {
        ProbeResult r = ChildProbe.Run("NoFuture.Crypto.Probe", "argon2-purge", timeoutSeconds: 300);
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Equal(1, r.Number("scratchZeroed"));
        Assert.Equal(1, r.Number("scratchWasPurged"));
        Assert.Equal(1, r.Number("freshNotPurged"));
        Assert.Contains("argon2Outcome=ObjectDisposedException", r.Output, StringComparison.Ordinal);
        Assert.Equal(1, r.Number("argon2OutputZero"));
        Assert.Equal(1, r.Number("argon2AfterPurgeMatches"));
    }
}
