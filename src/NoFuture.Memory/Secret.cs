// The handle to one secret in secret memory. There is no accessor that returns the bytes as an array: they are
// reached through scoped leases or span callbacks, and the handle keeps the memory alive while a lease is
// open (SafeHandle-style reference counting), so Dispose during use defers the wipe instead of freeing
// memory in use.
using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using NoFuture.Memory.Arena;
using NoFuture.Memory.Guarded;

namespace NoFuture.Memory;

/// <summary>
/// A secret held in locked, guard-paged, never-dumped native memory. Create one with <see cref="Allocate"/>,
/// <see cref="CreateRandom"/>, <see cref="MoveFrom"/> or the <c>ReadFrom…</c> methods; read and write it through
/// <see cref="OpenRead"/> / <see cref="OpenWrite"/> leases or the <c>Read</c>/<c>Write</c> callbacks; dispose it to
/// wipe it.
/// </summary>
/// <remarks>
/// <para>Thread-safe: leases may be opened from several threads. Writes through concurrent leases are not
/// synchronised with each other (as with any memory).</para>
/// <para>A lease is a <c>ref struct</c>. A copy of it is the same lease: disposing either closes both, once.</para>
/// <para><see cref="ToString"/> never shows the content or the length.</para>
/// </remarks>
[DebuggerDisplay("Secret")]
public sealed unsafe partial class Secret : IDisposable
{
    /// <summary>The largest secret the pooled tier holds.</summary>
    public const int MaxPooledLength = SecretArena.MaxClass;

    /// <summary>The largest secret (1 GiB).</summary>
    public const int MaxLength = 1 << 30;

    private const int DisposedBit = 1, FreedBit = 2, RefOne = 4;

    private readonly byte* _data;
    private readonly Slab? _slab;
    private readonly int _slot;
    private readonly GuardedRegion? _region;
    // Null for a secret whose owner guarantees Dispose (AllocateOwned): then no finalizable object exists at all.
    private readonly SecretReclaimer? _reclaimer;
    private readonly int _epoch;
    private int _state;
    // Pooled tier only (the guarded tier keeps both in the region): FrozenBit, plus WriterOne per open write lease.
    private int _writeGate;
    private const int FrozenBit = 1, WriterOne = 2;

    private Secret(Slab slab, int slot, int length, bool reclaim)
    {
        _slab = slab;
        _slot = slot;
        _data = slab.DataOf(slot, length);
        Length = length;
        _epoch = SecureMemory.EpochForNewAllocation();
        if (reclaim) _reclaimer = new SecretReclaimer(this);
    }

    private Secret(GuardedRegion region, bool reclaim)
    {
        _region = region;
        _data = region.Data;
        Length = region.Length;
        _epoch = SecureMemory.EpochForNewAllocation();
        if (reclaim) _reclaimer = new SecretReclaimer(this);
    }

    /// <summary>The number of bytes in the secret.</summary>
    public int Length { get; }

    /// <summary>The tier the secret lives in.</summary>
    public SecretTier Tier => _slab is null ? SecretTier.Guarded : SecretTier.Pooled;

    /// <summary>The protections this allocation actually got from the operating system.</summary>
    public SecretProtection Protection => _slab?.Protection ?? _region!.Protection;

    /// <summary>True after <see cref="Dispose"/> or <see cref="SecureMemory.Purge"/>.</summary>
    public bool IsDisposed => (Volatile.Read(ref _state) & DisposedBit) != 0 || _epoch != SecureMemory.Epoch;

    /// <summary>True while the secret is frozen (read-only); see <see cref="Freeze"/>.</summary>
    public bool IsFrozen => _region?.IsFrozen ?? (Volatile.Read(ref _writeGate) & FrozenBit) != 0;

    /// <summary>Allocates a zeroed secret of <paramref name="length"/> bytes.</summary>
    /// <param name="length">1 to <see cref="MaxLength"/> bytes.</param>
    /// <param name="options">Tier, no-access-at-rest and policy; <see cref="SecretOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The length is out of range, or too large for the pooled tier.</exception>
    /// <exception cref="ProtectionRefusedException">The OS refused a protection under the strict policy.</exception>
    /// <exception cref="OutOfMemoryException">The OS could not map the memory.</exception>
    public static Secret Allocate(int length, SecretOptions? options = null) => AllocateCore(length, options, reclaim: true);

    /// <summary>
    /// As <see cref="Allocate(int, SecretOptions?)"/>, for an owner that guarantees <see cref="Dispose"/> (the C ABI's
    /// handle table, which holds the secret until <c>nf_secret_free</c>): the secret has no finalizer, so creating
    /// and disposing it costs no finalization registration. Forgotten, its memory stays taken (not wiped) until a
    /// purge or process exit.
    /// </summary>
    internal static Secret AllocateOwned(int length, SecretOptions? options) => AllocateCore(length, options, reclaim: false);

