// Hostile delivery between two NoFuture sessions (SPQR included): 10,000 messages with senders interleaved at
// random, 30% dropped, 10% duplicated, 5% corrupted, the rest delivered out of order within a window. Every good
// message decrypts to its plaintext, every duplicate and corrupted copy is rejected with its SessionError, and the
// sessions stay in step (a final exchange both ways works). The same run again with kill and restore at random points:
// both sessions are saved to a FileSessionStore (as an application persists after each operation), dropped, and read
// back from disk through a newly opened store. (A process killed in the middle of a save is FileSessionStoreCrashTests'
// subject: the store then holds the previous record or the new one.) Seeded, so a failure reproduces.
using NoFuture.Memory;

namespace NoFuture.Sessions.Tests;

public class HostileDeliveryTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void DropDuplicateCorruptReorder_10000Messages(int seed, bool restoreAtRandom)
    {
        var random = new Random(seed);
        var pair = new SessionPair();
        QuantumSession alice = pair.Alice, bob = pair.Bob;
        string directory = Path.Combine(Path.GetTempPath(), "nf-hostile-" + Guid.NewGuid().ToString("N"));
        using Secret storeKey = Secret.CreateRandom(FileSessionStore.KeySizeInBytes);
        int restores = 0;
        try
        {
            Assert.Equal("r", SessionPair.Decrypt(alice, bob.Encrypt("r"u8)));
            var toBob = new List<(byte[] Message, string Text)>();
            var toAlice = new List<(byte[] Message, string Text)>();
            int good = 0, rejected = 0;
            for (int n = 0; n < 10_000; n++)
            {
                bool fromAlice = random.Next(2) == 0;
                string text = $"{n}:{random.Next()}";
                byte[] message = (fromAlice ? alice : bob).Encrypt(SessionPair.Bytes(text));
                var queue = fromAlice ? toBob : toAlice;
                int fate = random.Next(100);
                if (fate < 30) continue; // dropped
                if (fate < 40) queue.Add((message, text)); // duplicated: both copies queued
                if (fate < 45) queue.Add((Corrupt(message, random), "")); // a corrupted copy beside the real one
                queue.Add((message, text));
                // deliver a few from a random place in the first 8 (reordering within the window)
                for (int d = random.Next(3); d > 0; d--)
                {
                    var q = random.Next(2) == 0 ? toBob : toAlice;
                    if (q.Count == 0) continue;
                    int i = random.Next(Math.Min(q.Count, 8));
                    (byte[] m, string expected) = q[i];
                    q.RemoveAt(i);
                    QuantumSession receiver = q == toBob ? bob : alice;
                    if (Deliver(receiver, m, expected)) good++;
                    else rejected++;
                }
                if (restoreAtRandom && random.Next(500) == 0)
                {
                    alice = Restore(alice, directory, storeKey, "alice.1");
                    bob = Restore(bob, directory, storeKey, "bob.1");
                    restores++;
                }
            }
            foreach ((byte[] m, string expected) in toBob) _ = Deliver(bob, m, expected) ? good++ : rejected++;
            foreach ((byte[] m, string expected) in toAlice) _ = Deliver(alice, m, expected) ? good++ : rejected++;
            Assert.True(good > 5_000, $"good {good}");
            Assert.True(rejected > 500, $"rejected {rejected}");
            if (restoreAtRandom) Assert.True(restores >= 5, $"restores {restores}");
            Assert.Equal("final a", SessionPair.Decrypt(bob, alice.Encrypt("final a"u8)));
            Assert.Equal("final b", SessionPair.Decrypt(alice, bob.Encrypt("final b"u8)));
        }
        finally
        {
            alice.Dispose();
            bob.Dispose();
            pair.Dispose();
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>True when the message decrypted to <paramref name="expected"/>; false when it was rejected as a
    /// duplicate or a corrupted copy (expected is empty for those), with the reason checked.</summary>
    private static bool Deliver(QuantumSession receiver, byte[] message, string expected)
    {
        try
        {
            string text = SessionPair.Decrypt(receiver, message);
            Assert.Equal(expected, text);
            return true;
        }
        catch (SessionException e)
        {
            if (expected.Length == 0)
                Assert.Contains(e.Reason, new[] { SessionError.BadMac, SessionError.Malformed, SessionError.InvalidKey, SessionError.UnsupportedVersion, SessionError.PostQuantumRatchet, SessionError.TooFarAhead, SessionError.Duplicate });
            else Assert.Equal(SessionError.Duplicate, e.Reason); // a good message is only ever refused as a second copy
            return false;
        }
    }

    private static byte[] Corrupt(byte[] message, Random random)
    {
        byte[] copy = (byte[])message.Clone();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static QuantumSession Restore(QuantumSession session, string directory, Secret storeKey, string name)
    {
        using (Secret exported = session.Export())
        using (FileSessionStore store = FileSessionStore.OpenWithKey(directory, storeKey))
        using (SecretReadLease lease = exported.OpenRead())
            store.Save(name, lease.Span);
        session.Dispose();
        using FileSessionStore reopened = FileSessionStore.OpenWithKey(directory, storeKey);
        using Secret record = reopened.Load(name)!;
        return QuantumSession.Import(record);
    }
}
