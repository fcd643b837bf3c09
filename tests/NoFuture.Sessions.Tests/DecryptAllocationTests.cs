// Decrypting into a caller span on an existing receiving chain (a one-way stream: no DH ratchet step) allocates
// nothing on the managed heap: the session reuses one decrypt transaction and its working Secrets, and SPQR's receive
// computes its key without copying its state. Counted with the thread's allocation counter, so load cannot tilt it.
namespace NoFuture.Sessions.Tests;

public sealed class DecryptAllocationTests
{
    [Fact]
    public void OneWayDecryptIntoSpanAllocatesNothing()
    {
        using var pair = new SessionPair();
        SessionPair.Decrypt(pair.Alice, pair.Bob.Encrypt("ack"u8)); // the handshake is acknowledged: plain SignalMessages
        byte[] plaintext = new byte[1024];
        Random.Shared.NextBytes(plaintext);
        var messages = new List<byte[]>();
        for (int i = 0; i < 400; i++) messages.Add(pair.Alice.Encrypt(plaintext));
        byte[] received = new byte[1024 + 16];
        // Warm-up: the first messages complete SPQR's header on Bob's side (a decoder is made once), and the JIT and
        // lazily created statics settle.
        for (int i = 0; i < 100; i++) Assert.Equal(plaintext.Length, pair.Bob.Decrypt(messages[i], received));

        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 100; i < messages.Count; i++) total += pair.Bob.Decrypt(messages[i], received);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(300 * plaintext.Length, total);
        Assert.Equal(plaintext, received[..plaintext.Length]);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ReusedTransactionLeavesNoPlaintextBehind()
    {
        // The session's plaintext scratch is reused across messages; a failed message after a good one must neither
        // decrypt nor change the session, and the next good message still decrypts.
        using var pair = new SessionPair();
        SessionPair.Decrypt(pair.Alice, pair.Bob.Encrypt("ack"u8)); // SignalMessages from here: the MAC is the last 8 bytes
        byte[] first = pair.Alice.Encrypt("first"u8), second = pair.Alice.Encrypt("second"u8);
        byte[] received = new byte[64];
        Assert.Equal(5, pair.Bob.Decrypt(first, received));
        byte[] bad = (byte[])second.Clone();
        bad[^1] ^= 1;
        Assert.Throws<SessionException>(() => pair.Bob.Decrypt(bad, received));
        Assert.Equal(6, pair.Bob.Decrypt(second, received));
        Assert.Equal("second", System.Text.Encoding.UTF8.GetString(received, 0, 6));
    }

    [Fact]
    public void PlaintextsAroundTheWorkingAreaSize_RoundTrip_AndFailuresLeaveNothing()
    {
        // Plaintexts up to the session's working area go there; longer ones to a separate scratch: both ways, both
        // overloads, and a failing message of either size changes nothing for the next one.
        using var pair = new SessionPair();
        SessionPair.Decrypt(pair.Alice, pair.Bob.Encrypt("ack"u8));
        byte[] received = new byte[6000];
        int capacity = NoFuture.Sessions.Ratchet.RatchetState.WorkPlaintextCapacity;
        foreach (int length in new[] { 0, 1, capacity - 17, capacity - 16, capacity - 1, capacity, 5000, 4999, 15, capacity - 1 })
        {
            byte[] plaintext = new byte[length];
            Random.Shared.NextBytes(plaintext);
            byte[] good = pair.Alice.Encrypt(plaintext);
            byte[] bad = (byte[])good.Clone();
            bad[^1] ^= 1;
            Array.Fill(received, (byte)0xA5);
            Assert.Throws<SessionException>(() => pair.Bob.Decrypt(bad, received));
            Assert.All(received, b => Assert.Equal(0xA5, b));
            if (length % 2 == 0)
            {
                Assert.Equal(length, pair.Bob.Decrypt(good, received));
                Assert.Equal(plaintext, received[..length]);
            }
            else
            {
                using NoFuture.Memory.Secret? secret = pair.Bob.Decrypt(good);
                if (length == 0) Assert.Null(secret);
                else
                {
                    using NoFuture.Memory.SecretReadLease lease = secret!.OpenRead();
                    Assert.True(lease.Span.SequenceEqual(plaintext));
                }
            }
            Assert.Throws<SessionException>(() => pair.Bob.Decrypt(good, received)); // consumed: a duplicate now
        }
    }
}
