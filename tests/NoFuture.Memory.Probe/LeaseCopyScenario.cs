// Copies of leases disposed twice, in a process of its own: before leases were idempotent per lease this read an
// unmapped guarded region (a fatal access violation) and left secrets that were never wiped.
using System.Globalization;

namespace NoFuture.Memory.Probe;

internal static class LeaseCopyScenario
{
    internal static int Run()
    {
        // The exact sequence: a copy of lease a disposed after a, then the secret, while lease b is still open.
        var s = Secret.CreateRandom(5000);
        byte[] expected = s.Read(0, static (span, _) => span.ToArray());
        SecretReadLease a = s.OpenRead();
        SecretReadLease b = s.OpenRead();
        SecretReadLease c = a;
        a.Dispose();
        c.Dispose();
        s.Dispose();
        bool intact = b.Span.SequenceEqual(expected); // faulted here when the region was already unmapped
        b.Dispose();
        Console.WriteLine($"intactUnderLease={intact}");

        // One lease, its copy disposed as well: Dispose must still wipe and free, in both tiers.
        foreach (int length in new[] { 32, 5000 })
        {
            var t = Secret.CreateRandom(length);
            SecretWriteLease w = t.OpenWrite();
            SecretWriteLease copy = w;
            w.Dispose();
            copy.Dispose();
            t.Dispose();
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        MemoryCapabilities caps = SecureMemory.Capabilities;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"livePooled={caps.LivePooledSecrets}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"liveGuarded={caps.LiveGuardedSecrets}"));
        return 0;
    }
}