    private static Secret AllocateCore(int length, SecretOptions? options, bool reclaim)
    {
        if ((uint)(length - 1) >= MaxLength) ThrowHelper.BadLength(nameof(length));
        options ??= SecretOptions.Default;
        if (options.UsesGuardedTier(length))
            return new Secret(GuardedRegion.Create(length, options.NoAccessAtRest, options.EffectivePolicy), reclaim);
        if (length > MaxPooledLength)
            ThrowHelper.PooledTooLong(nameof(length));
        Slab slab = SecretArena.Rent(length, out int slot, options.EffectivePolicy);
        return new Secret(slab, slot, length, reclaim);
    }

    /// <summary>
    /// As <see cref="AllocateOwned"/> for a pooled secret, from a slot an earlier <see cref="TryDisposeRecycling"/>
    /// kept (no shard lock); null when none of <paramref name="length"/>'s size class is kept. The caller checked that
    /// the length (1 to <see cref="MaxPooledLength"/>) and options give the pooled tier, and serialises every call to
    /// this method and to <see cref="TryDisposeRecycling"/> (the C ABI's handle table calls both under its lock).
    /// </summary>
    internal static Secret? TryAllocateRecycled(int length)
    {
        if (!RecycledSlots.TryTake(length, out Slab slab, out int slot)) return null;
        try
        {
            return new Secret(slab, slot, length, reclaim: false);
        }
        catch
        {
            RecycledSlots.TryPush(slab, slot); // cannot be full: the slot was just taken, and calls are serialised
            throw;
        }
    }

    /// <summary>
    /// For an owned pooled secret with no lease open: disposes it as <see cref="Dispose"/> would, wiping its slot,
    /// but keeps the slot for the next <see cref="TryAllocateRecycled"/> (or returns it to its shard when enough are
    /// kept). Otherwise (guarded tier, a lease open, already disposed) changes nothing and returns false: the caller
    /// then calls <see cref="Dispose"/>, outside its lock. Calls are serialised as for <see cref="TryAllocateRecycled"/>.
    /// </summary>
    internal bool TryDisposeRecycling()
    {
        // The same step as Dispose's fast path: a lease opened on another thread either got in first (then this
        // fails and Dispose defers the wipe to the last lease) or sees the secret disposed.
        if (_slab is null || _reclaimer is not null || Interlocked.CompareExchange(ref _state, DisposedBit | FreedBit, 0) != 0)
            return false;
        _slab.Scrub(_slot);
        if (!RecycledSlots.TryPush(_slab, _slot)) _slab.Shard.Return(_slab, _slot);
        return true;
    }

    /// <summary>True when a finalizer frees this secret if it is never disposed (every secret but AllocateOwned's).</summary>
    internal bool IsReclaimed => _reclaimer is not null;

    /// <summary>Opens a read lease. Dispose it (<c>using var lease = secret.OpenRead();</c>) when done.</summary>
    /// <exception cref="ObjectDisposedException">The secret was disposed or purged.</exception>
    public SecretReadLease OpenRead()
    {
        AddRef();
        if (_region is { NoAccessAtRest: true })
        {
            try { _region.Open(write: false); }
            catch { Release(); throw; }
        }
        return new SecretReadLease(this, _data, Length);
    }

    /// <summary>Opens a write lease. Dispose it when done.</summary>
    /// <exception cref="ObjectDisposedException">The secret was disposed or purged.</exception>
    /// <exception cref="InvalidOperationException">The secret is frozen.</exception>
    public SecretWriteLease OpenWrite()
    {
        BeginWrite();
        return new SecretWriteLease(this, _data, Length);
    }

