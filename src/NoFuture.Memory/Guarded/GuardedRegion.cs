// A guarded buffer's own mapping:
//   [guard page: none][canary page: read-only][data pages: locked, dont-dump][guard page: none]
// The data is right-aligned against the back guard, so writing one byte past the end faults. The bytes in
// front of the data (the slack of its first page, and the whole read-only canary page before it) hold a
// random canary: an underflow into the slack is caught when the buffer is freed, and an underflow that
// reaches the canary page faults (a page-multiple secret has no slack, so its first underflowing byte does).
using System.Runtime.CompilerServices;
using NoFuture.Memory.Platform;

namespace NoFuture.Memory.Guarded;

internal sealed unsafe class GuardedRegion
{
    internal const int CanarySize = 16;

    private static readonly Lock s_registryLock = new();
    private static readonly HashSet<GuardedRegion> s_registry = []; // native regions to purge; not the Secrets

    private readonly Lock _lock = new();
    private readonly byte* _mapping;
    private readonly nuint _mappingLength;
    private readonly byte* _canaryPage;
    private readonly byte* _dataPages;
    private readonly nuint _dataPagesLength;
    private readonly ulong _canary0;
    private readonly ulong _canary1;
    private int _openCount;
    private int _writers;
    private bool _frozen;
    private bool _released;

    private GuardedRegion(byte* mapping, nuint mappingLength, int length, int dataPages, bool noAccessAtRest,
        ulong canary0, ulong canary1)
    {
        int page = PageAllocator.Current.PageSize;
        _mapping = mapping;
        _mappingLength = mappingLength;
        _canaryPage = mapping + page;
        _dataPages = mapping + 2 * page;
        _dataPagesLength = (nuint)(dataPages * page);
        Length = length;
        Data = _dataPages + _dataPagesLength - length;
        NoAccessAtRest = noAccessAtRest;
        _canary0 = canary0;
        _canary1 = canary1;
    }

    internal byte* Data { get; }

    internal int Length { get; }

    internal bool NoAccessAtRest { get; }

    internal SecretProtection Protection { get; private set; }

    internal static GuardedRegion Create(int length, bool noAccessAtRest, ProtectionPolicy policy)
    {
        PageAllocator os = PageAllocator.Current;
        int page = os.PageSize;
        int dataPages = (length + page - 1) / page;
        nuint dataLength = (nuint)(dataPages * page);
        nuint mappingLength = dataLength + (nuint)(3 * page);
        byte* mapping = os.Reserve(mappingLength, out int error);
        if (mapping == null) throw new InsufficientMemoryException($"mmap of a guarded secret failed (OS error {error}).");
        bool locked = false;
        try
        {
            // Canary page + data pages read-write in one call; the outer pages stay PROT_NONE as guards.
            if (!os.Protect(mapping + page, dataLength + (nuint)page, PageAccess.ReadWrite, out error))
                throw new InsufficientMemoryException($"mprotect of a guarded secret failed (OS error {error}).");
            Span<byte> canary = stackalloc byte[CanarySize];
            os.FillRandom(canary);
            var region = new GuardedRegion(mapping, mappingLength, length, dataPages, noAccessAtRest,
                Unsafe.ReadUnaligned<ulong>(ref canary[0]), Unsafe.ReadUnaligned<ulong>(ref canary[8]));
            region.FillCanary(region._canaryPage, page);
            region.FillCanary(region._dataPages, (int)(region.Data - region._dataPages));
            if (!os.Protect(region._canaryPage, (nuint)page, PageAccess.Read, out error))
                throw new InsufficientMemoryException($"mprotect of a guarded secret failed (OS error {error}).");

            var protection = SecretProtection.GuardPages | SecretProtection.Canaries;
            locked = LockBudget.TryLock(region._dataPages, dataLength, policy);
            if (locked) protection |= SecretProtection.Locked;
            protection |= Arena.Slab.ApplyAdvice(os, mapping, mappingLength, dataLength, policy);
            if (noAccessAtRest)
            {
                if (!os.Protect(region._dataPages, dataLength, PageAccess.None, out error))
                    throw new InsufficientMemoryException($"mprotect of a guarded secret failed (OS error {error}).");
                protection |= SecretProtection.NoAccessAtRest;
            }
            region.Protection = protection;
            lock (s_registryLock) s_registry.Add(region);
            MemoryMetrics.GuardedAllocated();
            return region;
        }
        catch
        {
            if (locked) LockBudget.Unlocked(dataLength);
            os.Release(mapping, mappingLength);
            throw;
        }
    }

