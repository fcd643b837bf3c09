// No MLS secret on the GC heap for the key schedule, the secret tree and message protection: see
// tests/NoFuture.Mls.Probe/MlsLeakScanScenario.cs.
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.Framing;

public class MlsLeakScanTests
{
    // Per suite: init, commit and PSK secrets, the exported secret and the 11 epoch secrets (15), then for each of
    // 2 sender leaves × 3 messages × 3 kinds the content key and nonce and the sender-data key and nonce (72), and the
    // application data of the 2 × 3 application messages (6).
    private const int Suites = 3, PrivateMessages = Suites * 2 * 3 * 3,
        Secrets = Suites * (15 + (PrivateMessages / Suites * 4) + (2 * 3));

    [Fact]
    public void KeyScheduleSecretTreeAndMessageProtection_LeaveNoSecretOutsideSecretMemory()
    {
        ProbeResult r = ChildProbe.Run("NoFuture.Mls.Probe", "leakscan-mls", timeoutSeconds: 300);
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Equal(Suites, r.Number("suites"));
        Assert.Equal(PrivateMessages, r.Number("privateMessages"));
        Assert.Equal(Suites * 2 * 3 * 2, r.Number("publicMessages"));
        Assert.Equal(Secrets, r.Number("secrets"));
        // Positive control: every tagged secret is still alive, so each is found in the pools at least once.
        Assert.True(r.Number("insidePools") >= Secrets, r.All);
        Assert.Equal(0, r.Number("outsidePools"));
    }
}
