// Test helper: two SPQR states with the same auth key, A (initiator, A2B) and B (B2A).
using NoFuture.Sessions.Spqr;

namespace NoFuture.Sessions.Tests.Spqr;

internal sealed class SpqrPair : IDisposable
{
    internal static readonly byte[] AuthKey = Enumerable.Repeat((byte)41, 32).ToArray();

    internal SpqrPair(int maxJump = 0, int maxOoo = 0)
    {
        A = SpqrState.Create(SpqrDirection.A2B, AuthKey, maxJump, maxOoo);
        B = SpqrState.Create(SpqrDirection.B2A, AuthKey, maxJump, maxOoo);
    }

    internal SpqrState A { get; set; }

    internal SpqrState B { get; set; }

    internal static (byte[] Message, byte[] Key) Send(SpqrState s)
    {
        byte[] key = new byte[32];
        byte[] msg = s.Send(key, out bool hasKey);
        Assert.True(hasKey);
        return (msg, key);
    }

    internal static byte[] Recv(SpqrState s, byte[] message)
    {
        byte[] key = new byte[32];
        Assert.True(s.Recv(message, key));
        return key;
    }

    /// <summary>Sends from one side and receives on the other, asserting the keys agree.</summary>
    internal static void Exchange(SpqrState from, SpqrState to)
    {
        (byte[] msg, byte[] key) = Send(from);
        Assert.Equal(key, Recv(to, msg));
    }

    internal static byte[] Export(SpqrState s)
    {
        byte[] b = new byte[s.ExportedLength];
        s.Export(b);
        return b;
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
