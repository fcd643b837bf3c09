// Large working memory for secret-dependent computations (Argon2's memory matrix: megabytes to gigabytes), where a
// Secret's per-allocation guarantees do not fit: a Secret is at most 1 GiB, and a strict policy would refuse a
// 64 MiB lock under an 8 MiB RLIMIT_MEMLOCK. The scratch is one mapping
//   [guard page: none][data pages: dont-dump, wipe-on-fork, locked when the budget allows][guard page: none]
// Locking is attempted only when LockBudget says the whole range fits (and a refusal by the kernel is tolerated):
// the scratch then reports what it got in Protection, without raising ProtectionDegraded, because the caller asked
// for "locked if possible", not for a lock. Dump exclusion and fork protection follow the process policy. Dispose
// wipes every byte and unmaps. The owner must not dispose while another thread still uses the memory.
// Speed: on Linux a scratch of 2 MiB or more starts on a 2 MiB boundary and asks for transparent huge pages
// (MADV_HUGEPAGE; honoured when THP is "madvise" or "always"): faulting in (or locking) and unmapping 4 KiB pages
// cost about 2.5 us each on the development VM, which made a 19 MiB allocation cost as much as the hash itself.
using System.Diagnostics;
using System.Runtime.InteropServices;
using NoFuture.Memory.Platform;

namespace NoFuture.Memory;

/// <summary>
/// A large, page-aligned block of native memory for intermediate secret state: never dumped, wiped on fork where the
/// OS allows, locked when the memory-lock budget allows, wiped to zero and unmapped on <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// <para>Use a <see cref="Secret"/> for keys and other long-lived secrets. This type is for working memory that a
/// computation fills and discards (a password-hashing memory matrix), and exposes a raw pointer for speed.</para>
/// <para>Not thread-safe to dispose while in use: the owner keeps it alive until every user is done.</para>
/// <para><see cref="SecureMemory.Purge"/> wipes every live scratch to zero (it stays mapped, so a computation still
/// running on it cannot fault); <see cref="WasPurged"/> then tells its owner that the contents are gone.</para>
/// </remarks>
[DebuggerDisplay("SecretScratch")]
public sealed unsafe class SecretScratch : IDisposable
{
    private const long HugePageSize = 2 << 20;
    private const int MadvHugePage = 14; // Linux MADV_HUGEPAGE

    private static readonly Lock s_liveLock = new();
    private static readonly Dictionary<nint, nuint> s_live = []; // data → length of every scratch not yet freed

    private nint _mapping; // the whole mapping; 0 once freed (swapped atomically, so only one Free runs)
    private bool _readWrite; // the data pages were made read-write (until then Free must not touch them)
    private readonly int _epoch = SecureMemory.EpochForNewAllocation();
    private readonly byte* _data;
    private readonly nuint _mappingLength;
    private readonly nuint _dataLength;

    private SecretScratch(byte* mapping, byte* data, nuint mappingLength, nuint dataLength, long length)
    {
        _mapping = (nint)mapping;
        _data = data;
        _mappingLength = mappingLength;
        _dataLength = dataLength;
        Length = length;
    }

    /// <summary>Frees the memory if the owner forgot to (the finalizer wipes it).</summary>
    ~SecretScratch() => Free();

    /// <summary>The usable length in bytes.</summary>
    public long Length { get; }

    /// <summary>The protections this allocation got (guard pages; dump exclusion, fork protection, lock where granted).</summary>
    public SecretProtection Protection { get; private set; }

    /// <summary>True after <see cref="Dispose"/>: the memory has been wiped and unmapped.</summary>
    public bool IsDisposed => Volatile.Read(ref _mapping) == 0;

    /// <summary>
    /// True when <see cref="SecureMemory.Purge"/> ran after this scratch was allocated: its contents were wiped to zero,
    /// so any result computed from it is wrong and must be discarded.
    /// </summary>
    public bool WasPurged => SecureMemory.Epoch != _epoch;

