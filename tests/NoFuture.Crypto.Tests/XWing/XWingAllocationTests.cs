// X-Wing with the expanded key cached: the span forms of encapsulation and decapsulation allocate nothing on the
// managed heap (no secret can land there, and no GC pressure per operation).
using NoFuture.Crypto.XWing;

namespace NoFuture.Crypto.Tests.XWing;

public class XWingAllocationTests
{
    [Fact]
    public void SpanOperations_AllocateNothingOnTheManagedHeap()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        byte[] pk = key.PublicKey.ToArray(), ct = new byte[XWingKem.CiphertextSizeInBytes], ss = new byte[32], ss2 = new byte[32];
        // Warm up (JIT, libsodium init, secret-memory first touch).
        XWingKem.Encapsulate(pk, ct, ss);
        key.Decapsulate(ct, ss2);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            XWingKem.Encapsulate(pk, ct, ss);
            key.Decapsulate(ct, ss2);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(ss, ss2);
    }
}
