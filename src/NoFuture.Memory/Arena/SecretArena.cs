// The pooled arena: size classes 16, 32, ... 4096 bytes, each striped over a few shards.
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NoFuture.Memory.Arena;

internal static class SecretArena
{
    internal const int MinClass = 16;
    internal const int MaxClass = 4096;
    private const int MinClassLog = 4;

    private static readonly ArenaShard[][] s_classes = CreateClasses();
    private static readonly int s_shardMask = s_classes[0].Length - 1;

    internal static Slab Rent(int length, out int slot, ProtectionPolicy policy)
    {
        ArenaShard[] shards = s_classes[ClassIndex(length)];
        return shards[Environment.CurrentManagedThreadId & s_shardMask].Rent(out slot, policy);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ClassIndex(int length) =>
        length <= MinClass ? 0 : BitOperations.Log2((uint)length - 1) + 1 - MinClassLog;

    internal static IEnumerable<Slab> AllSlabs()
    {
        foreach (ArenaShard[] shards in s_classes)
            foreach (ArenaShard shard in shards)
                foreach (Slab slab in shard.Slabs())
                    yield return slab;
    }

    internal static long TotalSlots
    {
        get
        {
            long total = 0;
            foreach (ArenaShard[] shards in s_classes)
                foreach (ArenaShard shard in shards) total += shard.TotalSlots;
            return total;
        }
    }

    /// <summary>Slots in use: the live pooled secrets (derived, so the hot path keeps no counter).</summary>
    internal static long UsedSlots
    {
        get
        {
            long used = 0;
            foreach (ArenaShard[] shards in s_classes)
                foreach (ArenaShard shard in shards) used += shard.TotalSlots - shard.FreeSlots;
            return used;
        }
    }

    internal static double Fill
    {
        get
        {
            long total = 0, free = 0;
            foreach (ArenaShard[] shards in s_classes)
                foreach (ArenaShard shard in shards)
                {
                    total += shard.TotalSlots;
                    free += shard.FreeSlots;
                }
            return total == 0 ? 0 : (double)(total - free) / total;
        }
    }

    internal static void WipeAll()
    {
        foreach (Slab slab in AllSlabs()) slab.WipeAll();
    }

    private static ArenaShard[][] CreateClasses()
    {
        MemoryMetrics.EnsurePublished(); // the hot path keeps no counters, so nothing else would publish the meter

        int shards = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 8));
        int classes = BitOperations.Log2(MaxClass) - MinClassLog + 1;
        var result = new ArenaShard[classes][];
        for (int c = 0; c < classes; c++)
        {
            result[c] = new ArenaShard[shards];
            for (int s = 0; s < shards; s++) result[c][s] = new ArenaShard(MinClass << c);
        }
        return result;
    }
}
