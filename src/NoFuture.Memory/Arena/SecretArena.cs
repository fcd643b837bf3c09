// The pooled arena: size classes 16, 32, ... 4096 bytes, each striped over a few shards.
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NoFuture.Memory.Arena;

internal static class SecretArena
{
    internal const int MinClass = 16;
    internal const int MaxClass = 1 << MaxClassLog;
    private const int MinClassLog = 4;
    private const int MaxClassLog = 12;
    internal const int ClassCount = MaxClassLog - MinClassLog + 1; // 16, 32 ... 4096

    private static readonly ArenaShard[][] s_classes = CreateClasses();
    private static readonly int s_shardMask = s_classes[0].Length - 1;

    internal static Slab Rent(int length, out int slot, ProtectionPolicy policy)
    {
        ArenaShard[] shards = s_classes[ClassIndex(length)];
        return shards[ShardOfThisThread()].Rent(out slot, policy);
    }

    // The shard comes from where the calling thread's stack is, not from its managed thread id: every thread has a
    // stack of its own, megabytes from the others, so this spreads threads over the shards as the id did, without a
    // thread-local read (in the C ABI's shared library each one is a __tls_get_addr call, bench/RESULTS.md "C ABI").
    // Only contention depends on the choice: a slot always goes back to the shard that owns its slab.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int ShardOfThisThread()
    {
        byte probe = 0;
        // SAFETY: only the address of the local is used, never dereferenced. 1 MiB regions: the frames of one thread
        // stay in one region (or two), the stacks of two threads do not share one.
        ulong region = (ulong)&probe >> 20;
        return (int)((region * 0x9E3779B97F4A7C15UL) >> 61) & s_shardMask;
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
            long used = -RecycledSlots.Count; // kept for the C ABI's next secret: free, not a live secret
            foreach (ArenaShard[] shards in s_classes)
                foreach (ArenaShard shard in shards) used += shard.TotalSlots - shard.FreeSlots;
            return Math.Max(0, used); // the counts are read one by one while slots move, so a snapshot may be off
        }
    }

    internal static double Fill
    {
        get
        {
            long total = 0, free = RecycledSlots.Count;
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
        int classes = ClassCount;
        var result = new ArenaShard[classes][];
        for (int c = 0; c < classes; c++)
        {
            result[c] = new ArenaShard[shards];
            for (int s = 0; s < shards; s++) result[c][s] = new ArenaShard(MinClass << c);
        }
        return result;
    }
}
