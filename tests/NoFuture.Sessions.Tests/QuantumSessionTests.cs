// NoFuture-to-NoFuture sessions (SPQR included): both directions, out-of-order delivery within a chain and across
// DH ratchet steps, the forward-jump and stored-key bounds, prekey-message repetition until the first reply, span and
// Secret outputs, export/import, and concurrent callers.
using NoFuture.Memory;
using static NoFuture.Sessions.Tests.SessionPair;

namespace NoFuture.Sessions.Tests;

public class QuantumSessionTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Conversation_BothDirections(bool oneTimePreKey)
    {
        using var pair = new SessionPair(oneTimePreKey: oneTimePreKey);
        for (int round = 0; round < 20; round++)
        {
            for (int i = 0; i <= round % 3; i++)
                Assert.Equal($"a{round}.{i}", Decrypt(pair.Bob, pair.Alice.Encrypt(Bytes($"a{round}.{i}"))));
            for (int i = 0; i <= round % 2; i++)
                Assert.Equal($"b{round}.{i}", Decrypt(pair.Alice, pair.Bob.Encrypt(Bytes($"b{round}.{i}"))));
        }
    }

    [Fact]
    public void InitiatorSendsPreKeyMessages_UntilTheFirstReply()
    {
        using var pair = new SessionPair();
        byte[] second = pair.Alice.Encrypt("second"u8);
        Assert.True(QuantumSession.IsPreKeyMessage(second));
        Assert.Equal("second", Decrypt(pair.Bob, second)); // the accepted session takes its own handshake's messages
        Assert.Equal("reply", Decrypt(pair.Alice, pair.Bob.Encrypt("reply"u8)));
        Assert.False(QuantumSession.IsPreKeyMessage(pair.Alice.Encrypt("third"u8)));
    }

    [Fact]
    public void OutOfOrder_WithinAChain_AndAcrossRatchetSteps()
    {
        using var pair = new SessionPair();
        var held = new List<(byte[] Message, string Text)>();
        for (int step = 0; step < 4; step++)
        {
            for (int i = 0; i < 5; i++)
            {
                string text = $"s{step}m{i}";
                byte[] m = pair.Alice.Encrypt(Bytes(text));
                if (i % 2 == 0) held.Add((m, text));
                else Assert.Equal(text, Decrypt(pair.Bob, m));
            }
            // a reply turns the ratchet: Alice's next messages use a new chain
            Assert.Equal($"r{step}", Decrypt(pair.Alice, pair.Bob.Encrypt(Bytes($"r{step}"))));
        }
        held.Reverse();
        foreach ((byte[] m, string text) in held) Assert.Equal(text, Decrypt(pair.Bob, m));
    }

    [Fact]
    public void TooFarAhead_IsRejected_AtTheBound()
    {
        var options = new QuantumSessionOptions { MaxForwardJumps = 10, MaxMessageKeys = 20 };
        using var pair = new SessionPair(options);
        Assert.Equal("r", Decrypt(pair.Alice, pair.Bob.Encrypt("r"u8)));
        var messages = Enumerable.Range(0, 13).Select(i => pair.Alice.Encrypt(Bytes($"m{i}"))).ToArray();
        // Bob's chain for Alice's new ratchet key starts at 0: counter 11 is a jump of 11 > 10, refused by the Double
        // Ratchet's check, which runs first (libsignal's decrypt_message_with_state order).
        var e = Assert.Throws<SessionException>(() => pair.Bob.Decrypt(messages[11]));
        Assert.Equal(SessionError.TooFarAhead, e.Reason);
        // Counter 10 is within the Double Ratchet's bound, but SPQR bounds its own counter with the same limit (libsignal
        // passes MAX_FORWARD_JUMPS to both). SPQR's counter counts from the last message received in its epoch, not
        // from the next expected one, and runs on across DH steps, so it binds one message earlier.
        e = Assert.Throws<SessionException>(() => pair.Bob.Decrypt(messages[10]));
        Assert.Equal(SessionError.PostQuantumRatchet, e.Reason);
        Assert.Equal("m9", Decrypt(pair.Bob, messages[9])); // a jump of 9, and 10 for SPQR
        Assert.Equal("m12", Decrypt(pair.Bob, messages[12]));
        for (int i = 0; i <= 8; i++) Assert.Equal($"m{i}", Decrypt(pair.Bob, messages[i]));
        Assert.Equal("m10", Decrypt(pair.Bob, messages[10]));
        Assert.Equal("m11", Decrypt(pair.Bob, messages[11]));
    }

    [Fact]
    public void StoredSkippedKeys_AreBounded_OldestDropped()
    {
        var options = new QuantumSessionOptions { MaxForwardJumps = 100, MaxMessageKeys = 5 };
        using var pair = new SessionPair(options);
        Assert.Equal("r", Decrypt(pair.Alice, pair.Bob.Encrypt("r"u8)));
        var messages = Enumerable.Range(0, 9).Select(i => pair.Alice.Encrypt(Bytes($"m{i}"))).ToArray();
        Assert.Equal("m8", Decrypt(pair.Bob, messages[8])); // skips 0..7: keeps only 3..7
        Assert.Equal(5, pair.Bob.StateForTesting.Receivers[^1].Skipped.Count);
        for (int i = 0; i < 3; i++)
            Assert.Equal(SessionError.Duplicate, Assert.Throws<SessionException>(() => pair.Bob.Decrypt(messages[i])).Reason);
        for (int i = 3; i < 8; i++) Assert.Equal($"m{i}", Decrypt(pair.Bob, messages[i]));
        Assert.Empty(pair.Bob.StateForTesting.Receivers[^1].Skipped);
    }

    [Fact]
    public void ReceiverChains_AreBoundedToFive()
    {
        using var pair = new SessionPair();
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal("x", Decrypt(pair.Alice, pair.Bob.Encrypt("x"u8)));
            Assert.Equal("y", Decrypt(pair.Bob, pair.Alice.Encrypt("y"u8)));
        }
        Assert.Equal(QuantumSessionOptions.MaxReceiverChains, pair.Bob.StateForTesting.Receivers.Count);
    }

    [Fact]
    public void DecryptIntoSpan_WritesThePlaintext_AndTooSmallChangesNothing()
    {
        using var pair = new SessionPair();
        byte[] m = pair.Alice.Encrypt("sixteen bytes!!!"u8);
        Assert.Throws<ArgumentException>(() => pair.Bob.Decrypt(m, new byte[15]));
        using Secret destination = Secret.Allocate(m.Length);
        using SecretWriteLease lease = destination.OpenWrite();
        int n = pair.Bob.Decrypt(m, lease.Span);
        Assert.Equal("sixteen bytes!!!", System.Text.Encoding.UTF8.GetString(lease.Span[..n]));
    }

    [Fact]
    public void EmptyAndLargePlaintexts_RoundTrip()
    {
        using var pair = new SessionPair();
        Assert.Equal("", Decrypt(pair.Bob, pair.Alice.Encrypt(default)));
        byte[] large = new byte[100_000];
        Random.Shared.NextBytes(large);
        using Secret? plaintext = pair.Bob.Decrypt(pair.Alice.Encrypt(large));
        using SecretReadLease lease = plaintext!.OpenRead();
        Assert.True(lease.Span.SequenceEqual(large));
    }

    [Fact]
    public void ExportImport_ContinuesTheConversation()
    {
        using var pair = new SessionPair();
        Assert.Equal("r", Decrypt(pair.Alice, pair.Bob.Encrypt("r"u8)));
        byte[] skipped = pair.Alice.Encrypt("skipped"u8);
        Assert.Equal("next", Decrypt(pair.Bob, pair.Alice.Encrypt("next"u8)));
        using Secret record = pair.Bob.Export();
        using QuantumSession restored = QuantumSession.Import(record);
        Assert.Equal("skipped", Decrypt(restored, skipped));
        Assert.Equal("after", Decrypt(pair.Alice, restored.Encrypt("after"u8)));
        Assert.Equal(pair.Bob.ExportRemoteIdentityKey(), restored.ExportRemoteIdentityKey());
    }

    [Fact]
    public void Import_RefusesTruncatedAndCorruptedRecords()
    {
        using var pair = new SessionPair();
        using Secret record = pair.Alice.Export();
        byte[] bytes;
        using (SecretReadLease lease = record.OpenRead()) bytes = lease.Span.ToArray();
        for (int cut = 1; cut < bytes.Length; cut += 97)
        {
            using Secret truncated = Secret.CopyFrom(bytes.AsSpan(0, cut));
            Assert.Equal(SessionError.InvalidRecord, Assert.Throws<SessionException>(() => QuantumSession.Import(truncated)).Reason);
        }
        bytes[0] ^= 1;
        using Secret bad = Secret.CopyFrom(bytes);
        Assert.Equal(SessionError.InvalidRecord, Assert.Throws<SessionException>(() => QuantumSession.Import(bad)).Reason);
    }

    [Fact]
    public void ConcurrentCallers_AreSerialized()
    {
        using var pair = new SessionPair();
        Assert.Equal("r", Decrypt(pair.Alice, pair.Bob.Encrypt("r"u8)));
        var messages = new System.Collections.Concurrent.ConcurrentBag<(byte[], string)>();
        Parallel.For(0, 200, i => messages.Add((pair.Alice.Encrypt(Bytes($"p{i}")), $"p{i}")));
        Parallel.ForEach(messages, m => Assert.Equal(m.Item2, Decrypt(pair.Bob, m.Item1)));
    }

    [Fact]
    public void Dispose_DisposesEverySecretTheSessionHolds()
    {
        var pair = new SessionPair();
        Assert.Equal("r", Decrypt(pair.Alice, pair.Bob.Encrypt("r"u8)));
        byte[] skipped = pair.Alice.Encrypt("skipped"u8);
        Assert.Equal("next", Decrypt(pair.Bob, pair.Alice.Encrypt("next"u8)));
        NoFuture.Sessions.Ratchet.RatchetState state = pair.Bob.StateForTesting;
        var secrets = new List<Secret> { state.RootKey, state.SenderChainKey };
        foreach (NoFuture.Sessions.Ratchet.ReceiverChain chain in state.Receivers)
        {
            secrets.Add(chain.ChainKey);
            secrets.AddRange(chain.Skipped.Select(k => k.Seed));
        }
        Assert.True(secrets.Count >= 4);
        Assert.All(secrets, s => Assert.False(s.IsDisposed));
        pair.Dispose();
        Assert.All(secrets, s => Assert.True(s.IsDisposed));
        Assert.Throws<ObjectDisposedException>(() => { _ = state.SenderRatchet.PublicKey.Length; });
        GC.KeepAlive(skipped);
    }

    [Fact]
    public void Dispose_ThenUse_Throws()
    {
        var pair = new SessionPair();
        pair.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pair.Alice.Encrypt("x"u8));
        Assert.Throws<ObjectDisposedException>(() => pair.Bob.Decrypt(new byte[40]));
        Assert.Throws<ObjectDisposedException>(() => pair.BobIdentity.CreatePreKeyBundle());
    }
}