    /// <summary>Opens a lease: the first opener makes no-access pages accessible; writers are refused while frozen.</summary>
    internal void Open(bool write)
    {
        lock (_lock)
        {
            if (write)
            {
                if (_frozen) ThrowHelper.Frozen();
                _writers++;
            }
            if (_openCount++ == 0 && NoAccessAtRest) SetAccess(_frozen ? PageAccess.Read : PageAccess.ReadWrite);
        }
    }

    /// <summary>Closes a lease (the last one makes no-access pages inaccessible again).</summary>
    internal void Close(bool write)
    {
        lock (_lock)
        {
            if (write) _writers--;
            if (--_openCount == 0 && NoAccessAtRest && !_released) SetAccess(PageAccess.None);
        }
    }

    internal bool IsFrozen => Volatile.Read(ref _frozen);

    /// <summary>Switches the data pages between read-only and read-write (hardware-enforced).</summary>
    internal void SetFrozen(bool frozen)
    {
        lock (_lock)
        {
            if (frozen && _writers > 0) ThrowHelper.WritersOpen();
            _frozen = frozen;
            if (!_released) SetAccess(CurrentAccess());
        }
    }

    /// <summary>Zeroes the data: the purge. Leaves the protection as it was.</summary>
    internal void Wipe()
    {
        lock (_lock)
        {
            if (_released) return;
            bool restore = CurrentAccess() != PageAccess.ReadWrite;
            if (restore) SetAccess(PageAccess.ReadWrite);
            new Span<byte>(Data, Length).Clear();
            if (restore) SetAccess(CurrentAccess());
        }
    }

    /// <summary>Checks the canaries (fail fast on mismatch), zeroes the data and unmaps everything.</summary>
    internal void Release()
    {
        lock (s_registryLock) s_registry.Remove(this);
        lock (_lock)
        {
            if (_released) return;
            _released = true;
            PageAllocator os = PageAllocator.Current;
            if (CurrentAccess() != PageAccess.ReadWrite) SetAccess(PageAccess.ReadWrite);
            if (!CanaryIntact(_canaryPage + os.PageSize - CanarySize, CanarySize) ||
                !CanaryIntact(_dataPages, (int)(Data - _dataPages)))
                ThrowHelper.Corrupted("guarded buffer");
            new Span<byte>(Data, Length).Clear();
            if ((Protection & SecretProtection.Locked) != 0)
            {
                os.Unlock(_dataPages, _dataPagesLength);
                LockBudget.Unlocked(_dataPagesLength);
            }
            os.Release(_mapping, _mappingLength);
        }
        MemoryMetrics.GuardedFreed();
    }

    internal static void WipeAll()
    {
        GuardedRegion[] regions;
        lock (s_registryLock) regions = [.. s_registry];
        foreach (GuardedRegion region in regions) region.Wipe();
    }

    internal static IReadOnlyList<(nint Start, nint End)> DataRanges()
    {
        lock (s_registryLock)
            return [.. s_registry.Select(r => ((nint)r._dataPages, (nint)(r._dataPages + r._dataPagesLength)))];
    }

    private PageAccess CurrentAccess() =>
        NoAccessAtRest && _openCount == 0 ? PageAccess.None : _frozen ? PageAccess.Read : PageAccess.ReadWrite;

    private void SetAccess(PageAccess access)
    {
        if (!PageAllocator.Current.Protect(_dataPages, _dataPagesLength, access, out int error))
            Environment.FailFast($"NoFuture.Memory: mprotect of a guarded secret failed (OS error {error}).");
    }

    private void FillCanary(byte* at, int count)
    {
        for (int i = 0; i < count; i++) at[i] = CanaryByte(at + i);
    }

    private bool CanaryIntact(byte* at, int count)
    {
        int diff = 0;
        for (int i = 0; i < count; i++) diff |= at[i] ^ CanaryByte(at + i);
        return diff == 0;
    }

    /// <summary>The canary byte for an address: the 16-byte random canary repeated with period 16.</summary>
    private byte CanaryByte(byte* address)
    {
        int k = (int)((nint)address & 15);
        return (byte)((k < 8 ? _canary0 : _canary1) >> (8 * (k & 7)));
    }
}
