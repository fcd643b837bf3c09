namespace NoFuture.Memory.Tests.Api;

public class ConcurrencyTests
{
    /// <summary>8 threads allocate, write, read back and free for 10 s: no corruption, and live counts return.</summary>
    [Fact]
    public void EightThreadsForTenSecondsCorruptNothingAndLeakNothing()
    {
        long pooledBefore = SecureMemory.Capabilities.LivePooledSecrets;
        long errors = 0, operations = 0;
        var until = DateTime.UtcNow.AddSeconds(10);
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            var rng = new Random(t);
            var mine = new List<(Secret Secret, byte Value)>();
            while (DateTime.UtcNow < until)
            {
                for (int i = 0; i < 64; i++)
                {
                    int length = rng.Next(1, 300);
                    var options = rng.Next(16) == 0 ? new SecretOptions { Tier = SecretTier.Guarded } : null;
                    var s = Secret.Allocate(length, options);
                    byte value = (byte)rng.Next(1, 256);
                    s.Write(value, static (span, v) => span.Fill(v));
                    mine.Add((s, value));
                }
                // Free a random half, check the rest.
                for (int i = mine.Count - 1; i >= 0; i--)
                {
                    (Secret s, byte v) = mine[i];
                    if (s.Read(v, static (span, x) => span.IndexOfAnyExcept(x) >= 0)) Interlocked.Increment(ref errors);
                    if (rng.Next(2) == 0)
                    {
                        s.Dispose();
                        mine.RemoveAt(i);
                    }
                    Interlocked.Increment(ref operations);
                }
            }
            foreach ((Secret s, byte v) in mine)
            {
                if (s.Read(v, static (span, x) => span.IndexOfAnyExcept(x) >= 0)) Interlocked.Increment(ref errors);
                s.Dispose();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(0, errors);
        Assert.True(operations > 10_000, $"only {operations} operations ran");
        Assert.True(SecureMemory.Capabilities.LivePooledSecrets <= pooledBefore + 64,
            "pooled live count did not return (other tests may hold a few)");
    }
}
