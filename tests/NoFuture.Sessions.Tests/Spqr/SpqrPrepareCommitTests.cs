// SPQR's two-phase receive (the session checks the Double Ratchet MAC between the halves): PrepareRecv changes
// nothing and gives the key Recv gives, for in-order, skipped and out-of-order keys and across completed epochs;
// CommitRecv then leaves the state exactly as Recv leaves a copy of it.
using NoFuture.Sessions.Spqr;
using static NoFuture.Sessions.Tests.Spqr.SpqrPair;

namespace NoFuture.Sessions.Tests.Spqr;

public sealed class SpqrPrepareCommitTests
{
    [Fact]
    public void PrepareChangesNothingAndCommitMatchesRecv()
    {
        using var p = new SpqrPair();
        var rng = new Random(7);
        for (int round = 0; round < 120; round++)
        {
            // A burst of 1-3 messages each way, delivered in a shuffled order (keys skipped, then taken from history).
            foreach ((SpqrState from, SpqrState to) in new[] { (p.A, p.B), (p.B, p.A) })
            {
                int n = 1 + rng.Next(3);
                var sent = new List<(byte[] Message, byte[] Key)>();
                for (int i = 0; i < n; i++) sent.Add(Send(from));
                foreach ((byte[] message, byte[] key) in sent.OrderBy(_ => rng.Next()))
                {
                    byte[] before = Export(to);
                    using SpqrState copy = to.Clone(); // receives with the one-phase Recv, for comparison
                    byte[] peeked = new byte[32], next = new byte[32];
                    Assert.True(to.PrepareRecv(message, peeked, next));
                    Assert.Equal(before, Export(to));
                    Assert.Equal(key, peeked);
                    to.CommitRecv(message, next);
                    Assert.Equal(key, Recv(copy, message));
                    Assert.Equal(Export(copy), Export(to));
                }
            }
        }
        Assert.True(p.A.EpochsCompleted >= 2, "the conversation completed SPQR epochs");
    }
}
