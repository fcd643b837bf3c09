// The leak scan: 1,000 secrets carry a tag (an 8-byte random marker + index + random bytes) created in secret
// memory. They are used, half are sealed into enclaves, and then every readable mapping of this process is
// read through /proc/self/mem and searched for the markers.
// The markers are never stored in plain form outside secret memory: the scanner keeps only their bitwise
// complement and compares ~word against it, so it cannot find its own copy.
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NoFuture.Tests.Shared.Probe;

namespace NoFuture.Memory.Probe;

internal static unsafe class LeakScanScenario
{
    private const int Count = 1000;
    private const int TagLength = 32;

    internal static int Run()
    {
        // Markers: random, generated straight into secret memory; only their complements leave it.
        // The marker secret itself holds one copy of each marker: it is excluded from the counts below.
        using Secret markers = Secret.CreateRandom(16);
        ulong notOpen = markers.Read(0, static (s, _) => ~Unsafe.ReadUnaligned<ulong>(ref MemoryMarshal.GetReference(s)));
        ulong notSealed = markers.Read(0, static (s, _) => ~Unsafe.ReadUnaligned<ulong>(ref MemoryMarshal.GetReference(s[8..])));
        var markerRange = ((nint)markers.DangerousData, (nint)(markers.DangerousData + 16));

        var open = new List<Secret>();
        var sealedOnes = new List<Enclave>();
        for (int i = 0; i < Count; i++)
        {
            bool seal = i % 2 == 1;
            Secret tag = Secret.CreateRandom(TagLength);
            using (SecretWriteLease w = tag.OpenWrite())
            using (SecretReadLease m = markers.OpenRead())
            {
                m.Span.Slice(seal ? 8 : 0, 8).CopyTo(w.Span);
                BitConverter.TryWriteBytes(w.Span[8..], i);
            }
            // Use it: compare, clone, copy, read through a callback, move.
            using (Secret clone = tag.Clone())
            {
                if (!clone.FixedTimeEquals(tag)) throw new InvalidOperationException("clone differs");
                using Secret copy = Secret.Allocate(TagLength);
                tag.CopyTo(copy);
                int checksum = copy.Read(0, static (s, _) => s[12] ^ s[31]);
                GC.KeepAlive(checksum);
            }
            if (seal) sealedOnes.Add(Enclave.Seal(tag));
            else open.Add(tag);
        }
        // Open one sealed enclave and dispose it again: opening must not leave plaintext behind either.
        using (Secret reopened = sealedOnes[0].Open()) GC.KeepAlive(reopened.Length);

        GC.Collect();
        GC.WaitForPendingFinalizers();

        List<(nint, nint)> pools = MemoryScan.PoolRanges();
        Report("openOutsidePools", MemoryScan.Count([notOpen], pools, insidePools: false));
        Report("sealedAnywhere", MemoryScan.Count([notSealed], [markerRange], insidePools: false)); // pools included
        Report("openInsidePools", MemoryScan.Count([notOpen], pools, insidePools: true) - 1);     // positive control: 500

        SecureMemory.Purge();
        pools = MemoryScan.PoolRanges();
        Report("openAnywhereAfterPurge", MemoryScan.Count([notOpen], pools, insidePools: null));
        Report("sealedAnywhereAfterPurge", MemoryScan.Count([notSealed], pools, insidePools: null));
        Report("openedAfterPurgeThrows", Throws(() => open[0].OpenRead().Dispose()));
        Report("enclaveAfterPurgeThrows", Throws(() => sealedOnes[0].Open().Dispose()));
        GC.KeepAlive(open);
        return 0;
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private static void Report(string key, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
