// No session secret outside secret memory mid-conversation, the identity key sealed while idle, and nothing anywhere
// after Dispose: see tests/NoFuture.Sessions.Probe/SessionLeakScanScenario.cs.
using NoFuture.Tests.Shared;

namespace NoFuture.Sessions.Tests;

public class SessionLeakScanTests
{
    [Fact]
    public void LiveConversation_LeavesNoSecretOutsideSecretMemory_AndNoneAnywhereAfterDispose()
    {
        ProbeResult r = ChildProbe.Run("NoFuture.Sessions.Probe", "leakscan-sessions", timeoutSeconds: 300);
        Assert.True(r.ExitCode == 0, r.All);
        // The conversation went far enough: several SPQR epochs on both sides, each epoch secret seen once.
        Assert.True(r.Number("messages") >= 800, r.All);
        Assert.True(r.Number("spqrEpochsAlice") >= 4 && r.Number("spqrEpochsBob") >= 4, r.All);
        Assert.True(r.Number("epochSecrets") >= 4, r.All);
        Assert.True(r.Number("secrets") >= 5000, r.All);
        // Each encapsulation's ML-KEM shared secret K, computed by the probe, gives an epoch secret the session added.
        Assert.True(r.Number("kemSecrets") >= 4, r.All);
        Assert.Equal(r.Number("kemSecrets"), r.Number("kemSecretsVerified"));
        Assert.True(r.Number("lastTags") >= 10, r.All);
        // Positive control: every secret alive at the scan is found in the pools at least once.
        Assert.True(r.Number("liveInsidePools") >= r.Number("live"), r.All);
        // Leaking control: a secret copied to the GC heap on purpose is found.
        Assert.True(r.Number("leakControlOutsidePools") >= 1, r.All);
        Assert.Equal(0, r.Number("outsidePools"));
        Assert.Equal(0, r.Number("lastMessagesOutsidePools"));
        // The identity private key is sealed in an enclave while idle: not in plaintext anywhere, secret memory included.
        Assert.Equal(0, r.Number("identityKeyAnywhere"));
        Assert.Equal(0, r.Number("consumedPreKeyAnywhere"));
        Assert.Equal(0, r.Number("afterDisposeAnywhere"));
    }
}
