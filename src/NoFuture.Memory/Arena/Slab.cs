// One slab of the pooled arena: [guard page][N locked, dont-dump data pages][guard page].
// The data pages hold a row of equal slots, each with a 16-byte random canary before it and the next canary
// after it: C0 S0 C1 S1 ... C(n-1) S(n-1) Cn. A secret is right-aligned in its slot, so a one-byte overflow
// lands on the following canary. Canaries are checked when a slot is freed.
using System.Runtime.CompilerServices;
using NoFuture.Memory.Platform;

namespace NoFuture.Memory.Arena;

internal sealed unsafe class Slab
{
    internal const int CanarySize = 16;

    private readonly byte* _mapping;
    private readonly nuint _mappingLength;
    private readonly byte* _data;
    private readonly nuint _dataLength;
    private readonly ulong _canary0;
    private readonly ulong _canary1;

    private Slab(ArenaShard shard, int index, byte* mapping, nuint mappingLength, int dataPages, int slotSize,
        SecretProtection protection, ulong canary0, ulong canary1)
    {
        Shard = shard;
        Index = index;
        _mapping = mapping;
        _mappingLength = mappingLength;
        int page = PageAllocator.Current.PageSize;
        _data = mapping + page;
        _dataLength = (nuint)(dataPages * page);
        SlotSize = slotSize;
        Stride = slotSize + CanarySize;
        SlotCount = (dataPages * page - CanarySize) / Stride;
        Protection = protection;
        _canary0 = canary0;
        _canary1 = canary1;
    }

    internal ArenaShard Shard { get; }

    internal int Index { get; }

    internal int SlotSize { get; }

    internal int Stride { get; }

    internal int SlotCount { get; }

    internal SecretProtection Protection { get; }

    internal bool IsLocked => (Protection & SecretProtection.Locked) != 0;

    internal nuint DataLength => _dataLength;

    internal static int SlotsPerPages(int pages, int slotSize) =>
        (pages * PageAllocator.Current.PageSize - CanarySize) / (slotSize + CanarySize);

    internal static Slab Create(ArenaShard shard, int index, int dataPages, int slotSize, ProtectionPolicy policy)
    {
        PageAllocator os = PageAllocator.Current;
        int page = os.PageSize;
        nuint dataLength = (nuint)(dataPages * page);
        nuint mappingLength = dataLength + (nuint)(2 * page);
        byte* mapping = os.Reserve(mappingLength, out int error);
        if (mapping == null) ThrowHelper.MapFailed("a secret slab", error);
        byte* data = mapping + page;
        bool locked = false;
        try
        {
            // The reservation is PROT_NONE: opening only the middle leaves the outer pages as guards.
            var protection = SecretProtection.Canaries;
            if (os.Protect(data, dataLength, PageAccess.ReadWrite, out error)) protection |= SecretProtection.GuardPages;
            else ThrowHelper.ProtectFailed("a secret slab", error);
            locked = LockBudget.TryLock(data, dataLength, policy);
            if (locked) protection |= SecretProtection.Locked;
            protection |= ApplyAdvice(os, mapping, mappingLength, dataLength, policy);

            Span<byte> canary = stackalloc byte[CanarySize];
            CanarySource.Next(canary);
            var slab = new Slab(shard, index, mapping, mappingLength, dataPages, slotSize, protection,
                Unsafe.ReadUnaligned<ulong>(ref canary[0]), Unsafe.ReadUnaligned<ulong>(ref canary[8]));
            for (int i = 0; i <= slab.SlotCount; i++) slab.WriteCanary(data + (nint)i * slab.Stride);
            return slab;
        }
        catch
        {
            if (locked) LockBudget.Unlocked(dataLength);
            os.Release(mapping, mappingLength);
            throw;
        }
    }

    /// <summary>Dump exclusion and fork protection, reported through the policy when refused.</summary>
    internal static SecretProtection ApplyAdvice(PageAllocator os, byte* mapping, nuint mappingLength, nuint dataLength,
        ProtectionPolicy policy)
    {
        var protection = SecretProtection.None;
        if (os.ExcludeFromDumps(mapping, mappingLength, out int error)) protection |= SecretProtection.ExcludedFromDumps;
        else if (os.CanExcludeFromDumps) ProtectionGate.Refuse(SecretProtection.ExcludedFromDumps, (long)dataLength, -1, error, policy);
        switch (os.ProtectFromFork(mapping, mappingLength, out error))
        {
            case ForkProtection.WipeOnFork: protection |= SecretProtection.WipedOnFork; break;
            case ForkProtection.DontFork: protection |= SecretProtection.NotInheritedOnFork; break;
            case ForkProtection.None:
                ProtectionGate.Refuse(SecretProtection.WipedOnFork, (long)dataLength, -1, error, policy);
                break;
        }
        return protection;
    }

    /// <summary>Address of the data of a secret of <paramref name="length"/> bytes in slot <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal byte* DataOf(int slot, int length) => _data + (nint)slot * Stride + CanarySize + (SlotSize - length);

    /// <summary>Checks both canaries of the slot (fail fast on mismatch) and zeroes the whole slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Scrub(int slot)
    {
        byte* before = _data + (nint)slot * Stride;
        byte* after = before + Stride;
        ulong diff = (Unsafe.ReadUnaligned<ulong>(before) ^ _canary0) | (Unsafe.ReadUnaligned<ulong>(before + 8) ^ _canary1)
                   | (Unsafe.ReadUnaligned<ulong>(after) ^ _canary0) | (Unsafe.ReadUnaligned<ulong>(after + 8) ^ _canary1);
        if (diff != 0) ThrowHelper.Corrupted("pooled slot");
        // SAFETY: the slot lies between two canaries inside this slab's read-write data pages.
        new Span<byte>(before + CanarySize, SlotSize).Clear();
    }

    /// <summary>Zeroes every slot's data (not the canaries): the purge.</summary>
    internal void WipeAll()
    {
        for (int i = 0; i < SlotCount; i++)
            new Span<byte>(_data + (nint)i * Stride + CanarySize, SlotSize).Clear();
    }

    internal bool Contains(byte* address) => address >= _mapping && address < _mapping + _mappingLength;

    internal (nint Start, nint End) DataRange => ((nint)_data, (nint)(_data + _dataLength));

    private void WriteCanary(byte* at)
    {
        Unsafe.WriteUnaligned(at, _canary0);
        Unsafe.WriteUnaligned(at + 8, _canary1);
    }
}
