// The leak scan: 1,000 secrets carry a tag (an 8-byte random marker + index + random bytes) created in secret
// memory. They are used, half are sealed into enclaves, and then every readable mapping of this process is
// read through /proc/self/mem and searched for the markers.
// The markers are never stored in plain form outside secret memory: the scanner keeps only their bitwise
// complement and compares ~word against it, so it cannot find its own copy.
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NoFuture.Memory.Arena;
using NoFuture.Memory.Guarded;

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

        List<(nint, nint)> pools = PoolRanges();
        Report("openOutsidePools", Scan(notOpen, pools, insidePools: false));
        Report("sealedAnywhere", Scan(notSealed, [markerRange], insidePools: false)); // pools included
        Report("openInsidePools", Scan(notOpen, pools, insidePools: true) - 1);     // positive control: 500

        SecureMemory.Purge();
        pools = PoolRanges();
        Report("openAnywhereAfterPurge", Scan(notOpen, pools, insidePools: null));
        Report("sealedAnywhereAfterPurge", Scan(notSealed, pools, insidePools: null));
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

    private static List<(nint, nint)> PoolRanges()
    {
        var ranges = new List<(nint, nint)>();
        foreach (Slab slab in SecretArena.AllSlabs()) ranges.Add(slab.DataRange);
        ranges.AddRange(GuardedRegion.DataRanges());
        return ranges;
    }

    /// <summary>Counts 8-byte windows w (any alignment) with ~w == notMarker in the selected memory.</summary>
    /// <param name="insidePools">true: only pool ranges; false: everything but pool ranges; null: everything.</param>
    private static long Scan(ulong notMarker, List<(nint Start, nint End)> pools, bool? insidePools)
    {
        const int Chunk = 1 << 20;
        byte* buffer = (byte*)NativeMemory.Alloc(Chunk + 8);
        long hits = 0;
        try
        {
            using var mem = new FileStream("/proc/self/mem", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            foreach ((nint start, nint end) in ReadableMappings())
            {
                foreach ((nint s, nint e) in Select(start, end, pools, insidePools))
                {
                    for (nint at = s; at < e; at += Chunk)
                    {
                        int n = (int)Math.Min(Chunk, e - at);
                        int read;
                        try
                        {
                            read = RandomAccess.Read(mem.SafeFileHandle, new Span<byte>(buffer, n), (long)at);
                        }
                        catch (IOException)
                        {
                            break; // e.g. memfd_secret or device mappings the kernel will not read
                        }
                        for (int i = 0; i + 8 <= read; i++)
                            if (~Unsafe.ReadUnaligned<ulong>(buffer + i) == notMarker) hits++;
                    }
                }
            }
        }
        finally
        {
            new Span<byte>(buffer, Chunk).Clear();
            NativeMemory.Free(buffer);
        }
        return hits;
    }

    private static IEnumerable<(nint, nint)> Select(nint start, nint end, List<(nint Start, nint End)> pools, bool? insidePools)
    {
        if (insidePools is null)
        {
            yield return (start, end);
            yield break;
        }
        var overlaps = pools.Where(p => p.Start < end && p.End > start).OrderBy(p => p.Start).ToList();
        if (insidePools.Value)
        {
            foreach ((nint ps, nint pe) in overlaps) yield return (Math.Max(ps, start), Math.Min(pe, end));
            yield break;
        }
        nint cursor = start;
        foreach ((nint ps, nint pe) in overlaps)
        {
            if (ps > cursor) yield return (cursor, ps);
            cursor = Math.Max(cursor, pe);
        }
        if (cursor < end) yield return (cursor, end);
    }

    private static List<(nint, nint)> ReadableMappings()
    {
        var result = new List<(nint, nint)>();
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f[1][0] != 'r' || line.EndsWith("[vvar]", StringComparison.Ordinal) || line.EndsWith("[vsyscall]", StringComparison.Ordinal))
                continue;
            string[] r = f[0].Split('-');
            result.Add(((nint)long.Parse(r[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                (nint)long.Parse(r[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        }
        return result;
    }

    private static void Report(string key, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
