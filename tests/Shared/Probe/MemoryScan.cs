// Reads every readable mapping of this process through /proc/self/mem and counts 8-byte windows (at any
// alignment) whose bitwise complement is in a given set. Callers keep only complements of the values they look
// for, so the scanner never holds, and never finds, its own plain copy. Linked into the probe processes.
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NoFuture.Memory.Arena;
using NoFuture.Memory.Guarded;

namespace NoFuture.Tests.Shared.Probe;

internal static unsafe class MemoryScan
{
    /// <summary>The data pages of every slab and guarded buffer: where secrets are allowed to be.</summary>
    internal static List<(nint Start, nint End)> PoolRanges()
    {
        var ranges = new List<(nint, nint)>();
        foreach (Slab slab in SecretArena.AllSlabs()) ranges.Add(slab.DataRange);
        ranges.AddRange(GuardedRegion.DataRanges());
        return ranges;
    }

    /// <summary>Counts windows w with ~w in <paramref name="complements"/>.</summary>
    /// <param name="insidePools">true: only the given ranges; false: everything but them; null: everything.</param>
    internal static long Count(IReadOnlyCollection<ulong> complements, List<(nint Start, nint End)> pools, bool? insidePools)
    {
        var set = new HashSet<ulong>(complements);
        var filter = new bool[1 << 16]; // cheap first test on the low 16 bits before the set lookup
        foreach (ulong c in set) filter[(ushort)c] = true;
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
                        {
                            ulong w = ~Unsafe.ReadUnaligned<ulong>(buffer + i);
                            if (filter[(ushort)w] && set.Contains(w)) hits++;
                        }
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
}
