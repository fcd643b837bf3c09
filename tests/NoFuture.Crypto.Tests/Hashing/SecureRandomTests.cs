// SecureRandom (src/NoFuture.Crypto/Random): fills spans and secrets from the OS CSPRNG. Kept beside the hashing tests
// because the test folders of this worktree are Curves/Aead/Kdf/Hashing.
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Hashing;

public class SecureRandomTests
{
    [Fact]
    public void FillsSpansAndSecrets()
    {
        byte[] a = new byte[64], b = new byte[64];
        SecureRandom.Fill(a);
        SecureRandom.Fill(b);
        Assert.False(a.AsSpan().SequenceEqual(b));
        Assert.False(a.All(x => x == 0));

        using Secret s = Secret.Allocate(64);
        SecureRandom.Fill(s);
        Assert.False(s.FixedTimeEquals(new byte[64]));
        using Secret t = SecureRandom.CreateSecret(32);
        Assert.Equal(32, t.Length);
        Assert.False(t.FixedTimeEquals(new byte[32]));

        Secret disposed = Secret.Allocate(8);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => SecureRandom.Fill(disposed));
        Assert.Throws<ArgumentOutOfRangeException>(() => SecureRandom.CreateSecret(0));
    }
}
