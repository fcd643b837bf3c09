// Encrypting on an established sending chain allocates the message and nothing else on the managed heap: SPQR's
// part (its erasure-code chunk and serialized message) is built on the stack and copied into the message. Counted
// with the thread's allocation counter, so load cannot tilt it.
namespace NoFuture.Sessions.Tests;

public sealed class EncryptAllocationTests
{
    [Fact]
    public void OneWayEncryptAllocatesOnlyTheMessage()
    {
        using var pair = new SessionPair();
        SessionPair.Decrypt(pair.Alice, pair.Bob.Encrypt("ack"u8)); // acknowledged: plain SignalMessages from here
        byte[] plaintext = new byte[1024];
        // Warm-up: past SPQR's systematic header chunks (the encoder builds its tables once), the JIT settles.
        for (int i = 0; i < 50; i++) pair.Alice.Encrypt(plaintext);
        const int Count = 200;
        byte[][] messages = new byte[Count][];

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Count; i++) messages[i] = pair.Alice.Encrypt(plaintext);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A byte[] costs its length plus a header and padding (24 to 31 bytes on 64-bit, less on 32-bit).
        long bound = 0;
        foreach (byte[] m in messages) bound += m.Length + 32;
        Assert.True(allocated <= bound, $"allocated {allocated} bytes for messages whose arrays take at most {bound}");
        Assert.Equal(1024, pair.Bob.Decrypt(messages[^1], new byte[1040]));
    }
}