    /// <summary>Calls <paramref name="action"/> with the secret's bytes, inside a read lease.</summary>
    /// <exception cref="ObjectDisposedException">The secret was disposed or purged.</exception>
    public void Read<TState>(TState state, ReadOnlySpanAction<byte, TState> action)
        where TState : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(action);
        using SecretReadLease lease = OpenRead();
        action(lease.Span, state);
    }

    /// <summary>Calls <paramref name="reader"/> with the secret's bytes, inside a read lease, and returns its result.</summary>
    /// <exception cref="ObjectDisposedException">The secret was disposed or purged.</exception>
    public TResult Read<TState, TResult>(TState state, SecretReadFunc<TState, TResult> reader)
        where TState : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(reader);
        using SecretReadLease lease = OpenRead();
        return reader(lease.Span, state);
    }

    /// <summary>Calls <paramref name="action"/> with the secret's writable bytes, inside a write lease.</summary>
    /// <exception cref="ObjectDisposedException">The secret was disposed or purged.</exception>
    /// <exception cref="InvalidOperationException">The secret is frozen.</exception>
    public void Write<TState>(TState state, SpanAction<byte, TState> action)
        where TState : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(action);
        using SecretWriteLease lease = OpenWrite();
        action(lease.Span, state);
    }

    /// <summary>
    /// Makes the secret read-only. In the guarded tier the pages become read-only in hardware (a stray write
    /// faults); in the pooled tier, where slots share pages, write leases are refused. Either way a secret with an
    /// open write lease is not frozen.
    /// </summary>
    /// <exception cref="InvalidOperationException">A write lease is open.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed or purged.</exception>
    public void Freeze() => SetFrozen(true);

    /// <summary>Makes a frozen secret writable again.</summary>
    /// <exception cref="ObjectDisposedException">The secret was disposed or purged.</exception>
    public void Melt() => SetFrozen(false);

    /// <summary>Wipes the secret's bytes to zero; the secret stays usable.</summary>
    /// <exception cref="InvalidOperationException">The secret is frozen.</exception>
    public void Clear()
    {
        using SecretWriteLease lease = OpenWrite();
        lease.Span.Clear();
    }

    /// <summary>Wipes and frees the secret. If a lease is open, the wipe happens when the last lease closes.</summary>
    public void Dispose()
    {
        // Fast path: no lease open, not yet disposed: mark disposed and freed in one step.
        if (Interlocked.CompareExchange(ref _state, DisposedBit | FreedBit, 0) == 0)
        {
            Free();
            _reclaimer?.Cancel();
            return;
        }
        int state = Volatile.Read(ref _state);
        while (true)
        {
            if ((state & DisposedBit) != 0) return;
            int seen = Interlocked.CompareExchange(ref _state, state | DisposedBit, state);
            if (seen == state) break;
            state = seen;
        }
        if (state >> 2 == 0) FreeOnce();
        _reclaimer?.Cancel();
    }

    /// <summary>Returns "Secret": never the content, never the length.</summary>
    public override string ToString() => "Secret";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddRef()
    {
        int state = Volatile.Read(ref _state);
        while (true)
        {
            if ((state & DisposedBit) != 0 || _epoch != SecureMemory.Epoch) ThrowHelper.Disposed(nameof(Secret));
            int seen = Interlocked.CompareExchange(ref _state, state + RefOne, state);
            if (seen == state) return;
            state = seen;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Release()
    {
        int state = Interlocked.Add(ref _state, -RefOne);
        // More releases than references: something released twice, and the memory may already be freed under a
        // lease. Continuing could hand out another secret's bytes; stop without touching them.
        if (state < 0) ThrowHelper.CountCorrupted();
        if ((state & DisposedBit) != 0 && state >> 2 == 0) FreeOnce();
    }

    internal void EndLease(bool write)
    {
        // A write lease that outlived a purge may have written after the purge wiped this secret: wipe again while
        // the lease still holds its reference (so the memory is still this secret's). Every write lease does this
        // as it closes, so once the last one has closed nothing written after the purge remains.
        if (write && _epoch != SecureMemory.Epoch) WipeAfterPurge();
        if (_region is not null)
        {
            if (write || _region.NoAccessAtRest) _region.Close(write);
        }
        else if (write && Interlocked.Add(ref _writeGate, -WriterOne) < 0)
        {
            ThrowHelper.CountCorrupted();
        }
        Release();
    }

    private void WipeAfterPurge()
    {
        if (_region is not null) _region.Wipe();
        // SAFETY: the caller's lease holds a reference, so the slot is still this secret's and mapped read-write.
        else new Span<byte>(_data, Length).Clear();
    }

    /// <summary>Pooled tier: counts a write lease in, unless the secret is frozen (checked in the same step).</summary>
    private void EnterPooledWriter()
    {
        int gate = Volatile.Read(ref _writeGate);
        while (true)
        {
            if ((gate & FrozenBit) != 0) ThrowHelper.Frozen();
            int seen = Interlocked.CompareExchange(ref _writeGate, gate + WriterOne, gate);
            if (seen == gate) return;
            gate = seen;
        }
    }

    /// <summary>Pooled tier: freezes only while no write lease is open (checked in the same step); melts always.</summary>
    private void SetPooledFrozen(bool frozen)
    {
        int gate = Volatile.Read(ref _writeGate);
        while (true)
        {
            if (frozen && gate >= WriterOne) ThrowHelper.WritersOpen();
            int seen = Interlocked.CompareExchange(ref _writeGate, frozen ? gate | FrozenBit : gate & ~FrozenBit, gate);
            if (seen == gate) return;
            gate = seen;
        }
    }

    internal byte* DangerousData => _data;

    private void SetFrozen(bool frozen)
    {
        AddRef();
        try
        {
            if (_region is not null) _region.SetFrozen(frozen);
            else SetPooledFrozen(frozen);
        }
        finally
        {
            Release();
        }
    }

    internal void FreeOnce()
    {
        int state = Volatile.Read(ref _state);
        while (true)
        {
            if ((state & FreedBit) != 0) return;
            int seen = Interlocked.CompareExchange(ref _state, state | FreedBit, state);
            if (seen == state) break;
            state = seen;
        }
        Free();
    }

    private void Free()
    {
        if (_slab is not null)
        {
            _slab.Scrub(_slot);
            _slab.Shard.Return(_slab, _slot);
        }
        else
        {
            _region!.Release();
        }
    }
}
