// "A message that fails any check changes nothing": for each check (MAC, padding, replay, window, version, encoding,
// SPQR field, addresses, DH with a bad key, a foreign handshake) an attacked session's exported record is byte-for-byte
// what it was before the attack, the next good messages still decrypt, and a never-attacked twin (imported from the
// same record) gives the same plaintexts and ends in the same state.
using System.Security.Cryptography;
using NoFuture.Memory;
using NoFuture.Sessions.Protocol;
using NoFuture.Sessions.Ratchet;
using static NoFuture.Sessions.Tests.SessionPair;

namespace NoFuture.Sessions.Tests;

public class HostileMessageTests
{
    private static byte[] Record(QuantumSession session)
    {
        using Secret record = session.Export();
        using SecretReadLease lease = record.OpenRead();
        return lease.Span.ToArray();
    }

    /// <summary>Runs <paramref name="forge"/> on Bob (which must throw <paramref name="expected"/>), then checks the
    /// state, the next good messages and the twin.</summary>
    private static void AssertAttackChangesNothing(SessionPair pair, Func<byte[], byte[]> forge, SessionError expected,
        bool afterReply = true, bool existingChain = false)
    {
        if (afterReply) Assert.Equal("r", Decrypt(pair.Alice, pair.Bob.Encrypt("r"u8)));
        // With an existing chain the attack meets a chain advance; without one (the first message after a reply) a
        // DH ratchet step.
        if (existingChain) Assert.Equal("warm", Decrypt(pair.Bob, pair.Alice.Encrypt("warm"u8)));
        byte[] good = pair.Alice.Encrypt("good"u8);
        byte[] later = pair.Alice.Encrypt("later"u8);
        byte[] before = Record(pair.Bob);
        using Secret twinRecord = Secret.CopyFrom(before);
        using QuantumSession twin = QuantumSession.Import(twinRecord);

        byte[] forged = forge(good);
        var e = Assert.Throws<SessionException>(() => pair.Bob.Decrypt(forged));
        Assert.Equal(expected, e.Reason);
        byte[] destination = new byte[forged.Length + 16];
        Array.Fill(destination, (byte)0xAB);
        Assert.Equal(expected, Assert.Throws<SessionException>(() => pair.Bob.Decrypt(forged, destination)).Reason);
        Assert.All(destination, b => Assert.Equal(0xAB, b)); // nothing half-written
        Assert.Equal(before, Record(pair.Bob));

        Assert.Equal("later", Decrypt(pair.Bob, later));
        Assert.Equal("good", Decrypt(pair.Bob, good));
        Assert.Equal("later", Decrypt(twin, later));
        Assert.Equal("good", Decrypt(twin, good));
        // Both then answer the same way; their records differ only by the fresh ratchet keys each one drew, so compare
        // what is deterministic: counters and chains seen from the peer.
        Assert.Equal("from bob", Decrypt(pair.Alice, pair.Bob.Encrypt("from bob"u8)));
        Assert.Equal(pair.Bob.StateForTesting.Receivers.Count, twin.StateForTesting.Receivers.Count);
        Assert.Equal(pair.Bob.StateForTesting.Receivers[^1].Index, twin.StateForTesting.Receivers[^1].Index);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FlippedCiphertextBit_BadMac(bool existingChain)
    {
        using var pair = new SessionPair();
        AssertAttackChangesNothing(pair, m => Flip(m, CiphertextStart(m) + 3), SessionError.BadMac, existingChain: existingChain);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FlippedMacBit_BadMac(bool existingChain)
    {
        using var pair = new SessionPair();
        AssertAttackChangesNothing(pair, m => Flip(m, m.Length - 1), SessionError.BadMac, existingChain: existingChain);
    }

    [Fact]
    public void ForeignRatchetKey_DhStepNotCommitted_BadMac()
    {
        using var pair = new SessionPair();
        AssertAttackChangesNothing(pair, m =>
        {
            byte[] forged = (byte[])m.Clone();
            using var attacker = NoFuture.Crypto.X25519PrivateKey.Generate();
            attacker.PublicKey.CopyTo(forged.AsSpan(4)); // version, tag, length, 0x05, then the key
            return forged;
        }, SessionError.BadMac);
    }

    [Fact]
    public void LowOrderRatchetKey_InvalidKey()
    {
        using var pair = new SessionPair();
        AssertAttackChangesNothing(pair, m =>
        {
            byte[] forged = (byte[])m.Clone();
            forged.AsSpan(4, 32).Clear(); // u = 0: the X25519 output is all zeros
            return forged;
        }, SessionError.InvalidKey);
    }

    [Fact]
    public void Replay_Duplicate()
    {
        using var pair = new SessionPair();
        Assert.Equal("r", Decrypt(pair.Alice, pair.Bob.Encrypt("r"u8)));
        byte[] old = pair.Alice.Encrypt("old"u8);
        Assert.Equal("old", Decrypt(pair.Bob, old));
        AssertAttackChangesNothing(pair, _ => old, SessionError.Duplicate, afterReply: false);
    }

    [Fact]
    public void ReplayOfASkippedKeyUsedOnce_Duplicate()
    {
        using var pair = new SessionPair();
        Assert.Equal("r", Decrypt(pair.Alice, pair.Bob.Encrypt("r"u8)));
        byte[] first = pair.Alice.Encrypt("first"u8);
        Assert.Equal("second", Decrypt(pair.Bob, pair.Alice.Encrypt("second"u8)));
        Assert.Equal("first", Decrypt(pair.Bob, first)); // from the stored skipped key, now deleted
        AssertAttackChangesNothing(pair, _ => first, SessionError.Duplicate, afterReply: false);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BeyondTheWindow_TooFarAhead(bool existingChain)
    {
        using var pair = new SessionPair(new QuantumSessionOptions { MaxForwardJumps = 5 });
        AssertAttackChangesNothing(pair, _ =>
        {
            for (int i = 0; i < 6; i++) pair.Alice.Encrypt("dropped"u8);
            return pair.Alice.Encrypt("far"u8); // counter 8 on a chain at 0: a jump of 8
        }, SessionError.TooFarAhead, existingChain: existingChain);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WrongVersion_UnsupportedVersion(bool existingChain)
    {
        using var pair = new SessionPair();
        AssertAttackChangesNothing(pair, m =>
        {
            byte[] forged = (byte[])m.Clone();
            forged[0] = 0x33;
            return forged;
        }, SessionError.UnsupportedVersion, existingChain: existingChain);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_Malformed(bool existingChain)
    {
        using var pair = new SessionPair();
        AssertAttackChangesNothing(pair, m => m[..20], SessionError.Malformed, existingChain: existingChain);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PqRatchetFieldReplacedByVersion0_RejectedBySpqr_BeforeTheMac(bool existingChain)
    {
        using var pair = new SessionPair();
        AssertAttackChangesNothing(pair, m => [.. m[..^8], 0x2A, 0x01, 0x00, .. m[^8..]], SessionError.PostQuantumRatchet, existingChain: existingChain);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ValidMacBadPadding_BadCiphertext(bool existingChain)
    {
        using var pair = new SessionPair();
        AssertAttackChangesNothing(pair, _ => ForgeWithAlicesNextKeys(pair, badPadding: true), SessionError.BadCiphertext, existingChain: existingChain);
    }

    [Fact]
    public void ForgedWithAlicesKeys_Decrypts_SoTheForgeryHelperIsHonest()
    {
        using var pair = new SessionPair();
        Assert.Equal("r", Decrypt(pair.Alice, pair.Bob.Encrypt("r"u8)));
        Assert.Equal("sixteen bytes..!", Decrypt(pair.Bob, ForgeWithAlicesNextKeys(pair, badPadding: false)));
    }

    // Where the ciphertext starts: a flip there is caught by the MAC, not by an earlier field's check.
    private static int CiphertextStart(byte[] message)
    {
        Assert.True(WireFormat.TryParseSignalMessage(message, out WireFormat.SignalMessageView view, out _));
        return view.Ciphertext.Start.GetOffset(message.Length);
    }

    /// <summary>A SignalMessage made with the keys of Alice's next message (read from her state, SPQR included: a copy
    /// of her post-quantum ratchet sends the pq field and gives the key mixed into the message keys): a valid MAC over a
    /// one-block ciphertext whose padding is good or bad.</summary>
    private static byte[] ForgeWithAlicesNextKeys(SessionPair pair, bool badPadding)
    {
        RatchetState alice = pair.Alice.StateForTesting;
        byte[] seed = new byte[32], keys = new byte[80], mac = new byte[32], pqKey = new byte[32];
        using (SecretReadLease ck = alice.SenderChainKey.OpenRead()) RatchetKdf.MessageKeySeed(ck.Span, seed);
        byte[] pq;
        bool hasPqKey;
        using (NoFuture.Sessions.Spqr.SpqrState spqr = alice.Spqr.Clone()) pq = spqr.Send(pqKey, out hasPqKey);
        RatchetKdf.MessageKeys(seed, hasPqKey ? pqKey : default, keys);
        byte[] block = new byte[32];
        "sixteen bytes..!"u8.CopyTo(block);
        block.AsSpan(16).Fill(badPadding ? (byte)17 : (byte)16);
        using var aes = Aes.Create();
        aes.Key = keys[..32];
        byte[] ciphertext = aes.EncryptCbc(block, keys[64..80], PaddingMode.None);
        byte[] message = new byte[WireFormat.SignalMessageSize(32, pq.Length, false, alice.SenderIndex, alice.PreviousCounter)];
        int offset = WireFormat.WriteSignalMessageHeader(message, alice.SenderRatchet.PublicKey, alice.SenderIndex, alice.PreviousCounter,
            32, pq, default, out Range macRange);
        ciphertext.CopyTo(message, offset);
        RatchetKdf.Hmac(keys.AsSpan(32, 32), alice.LocalIdentity, alice.RemoteIdentity, message.AsSpan(0, macRange.Start.Value), mac);
        mac.AsSpan(0, 8).CopyTo(message.AsSpan(macRange));
        return message;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PreKeyMessageOfAnotherHandshake_UnknownSession(bool existingChain)
    {
        using var pair = new SessionPair();
        using QuantumIdentity mallory = QuantumIdentity.Generate();
        using QuantumSession other = QuantumSession.Initiate(mallory, pair.BobIdentity.CreatePreKeyBundle());
        byte[] foreign = other.Encrypt("hi"u8);
        AssertAttackChangesNothing(pair, _ => foreign, SessionError.UnknownSession, existingChain: existingChain);
    }

    [Fact]
    public void Addresses_Checked_WhenBothEndsHaveThem()
    {
        var a = new SessionAddress(Guid.NewGuid(), 1);
        var b = new SessionAddress(Guid.NewGuid(), 2);
        var c = new SessionAddress(Guid.NewGuid(), 1, isPni: true);
        using QuantumIdentity alice = QuantumIdentity.Generate(), bob = QuantumIdentity.Generate();
        using QuantumSession aliceSession = QuantumSession.Initiate(alice, bob.CreatePreKeyBundle(false),
            new QuantumSessionOptions { LocalAddress = a, RemoteAddress = b });
        byte[] first = aliceSession.Encrypt("hello"u8);
        var e = Assert.Throws<SessionException>(() => QuantumSession.Accept(bob, first, out _,
            new QuantumSessionOptions { LocalAddress = b, RemoteAddress = c }));
        Assert.Equal(SessionError.AddressMismatch, e.Reason);
        using QuantumSession bobSession = QuantumSession.Accept(bob, first, out Secret? plaintext,
            new QuantumSessionOptions { LocalAddress = b, RemoteAddress = a });
        using (plaintext) Assert.Equal("hello", Text(plaintext));
    }

    private static byte[] Flip(byte[] message, int index)
    {
        byte[] copy = (byte[])message.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
