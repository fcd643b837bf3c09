// Purges racing other work, in a process of their own (a purge wipes every secret of the process).
using System.Globalization;

namespace NoFuture.Memory.Probe;

internal static unsafe class PurgeScenarios
{
    /// <summary>
    /// One thread creates random secrets while another purges, over many live secrets (so each wipe takes a while).
    /// A secret must be either purged (ObjectDisposedException, IsDisposed) or keep its bytes: a live secret whose
    /// random bytes read as zero was made during a wipe and wiped after it was filled.
    /// </summary>
    /// <remarks>With <paramref name="owned"/>, the secrets come from the C ABI's path (Secret.CreateRandomOwned,
    /// no finalizer), which must behave the same under a purge.</remarks>
    internal static int Race(int seconds, bool owned)
    {
        var held = new Secret[400_000];
        for (int i = 0; i < held.Length; i++) held[i] = Secret.Allocate(32);

        long purges = 0, created = 0, purgedOnTheWay = 0, zeroedAlive = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var purger = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                SecureMemory.Purge();
                purges++;
                Thread.Yield(); // let the allocator in between purges, so it is never starved on a busy machine
            }
        });
        var allocator = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using Secret s = owned ? Secret.CreateRandomOwned(32, null) : Secret.CreateRandom(32);
                    created++;
                    bool zero = s.Read(0, static (span, _) => ConstantTime.IsZero(span));
                    // Zero bytes are fine only if a purge has reached this secret (then it also reads as disposed).
                    if (zero && !s.IsDisposed) zeroedAlive++;
                }
                catch (ObjectDisposedException)
                {
                    purgedOnTheWay++;
                }
            }
        });
        purger.Start();
        allocator.Start();
        purger.Join();
        allocator.Join();
        GC.KeepAlive(held);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"purges={purges}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"created={created}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"purgedOnTheWay={purgedOnTheWay}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"zeroedAlive={zeroedAlive}"));
        return 0;
    }

    /// <summary>
    /// A write lease open across a purge writes after the wipe; once it closes, nothing it wrote may remain in
    /// the secret's memory (read here through the address the lease had, which stays mapped until Dispose).
    /// </summary>
    internal static int WriteAfterWipe()
    {
        foreach (int length in new[] { 32, 5000 })
        {
            using var secret = Secret.Allocate(length);
            byte* data;
            using (SecretWriteLease lease = secret.OpenWrite())
            {
                fixed (byte* p = lease.Span) data = p;
                SecureMemory.Purge();
                lease.Span.Fill(0xAB); // the key a thread was writing when the purge came
            }
            // SAFETY: the secret is not disposed, so its memory is still mapped and readable (a purge never unmaps).
            bool wiped = new ReadOnlySpan<byte>(data, length).IndexOfAnyExcept((byte)0) < 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wiped{length}={wiped}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"disposed{length}={secret.IsDisposed}"));
        }
        return 0;
    }
}
