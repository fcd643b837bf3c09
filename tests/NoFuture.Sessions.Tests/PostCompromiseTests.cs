// Forward secrecy and post-compromise security (Double Ratchet specification, sections 1 and 6.5; the triple ratchet's
// SPQR, ML-KEM Braid specification): each ratchet heals a compromise on its own.
//
// 1. A realistic thief: a full copy of Bob's state (an exported record) reads what is sent to Bob until the DH ratchet
//    turns, and nothing after Bob's reply and Alice's next message (a DH step with a key pair the thief never saw).
// 2. The classical ratchet alone: a thief who holds the classical state copied at the theft but the *live* SPQR state at
//    every moment (as if ML-KEM offered nothing) still loses after one round trip: the failure is the DH ratchet's.
// 3. The post-quantum ratchet alone: a quantum adversary who breaks X25519 knows every classical secret of the live
//    session at all times (root, chain and ratchet keys: it can compute them from the public ratchet keys on the wire).
//    Modelled literally: to open a message to Bob it takes Bob's live state at that moment and swaps in its own SPQR
//    state, which is a copy made at the theft and evolved only by what the adversary can do itself: it receives every
//    message Alice sends (SpqrState.Recv, the braid's public chunks), and mirrors each message Bob sends with Send on
//    its copy, which draws the adversary's own randomness (it cannot reproduce Bob's ML-KEM key pairs or encapsulation
//    randomness, drawn after the theft). The message keys are HKDF(seed, salt = SPQR key) (Ratchet/RatchetKdf.cs), so
//    the adversary reads a message exactly when its SPQR key is right. With c = Bob's completed epochs at the theft, the
//    copy may still follow epoch c + 1 (its ML-KEM decapsulation seed or encapsulation state may be in the copy), but the
//    key pair of epoch c + 2 is sampled only after c + 1 completed on the sampling side, which needs Bob's messages after
//    the theft. Shown: the adversary reads Alice's first message after the theft (and the same twin with Bob's live SPQR
//    reads every message, so the only difference is SPQR), and reads no message whose SPQR key comes from epoch c + 2 or
//    later, by which time Bob's epoch counter has moved past c + 2.
// An old message's key is gone once used (forward secrecy).
using NoFuture.Memory;
using NoFuture.Sessions.Protocol;
using NoFuture.Sessions.Spqr;
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
    public void ClassicalRatchet_HealsAfterOneRoundTrip_EvenWhenTheLiveSpqrStateIsKnown()
    {
        using var pair = new SessionPair();
        Assert.Equal("r", Decrypt(pair.Alice, pair.Bob.Encrypt("r"u8)));
        using Secret stolen = pair.Bob.Export();
        using QuantumSession thief = QuantumSession.Import(stolen);

        byte[] beforeTurn = pair.Alice.Encrypt("before"u8);
        Assert.Equal("before", DecryptWithLiveSpqr(thief, pair.Bob, beforeTurn));
        Assert.Equal("before", Decrypt(pair.Bob, beforeTurn));

        Assert.Equal("turn", Decrypt(pair.Alice, pair.Bob.Encrypt("turn"u8)));
        byte[] afterTurn = pair.Alice.Encrypt("after"u8);
        Assert.Equal(SessionError.BadMac,
            Assert.Throws<SessionException>(() => DecryptWithLiveSpqr(thief, pair.Bob, afterTurn)).Reason);
        Assert.Equal("after", Decrypt(pair.Bob, afterTurn));
    }

    [Fact]
    public void PostQuantumRatchet_HealsOnceAnEpochWithAKeyPairMadeAfterTheTheftCompletes()
    {
        using var pair = new SessionPair();
        for (int i = 0; i < 150; i++) RoundTrip(pair, i); // theft mid-conversation, after SPQR epochs completed
        using SpqrState adversary = pair.Bob.StateForTesting.Spqr.Clone();
        int atTheft = adversary.EpochsCompleted;
        Assert.True(atTheft >= 1, $"epochs before the theft: {atTheft}");

        int readAfterTheft = 0, healedFailures = 0;
        Span<byte> key = stackalloc byte[SpqrState.MessageKeySize];
        for (int i = 0; i < 2000 && healedFailures < 20; i++)
        {
            string text = "a" + i;
            byte[] toBob = pair.Alice.Encrypt(Bytes(text));
            ReadOnlySpan<byte> pq = PqField(toBob);
            ulong keyEpoch = SpqrMessage.Deserialize(pq).Epoch - 1;
            Assert.Equal(text, ReadWithBobsClassicalState(pair.Bob, null, toBob)); // control: the live SPQR state reads it
            string? read = ReadWithBobsClassicalState(pair.Bob, adversary, toBob);
            if (i == 0) Assert.Equal(text, read); // right after the theft the copy still works
            if (read == text) readAfterTheft++;
            if (keyEpoch >= (ulong)atTheft + 2)
            {
                Assert.True(read is null, $"message {i} (SPQR key epoch {keyEpoch}, theft at {atTheft}) was read by the adversary");
                healedFailures++;
            }
            Assert.Equal(text, Decrypt(pair.Bob, toBob));
            try
            {
                adversary.Recv(pq, key); // the adversary follows every public chunk Alice sends
            }
            catch (SpqrException)
            {
                // A copy that diverged may refuse a chunk; it keeps what it has.
            }

            byte[] toAlice = pair.Bob.Encrypt(Bytes("b" + i));
            adversary.Send(key, out _); // mirrors Bob's send with its own randomness
            Assert.Equal("b" + i, Decrypt(pair.Alice, toAlice));
        }
        key.Clear();
        Assert.True(healedFailures >= 20, $"only {healedFailures} messages from epoch {atTheft + 2} on");
        Assert.True(pair.Bob.SpqrEpochsCompleted >= atTheft + 2, $"Bob's epochs: {pair.Bob.SpqrEpochsCompleted}, theft at {atTheft}");
        Assert.True(readAfterTheft >= 1);
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

    private static void RoundTrip(SessionPair pair, int i)
    {
        Assert.Equal("w" + i, Decrypt(pair.Bob, pair.Alice.Encrypt(Bytes("w" + i))));
        Assert.Equal("v" + i, Decrypt(pair.Alice, pair.Bob.Encrypt(Bytes("v" + i))));
    }

    /// <summary>The classical thief: its own (stolen, then self-evolved) classical state, Bob's SPQR state of this moment.</summary>
    private static string DecryptWithLiveSpqr(QuantumSession thief, QuantumSession bob, byte[] message)
    {
        thief.StateForTesting.ReplaceSpqr(bob.StateForTesting.Spqr.Clone());
        return Decrypt(thief, message);
    }

    /// <summary>The quantum adversary: Bob's live classical state with <paramref name="spqr"/> (or Bob's own SPQR state
    /// when null) swapped in. Null when the message does not open (the MAC fails, or the copy's SPQR refuses it).</summary>
    private static string? ReadWithBobsClassicalState(QuantumSession bob, SpqrState? spqr, byte[] message)
    {
        using Secret live = bob.Export();
        using QuantumSession twin = QuantumSession.Import(live);
        if (spqr is not null) twin.StateForTesting.ReplaceSpqr(spqr.Clone());
        try
        {
            return Decrypt(twin, message);
        }
        catch (SessionException e) when (e.Reason is SessionError.BadMac or SessionError.PostQuantumRatchet)
        {
            return null;
        }
    }

    private static ReadOnlySpan<byte> PqField(byte[] message)
    {
        Assert.False(QuantumSession.IsPreKeyMessage(message));
        Assert.True(WireFormat.TryParseSignalMessage(message, out WireFormat.SignalMessageView view, out _));
        return message.AsSpan(view.PqRatchet);
    }
}
