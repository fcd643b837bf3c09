// Pooled slots freed by one owner that serialises its own calls (the C ABI's handle table, under its lock) and kept
// for that owner's next secret of the same size class, so neither the free nor the next allocation takes a shard's
// lock: one interlocked operation fewer on each side of nf_secret_new + nf_secret_free (bench/RESULTS.md, "C ABI").
// Every slot here was scrubbed by the secret that gave it up (Slab.Scrub zeroes the whole slot), so it is as zero as
// one rented from a shard, and a purge wipes it with every other slot. The arena counts these slots as free.
using System.Runtime.CompilerServices;

namespace NoFuture.Memory.Arena;

internal static class RecycledSlots
{
    // Bounded per size class (at most 256 slots and 256 KiB, about 1 MiB in all): the slots stay in their slabs,
    // which are never unmapped anyway; the bound only limits how many of them other threads' shards cannot rent.
    private const int MaxSlots = 256;
    private const int MaxBytes = 256 * 1024;

    // Flat and of constant size, so the compiler preinitialises them (no class-constructor check on the hot path).
    private static readonly Entry[] s_entries = new Entry[SecretArena.ClassCount * MaxSlots];
    private static readonly int[] s_counts = new int[SecretArena.ClassCount];

    private struct Entry
    {
        internal Slab Slab;
        internal int Slot;
    }

    /// <summary>Slots held here (counted as free by <see cref="SecretArena"/>); a snapshot, read from any thread.</summary>
    internal static long Count
    {
        get
        {
            long total = 0;
            for (int c = 0; c < s_counts.Length; c++) total += Volatile.Read(ref s_counts[c]);
            return total;
        }
    }

    /// <summary>Takes the most recently kept slot of <paramref name="length"/>'s size class, if there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryTake(int length, out Slab slab, out int slot)
    {
        int c = SecretArena.ClassIndex(length);
        int n = s_counts[c] - 1;
        if (n < 0)
        {
            slab = null!;
            slot = 0;
            return false;
        }
        // The entry is left as it is (no write barrier to clear it): above the count it is dead, and the slab it
        // names is alive anyway (slabs are never unmapped).
        ref Entry entry = ref s_entries[c * MaxSlots + n];
        slab = entry.Slab;
        slot = entry.Slot;
        Volatile.Write(ref s_counts[c], n);
        return true;
    }

    /// <summary>Keeps a scrubbed slot; false when its class is full (the caller returns it to its shard).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryPush(Slab slab, int slot)
    {
        int c = SecretArena.ClassIndex(slab.SlotSize);
        int n = s_counts[c];
        if (n == Math.Min(MaxSlots, MaxBytes / slab.SlotSize)) return false;
        ref Entry entry = ref s_entries[c * MaxSlots + n];
        entry.Slab = slab;
        entry.Slot = slot;
        Volatile.Write(ref s_counts[c], n + 1);
        return true;
    }
}
