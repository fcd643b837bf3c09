// The receive path of a message that only adds a chunk (the common case) allocates nothing on the managed heap:
// parsing points into the message, the chain key is written into the caller's span.
using NoFuture.Sessions.Spqr;
using static NoFuture.Sessions.Tests.Spqr.SpqrPair;

namespace NoFuture.Sessions.Tests.Spqr;

public sealed class SpqrAllocationTests
{
    [Fact]
    public void ReceivingAChunkAllocatesNothing()
    {
        using var p = new SpqrPair();
        // A sends its header, B answers with ct1 chunks: then A sends ek chunks (36 needed) that B collects.
        for (int i = 0; i < 6; i++)
        {
            Exchange(p.A, p.B);
            Exchange(p.B, p.A);
        }
        Assert.Equal(SpqrBraidState.HeaderSent, p.A.Braid.State);
        Assert.Equal(SpqrBraidState.Ct1Sampled, p.B.Braid.State);
        var messages = new List<byte[]>();
        for (int i = 0; i < 10; i++) messages.Add(Send(p.A).Message);
        byte[] key = new byte[32];
        p.B.Recv(messages[0], key); // warm-up (JIT, lazily created statics)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < messages.Count; i++) p.B.Recv(messages[i], key);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(SpqrBraidState.Ct1Sampled, p.B.Braid.State);
        Assert.Equal(0, allocated);
    }
}
