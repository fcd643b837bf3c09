// A guarded buffer's own mapping:
//   [guard page: none][canary page: read-only, only when needed][data pages: locked, dont-dump][guard page: none]
// The data is right-aligned against the back guard, so writing one byte past the end faults. The bytes in front
// of the data in its first page (the slack) hold the random 16-byte canary pattern and are checked on free.
// When the slack is shorter than 16 bytes (e.g. a page-multiple size) a read-only canary page goes in front, so
// there are always at least 16 canary bytes before the data, and an underflow that reaches that page faults.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    private readonly byte* _canaryPage; // null when the slack holds the canary
    private readonly byte* _dataPages;
    private readonly nuint _dataPagesLength;
    private readonly Vector128<byte> _canary;
    private int _openCount;
    private int _writers;
    private bool _frozen;
    private bool _released;

    private GuardedRegion(byte* mapping, nuint mappingLength, bool canaryPage, int length, int dataPages,
        bool noAccessAtRest, Vector128<byte> canary)
    {
        int page = PageAllocator.Current.PageSize;
        _mapping = mapping;
        _mappingLength = mappingLength;
        _canaryPage = canaryPage ? mapping + page : null;
        _dataPages = mapping + (canaryPage ? 2 : 1) * page;
        _dataPagesLength = (nuint)(dataPages * page);
        Length = length;
        Data = _dataPages + _dataPagesLength - length;
        NoAccessAtRest = noAccessAtRest;
        _canary = canary;
    }

    internal byte* Data { get; }

    internal int Length { get; }

    internal bool NoAccessAtRest { get; }

    internal SecretProtection Protection { get; private set; }

    internal bool IsFrozen => Volatile.Read(ref _frozen);

    internal static GuardedRegion Create(int length, bool noAccessAtRest, ProtectionPolicy policy)
    {
        PageAllocator os = PageAllocator.Current;
        int page = os.PageSize;
        int dataPages = (length + page - 1) / page;
        bool canaryPage = dataPages * page - length < CanarySize;
        nuint dataLength = (nuint)(dataPages * page);
        nuint openLength = dataLength + (nuint)(canaryPage ? page : 0);
        nuint mappingLength = openLength + (nuint)(2 * page);
        byte* mapping = os.Reserve(mappingLength, out int error);
        if (mapping == null) ThrowHelper.MapFailed("a guarded secret", error);
        bool locked = false;
        try
        {
            // Canary page (if any) + data pages read-write in one call; the outer pages stay PROT_NONE as guards.
            if (!os.Protect(mapping + page, openLength, PageAccess.ReadWrite, out error))
                ThrowHelper.ProtectFailed("a guarded secret", error);
            Span<byte> canary = stackalloc byte[CanarySize];
            CanarySource.Next(canary);
            var region = new GuardedRegion(mapping, mappingLength, canaryPage, length, dataPages, noAccessAtRest,
                Vector128.Create<byte>(canary));
            canary.Clear();

            // Lock first: mlock faults the pages in, so writing the canary below costs no further page fault.
            var protection = SecretProtection.GuardPages | SecretProtection.Canaries;
            locked = LockBudget.TryLock(region._dataPages, dataLength, policy);
            if (locked) protection |= SecretProtection.Locked;
            protection |= Arena.Slab.ApplyAdvice(os, mapping, mappingLength, dataLength, policy);

            region.WriteCanaries();
            if (canaryPage && !os.Protect(region._canaryPage, (nuint)page, PageAccess.Read, out error))
                ThrowHelper.ProtectFailed("a guarded secret", error);
            if (noAccessAtRest)
            {
                if (!os.Protect(region._dataPages, dataLength, PageAccess.None, out error))
                    ThrowHelper.ProtectFailed("a guarded secret", error);
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
            if (--_openCount < 0 || _writers < 0) ThrowHelper.CountCorrupted();
            if (_openCount == 0 && NoAccessAtRest && !_released) SetAccess(PageAccess.None);
        }
    }

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
            if (CurrentAccess() != PageAccess.ReadWrite) SetAccess(PageAccess.ReadWrite);
            if (!CanariesIntact()) ThrowHelper.Corrupted("guarded buffer");
            new Span<byte>(Data, Length).Clear();
            // munmap drops the lock with the pages; only our accounting needs updating.
            if ((Protection & SecretProtection.Locked) != 0) LockBudget.Unlocked(_dataPagesLength);
            PageAllocator.Current.Release(_mapping, _mappingLength);
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

    // The canary pattern is the 16-byte canary repeated at page-aligned (hence 16-byte-aligned) offsets.
    private void WriteCanaries()
    {
        if (_canaryPage != null) Pattern(_canaryPage + PageAllocator.Current.PageSize - CanarySize, CanarySize, write: true);
        Pattern(_dataPages, (int)(Data - _dataPages), write: true);
    }

    private bool CanariesIntact()
    {
        bool intact = true;
        if (_canaryPage != null) intact &= Pattern(_canaryPage + PageAllocator.Current.PageSize - CanarySize, CanarySize, write: false);
        return intact & Pattern(_dataPages, (int)(Data - _dataPages), write: false);
    }

    /// <summary>Writes or checks (without early exit) the pattern over [at, at + count); at is 16-byte aligned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Pattern(byte* at, int count, bool write)
    {
        Vector128<byte> diff = Vector128<byte>.Zero;
        int i = 0;
        for (; i + CanarySize <= count; i += CanarySize)
        {
            if (write) Vector128.Store(_canary, at + i);
            else diff |= Vector128.Load(at + i) ^ _canary;
        }
        int tail = 0;
        for (; i < count; i++)
        {
            byte expected = _canary.GetElement(i & (CanarySize - 1));
            if (write) at[i] = expected;
            else tail |= at[i] ^ expected;
        }
        return diff == Vector128<byte>.Zero && tail == 0;
    }
}
