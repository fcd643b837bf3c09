// Forward secrecy and post-compromise security of the classical ratchet (Double Ratchet specification, sections 1 and
// 6.5), over the SPQR stand-in: a thief holding a full copy of Bob's state (an exported record) can read what is sent
// to Bob until the ratchet turns, and nothing after Bob's reply and Alice's next message (a DH ratchet step with keys
// the thief never saw). An old message's key is gone once used.
using NoFuture.Memory;
using static NoFuture.Sessions.Tests.SessionPair;

namespace NoFuture.Sessions.Tests;

public class PostCompromiseTests
{
    [Fact]
    public void StolenState_StopsDecrypting_AfterTheRatchetTurns()
    {
        using var pair = new SessionPair();
        Assert.Equal("r", Decrypt(pair.Alice, pair.Bob.Encrypt("r"u8)));
        using Secret stolen = pair.Bob.Export();
        using QuantumSession thief = QuantumSession.Import(stolen);

        byte[] beforeTurn = pair.Alice.Encrypt("before"u8);
        Assert.Equal("before", Decrypt(thief, beforeTurn)); // the same chain: the copy can read it
        Assert.Equal("before", Decrypt(pair.Bob, beforeTurn));

        // Bob replies (a new ratchet key of Bob's), Alice answers (a new ratchet key of Alice's): a full turn.
        Assert.Equal("turn", Decrypt(pair.Alice, pair.Bob.Encrypt("turn"u8)));
        byte[] afterTurn = pair.Alice.Encrypt("after"u8);
        Assert.Equal("after", Decrypt(pair.Bob, afterTurn));
        Assert.Equal(SessionError.BadMac, Assert.Throws<SessionException>(() => thief.Decrypt(afterTurn)).Reason);
    }

    [Fact]
    public void UsedMessageKey_IsGone()
    {
        using var pair = new SessionPair();
        byte[] m = pair.Alice.Encrypt("once"u8);
        Assert.Equal("once", Decrypt(pair.Bob, m));
        using Secret record = pair.Bob.Export();
        using QuantumSession later = QuantumSession.Import(record);
        Assert.Equal(SessionError.Duplicate, Assert.Throws<SessionException>(() => later.Decrypt(m)).Reason);
    }
}
