// Public HPKE inputs (info, psk_id, exporter_context) must not spend the memory-lock budget, and a long ikm is read in
// place rather than copied into locked memory: see
// tests/NoFuture.Crypto.Probe/HpkePublicInputScenario.cs. Run as user nobody with a real 64 KiB RLIMIT_MEMLOCK, since
// root bypasses the limit and would pass for the wrong reason (docs/architecture.md, "Probes").
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Hpke;

public class HpkePublicInputMemlockTests
{
    private const long Memlock = 64 * 1024;

    [Fact]
    public void LongPublicInputs_WorkUnderA64KiBMemlockLimit_ForEveryKdfFamily()
    {
        if (!ChildProbe.IsRoot) Assert.Skip("Dropping privileges needs root; run the tests as root (as CI does).");
        ProbeResult r = ChildProbe.RunUnprivileged("NoFuture.Crypto.Probe", "hpke-public-inputs", Memlock, timeoutSeconds: 300);
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Equal(Memlock, r.Number("memlockLimit"));
        Assert.DoesNotContain("failed=", r.Output, StringComparison.Ordinal);
        foreach (string kdf in new[] { "HKDF-SHA256", "HKDF-SHA512", "SHAKE128", "SHAKE256", "TurboSHAKE128", "TurboSHAKE256" })
            Assert.Contains($"ok={kdf}\n", r.Output, StringComparison.Ordinal);
        foreach (string kem in new[] { "DHKEM(X25519, HKDF-SHA256)", "DHKEM(P-256, HKDF-SHA256)", "MLKEM768-X25519" })
            Assert.Contains($"ok=DeriveKeyPair {kem}\n", r.Output, StringComparison.Ordinal);
    }
}
