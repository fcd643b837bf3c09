// SecureMemory.Purge reaches AeadKey: see tests/NoFuture.Crypto.Probe/AeadPurgeScenario.cs. In a child process,
// because Purge is process-wide. For AES-GCM the BCL keeps the key in an OpenSSL context; the
// purge wipes AeadKey's own copy (a Secret), and the next use refuses to work and frees that context (OpenSSL
// cleanses it), which the child sees by scanning its memory for the key. ChaCha20-Poly1305 and XChaCha20-Poly1305 are
// libsodium's, which reads our Secret: the scan finds no copy outside the pools at any point.
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Aead;

public class AeadKeyPurgeTests
{
    [Fact]
    public void AfterPurge_EveryAeadKeyRefusesToWork_AndTheOpenSslCopyIsFreedAtTheNextUse()
    {
        ProbeResult r = ChildProbe.Run("NoFuture.Crypto.Probe", "aead-purge", timeoutSeconds: 300);
        Assert.True(r.ExitCode == 0, r.All);
        foreach (string name in new[] { "aes128", "aes256", "chacha", "xchacha" })
        {
            foreach (string operation in new[] { "seal", "trySeal", "open", "sealArray" })
                Assert.True(r.Value($"{name}.{operation}") == "ObjectDisposedException", $"{name}.{operation}: {r.All}");
            Assert.Equal(1, r.Number($"{name}.untouched"));
            Assert.Equal("ok", r.Value($"{name}.disposeAfterPurge"));
            Assert.Equal(0, r.Number($"{name}.copiesAfterUse"));
        }
        foreach (string name in new[] { "aes128", "aes256" })
        {
            // The control: the scan does see OpenSSL's copy while the key is in use, and after the purge until the next use.
            Assert.True(r.Number($"{name}.copiesBefore") >= 1, $"{name}: the scan found no OpenSSL copy to begin with\n{r.All}");
            Assert.True(r.Number($"{name}.copiesAfterPurge") >= 1, $"{name}: {r.All}");
        }
        // libsodium works on our Secret: no copy outside the pools, before or after the purge.
        foreach (string name in new[] { "chacha", "xchacha" })
        {
            Assert.Equal(0, r.Number($"{name}.copiesBefore"));
            Assert.Equal(0, r.Number($"{name}.copiesAfterPurge"));
        }
        Assert.Equal("ObjectDisposedException", r.Value("oneShot"));
        Assert.Equal(1, r.Number("freshKeyWorks"));
    }
}
