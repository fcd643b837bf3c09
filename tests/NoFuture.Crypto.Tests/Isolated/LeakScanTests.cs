// No secret on the GC heap: see tests/NoFuture.Crypto.Probe/LeakScanScenario.cs.
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Isolated;

public class LeakScanTests
{
    [Fact]
    public void SecretsOfEveryKeyTypeAreFoundOnlyInSecretMemory()
    {
        ProbeResult r = ChildProbe.Run("NoFuture.Crypto.Probe", "leakscan", timeoutSeconds: 300);
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Equal(150, r.Number("secrets"));
        // Positive control: the 15 keys kept alive hold d and z (seed) and s-hat and z (expanded key) in the pools.
        Assert.Equal(15 * 4, r.Number("insidePools"));
        Assert.Equal(0, r.Number("outsidePools"));
        Assert.Equal(20, r.Number("xwingSecrets"));
        Assert.Equal(0, r.Number("xwingOutsidePools"));
        // Argon2: 9 derivations, password (two windows), secret and output each.
        Assert.Equal(9 * 4, r.Number("argon2Secrets"));
        Assert.Equal(0, r.Number("argon2OutsidePools"));
        // X448 (two scalars and the shared secret) and Ed448 (seed and prefix), 10 rounds each.
        Assert.Equal(10 * 5, r.Number("curve448Secrets"));
        Assert.Equal(0, r.Number("curve448OutsidePools"));
        // P-256/384/521 (ECDSA SigningKey, then ECDH with the same d, through the BCL): d (two windows) and the ECDH
        // result, 9 rounds.
        Assert.Equal(9 * 3, r.Number("ecSecrets"));
        Assert.Equal(0, r.Number("ecOutsidePools"));
        // Ed25519 SigningKey (libsodium): the seed and two windows of SHA-512(seed), 10 rounds.
        Assert.Equal(10 * 3, r.Number("ed25519Secrets"));
        Assert.Equal(0, r.Number("ed25519OutsidePools"));
    }
}
