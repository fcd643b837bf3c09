// 8 threads allocate (both tiers), write, read back, lease concurrently and free for a given time, in a process
// of their own so the live counts can be checked to return to exactly zero.
using System.Globalization;

namespace NoFuture.Memory.Probe;

internal static class ConcurrencyScenario
{
    internal static int Run(int seconds)
    {
        long errors = 0, operations = 0;
        DateTime until = DateTime.UtcNow.AddSeconds(seconds);
        using var shared = Secret.CreateRandom(64); // read by every thread at once
        byte[] sharedCopy = shared.Read(0, static (s, _) => s.ToArray());
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            var rng = new Random(t);
            var mine = new List<(Secret Secret, byte Value)>();
            while (DateTime.UtcNow < until)
            {
                for (int i = 0; i < 64; i++)
                {
                    int length = rng.Next(1, 300);
                    SecretOptions? options = rng.Next(16) == 0 ? new SecretOptions { Tier = SecretTier.Guarded } : null;
                    var s = Secret.Allocate(length, options);
                    byte value = (byte)rng.Next(1, 256);
                    s.Write(value, static (span, v) => span.Fill(v));
                    mine.Add((s, value));
                }
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
                if (!shared.FixedTimeEquals(sharedCopy)) Interlocked.Increment(ref errors);
            }
            foreach ((Secret s, byte v) in mine)
            {
                if (s.Read(v, static (span, x) => span.IndexOfAnyExcept(x) >= 0)) Interlocked.Increment(ref errors);
                s.Dispose();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        shared.Dispose();
        MemoryCapabilities caps = SecureMemory.Capabilities;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"errors={errors}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"operations={operations}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"livePooled={caps.LivePooledSecrets}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"liveGuarded={caps.LiveGuardedSecrets}"));
        return 0;
    }
}
