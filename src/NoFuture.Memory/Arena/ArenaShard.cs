// One lock-striped shard of one size class. A thread always uses the shard its stack's address maps to
// (SecretArena.ShardOfThisThread), so threads rarely meet on a lock; a freed slot goes back to the shard that owns its slab.
// Slabs grow geometrically (1, 2, 4 ... 64 pages) and shrink to what the lock budget still allows, so a
// 64 KiB RLIMIT_MEMLOCK is not spent on one oversized slab.
using System.Runtime.CompilerServices;
using NoFuture.Memory.Platform;

namespace NoFuture.Memory.Arena;

internal sealed class ArenaShard
{
    private const int SlotBits = 13;               // up to 8,191 slots per slab (64 pages of 32-byte slots)
    private const int SlotMask = (1 << SlotBits) - 1;
    private const int MaxSlabPages = 64;

    private int _locked; // a CAS spin lock: uncontended it costs one interlocked operation, a Lock costs two
    private Slab[] _slabs = new Slab[4];
    private int _slabCount;
    private int[] _free = new int[64];
    private int _freeCount;
    private long _slots;

    internal ArenaShard(int slotSize) => SlotSize = slotSize;

    internal int SlotSize { get; }

    internal long TotalSlots => Volatile.Read(ref _slots);

    internal long FreeSlots => Volatile.Read(ref _freeCount);

    internal Slab Rent(out int slot, ProtectionPolicy policy)
    {
        Enter();
        try
        {
            if (_freeCount == 0) Grow(policy);
            int entry = _free[--_freeCount];
            slot = entry & SlotMask;
            return _slabs[entry >> SlotBits];
        }
        finally
        {
            Exit();
        }
    }

    internal void Return(Slab slab, int slot)
    {
        Enter();
        _free[_freeCount++] = (slab.Index << SlotBits) | slot;
        Exit();
    }

    /// <summary>A snapshot of the slabs (for purge and scanning); the slabs themselves are never removed.</summary>
    internal Slab[] Slabs()
    {
        Enter();
        try
        {
            return _slabs.AsSpan(0, _slabCount).ToArray();
        }
        finally
        {
            Exit();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _locked, 1, 0) != 0) EnterContended();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterContended()
    {
        // Threads map to shards by their stacks, so contention is rare; SpinWait yields and then sleeps, so a thread that
        // holds the lock while it maps a new slab is not starved.
        var spin = new SpinWait();
        do spin.SpinOnce(sleep1Threshold: 20);
        while (Volatile.Read(ref _locked) != 0 || Interlocked.CompareExchange(ref _locked, 1, 0) != 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Exit() => Volatile.Write(ref _locked, 0);

    private void Grow(ProtectionPolicy policy)
    {
        int pages = Math.Min(MaxSlabPages, 1 << Math.Min(_slabCount, 6));
        int page = PageAllocator.Current.PageSize;
        int minimum = (SlotSize + 2 * Slab.CanarySize + page - 1) / page;
        pages = Math.Max(pages, minimum);
        long available = LockBudget.Available;
        if (available != long.MaxValue && (long)pages * page > available)
            pages = Math.Max(minimum, (int)(available / page)); // shrink to fit; below one slot the policy decides
        while (Slab.SlotsPerPages(pages, SlotSize) > SlotMask) pages--;

        var slab = Slab.Create(this, _slabCount, pages, SlotSize, policy);
        if (_slabCount == _slabs.Length) Array.Resize(ref _slabs, _slabs.Length * 2);
        _slabs[_slabCount] = slab;
        long total = _slots + slab.SlotCount; // every slot of the shard may be free at once
        if (total > _free.Length) Array.Resize(ref _free, (int)Math.Max(total, _free.Length * 2L));
        for (int i = slab.SlotCount - 1; i >= 0; i--) _free[_freeCount++] = (_slabCount << SlotBits) | i;
        _slabCount++;
        Volatile.Write(ref _slots, _slots + slab.SlotCount);
    }
}
