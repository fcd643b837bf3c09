// XEdDSA verification allocates nothing on the managed heap (session establishment verifies two bundle signatures),
// and still accepts exactly what it accepted: good signatures, an empty message, and not a signature of another
// message or key.
namespace NoFuture.Crypto.Tests.Signal;

public sealed class XEdDsaVerifyAllocationTests
{
    [Fact]
    public void Verify_AllocatesNothing()
    {
        using X25519PrivateKey key = X25519PrivateKey.Generate();
        byte[] message = "bundle prekey"u8.ToArray();
        byte[] signature = new byte[XEdDsa.SignatureSizeInBytes];
        XEdDsa.Sign(key, message, signature);
        byte[] publicKey = key.PublicKey.ToArray();
        Assert.True(XEdDsa.Verify(publicKey, message, signature)); // warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool all = true;
        for (int i = 0; i < 20; i++) all &= XEdDsa.Verify(publicKey, message, signature);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(all);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Verify_EmptyMessageAndMismatches()
    {
        using X25519PrivateKey key = X25519PrivateKey.Generate();
        using X25519PrivateKey other = X25519PrivateKey.Generate();
        byte[] signature = new byte[XEdDsa.SignatureSizeInBytes];
        XEdDsa.Sign(key, default, signature);
        Assert.True(XEdDsa.Verify(key.PublicKey, default, signature));
        Assert.False(XEdDsa.Verify(key.PublicKey, [0], signature));
        Assert.False(XEdDsa.Verify(other.PublicKey, default, signature));
    }
}
