// One thread creates random secrets while another purges, over many live secrets (so each wipe takes a while).
// A secret must be either purged (ObjectDisposedException, IsDisposed) or keep its bytes: a live secret whose
// random bytes read as zero was made during a wipe and wiped after it was filled.
using System.Globalization;

namespace NoFuture.Memory.Probe;

internal static class PurgeRaceScenario
{
    internal static int Run(int seconds)
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
            }
        });
        var allocator = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using Secret s = Secret.CreateRandom(32);
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
}