    /// <summary>The first byte (page-aligned). Valid until <see cref="Dispose"/>.</summary>
    /// <exception cref="ObjectDisposedException">The scratch was disposed.</exception>
    public byte* Data
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _data;
        }
    }

    /// <summary>Allocates <paramref name="length"/> zeroed bytes.</summary>
    /// <param name="length">1 byte or more.</param>
    /// <param name="policy">What happens when dump exclusion or fork protection is refused; the process policy when null.
    /// Locking is never required: it happens when the budget allows.</param>
    /// <exception cref="ArgumentOutOfRangeException">The length is not positive.</exception>
    /// <exception cref="InsufficientMemoryException">The OS could not map the memory.</exception>
    /// <exception cref="ProtectionRefusedException">A protection was refused under the strict policy.</exception>
    public static SecretScratch Allocate(long length, ProtectionPolicy? policy = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        PageAllocator os = PageAllocator.Current;
        long page = os.PageSize;
        long dataPages = (length + page - 1) / page;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dataPages, (long.MaxValue / page) - 2, nameof(length));
        nuint dataLength = (nuint)(dataPages * page);
        bool huge = OperatingSystem.IsLinux() && length >= HugePageSize;
        // Room for the front guard page plus alignment to a huge page; the unused part stays PROT_NONE.
        nuint mappingLength = dataLength + (nuint)(2 * page) + (nuint)(huge ? HugePageSize : 0);
        byte* mapping = os.Reserve(mappingLength, out int error);
        if (mapping == null) ThrowHelper.MapFailed("scratch memory", error);
        byte* data = huge ? (byte*)(((nuint)(mapping + page) + (nuint)(HugePageSize - 1)) & ~(nuint)(HugePageSize - 1)) : mapping + page;
        var scratch = new SecretScratch(mapping, data, mappingLength, dataLength, length);
        try
        {
            if (!os.Protect(data, dataLength, PageAccess.ReadWrite, out error))
                ThrowHelper.ProtectFailed("scratch memory", error);
            scratch._readWrite = true;
            // Best effort: without THP the advice fails or is ignored and the memory works the same.
            if (huge && OperatingSystem.IsLinux()) _ = Interop.LibCLinux.Madvise(data, dataLength, MadvHugePage);
            var protection = SecretProtection.GuardPages;
            // Lock only when the whole range fits the budget, so that no refusal is raised for a lock nobody required.
            if ((long)dataLength <= LockBudget.Available && os.Lock(data, dataLength, out _))
            {
                LockBudget.Charged(dataLength);
                protection |= SecretProtection.Locked;
                scratch.Protection = protection; // so that a failure below gives the budget back in Free
            }
            protection |= Arena.Slab.ApplyAdvice(os, mapping, mappingLength, dataLength, policy ?? SecureMemory.Policy);
            scratch.Protection = protection;
            lock (s_liveLock) s_live.Add((nint)data, dataLength);
            return scratch;
        }
        catch
        {
            scratch.Dispose();
            throw;
        }
    }

    /// <summary>A span over <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the scratch.</exception>
    /// <exception cref="ObjectDisposedException">The scratch was disposed.</exception>
    public Span<byte> GetSpan(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, Length - length);
        // SAFETY: the range was checked against Length, and the mapping stays valid until Dispose.
        return new Span<byte>(Data + offset, length);
    }

    /// <summary>Wipes every byte, unlocks and unmaps. Safe to call twice, also from two threads (one of them frees).</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    /// <summary>Purge: wipes every live scratch to zero, leaving it mapped. Called under the purge lock.</summary>
    internal static void WipeAll()
    {
        lock (s_liveLock)
        {
            foreach ((nint data, nuint length) in s_live) Wipe((byte*)data, length);
        }
    }

    /// <summary>Zeroes [data, data + length) in chunks of at most 1 GiB (a span's limit).</summary>
    private static void Wipe(byte* data, nuint length)
    {
        // SAFETY: callers pass a registered scratch's read-write data range, mapped until Free removes it from the registry.
        for (nuint done = 0; done < length;)
        {
            int chunk = (int)Math.Min(length - done, (nuint)(1 << 30));
            new Span<byte>(data + done, chunk).Clear();
            done += (nuint)chunk;
        }
    }

    private void Free()
    {
        byte* mapping = (byte*)Interlocked.Exchange(ref _mapping, 0);
        if (mapping == null) return;
        byte* data = _data;
        // Out of the registry first: once removed, Purge no longer touches this memory, so it may be unmapped.
        lock (s_liveLock) s_live.Remove((nint)data);
        if (_readWrite) Wipe(data, _dataLength); // the owner has stopped using it
        if ((Protection & SecretProtection.Locked) != 0) LockBudget.Unlocked(_dataLength);
        PageAllocator.Current.Release(mapping, _mappingLength);
    }
}
