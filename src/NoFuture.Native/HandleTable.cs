// Opaque handles for the C ABI. A handle is never a pointer: it packs a slot index, the slot's generation and a
// type tag into a uint64, so a freed, forged, stale or wrongly typed handle is detected and answered with a status
// code, never dereferenced (docs/native.md, "Handles").
using System.Runtime.CompilerServices;
using NoFuture.Memory;

namespace NoFuture.Native;

internal static class HandleTable
{
    // Layout: bits 0..31 slot index, bits 32..55 generation (1..GenerationLimit), bits 56..63 HandleKind.
    // Generation 0 and kind None never occur, so 0 is never a valid handle.
    private const int GenerationBits = 24;
    private const uint GenerationLimit = (1u << GenerationBits) - 1;
    private const int MaxSlots = 1 << 24;

    // A spin lock rather than System.Threading.Lock: it is held for a few dozen instructions (lookup, insert,
    // remove), and Lock's owner tracking reads the managed thread id from thread-local storage, which in a shared
    // library goes through __tls_get_addr on every enter and exit: about a fifth of nf_secret_new + nf_secret_free
    // (bench/RESULTS.md, "C ABI"). Contended, it spins, then yields, then sleeps (SpinWait), so a preempted holder
    // is not starved.
    private static int s_locked;
    private static Slot[] s_slots = new Slot[64];
    private static int s_used;          // slots ever handed out (s_slots[0..s_used))
    private static int s_freeHead = -1; // free list threaded through Slot.NextFree

    private struct Slot
    {
        internal object? Target;
        internal uint Generation;
        internal HandleKind Kind;
        internal int NextFree;
    }

    /// <summary>Stores <paramref name="target"/> and returns its new handle.</summary>
    internal static int Add(object target, HandleKind kind, out ulong handle)
    {
        handle = 0;
        Enter();
        try
        {
            if (!HasRoom()) return NativeStatus.TooManyHandles;
            handle = Insert(target, kind);
            return NativeStatus.Ok;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// nf_secret_new's fast path: a pooled secret in a slot an earlier <see cref="RemoveSecret"/> kept
    /// (<see cref="Secret.TryAllocateRecycled"/>), made and given its handle in one locked section, so the whole
    /// creation costs one interlocked operation instead of two (the shard's lock and this one). False, with nothing
    /// changed, when no slot of the size class is kept or the table is full: the caller takes the ordinary path.
    /// </summary>
    internal static bool TryAddRecycledSecret(int length, out ulong handle)
    {
        handle = 0;
        Enter();
        try
        {
            // Room first (growing the table may throw): once the secret exists, inserting it cannot fail.
            if (!HasRoom()) return false;
            Secret? secret = Secret.TryAllocateRecycled(length);
            if (secret is null) return false;
            handle = Insert(secret, HandleKind.Secret);
            return true;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Looks <paramref name="handle"/> up as a <paramref name="kind"/>.</summary>
    internal static int Get<T>(ulong handle, HandleKind kind, out T? target) where T : class
    {
        target = null;
        Enter();
        try
        {
            int status = Find(handle, kind, out int index);
            if (status != NativeStatus.Ok) return status;
            target = (T)s_slots[index].Target!;
            return NativeStatus.Ok;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Removes <paramref name="handle"/>; its slot's next handle gets a new generation.</summary>
    internal static int Remove<T>(ulong handle, HandleKind kind, out T? target) where T : class
    {
        target = null;
        Enter();
        try
        {
            int status = Find(handle, kind, out int index);
            if (status != NativeStatus.Ok) return status;
            target = (T)RemoveAt(index);
            return NativeStatus.Ok;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// nf_secret_free: removes a secret's handle and, in the same locked section, disposes the secret keeping its
    /// slot for <see cref="TryAddRecycledSecret"/> (<see cref="Secret.TryDisposeRecycling"/>: two interlocked
    /// operations in all instead of three). A secret that cannot be disposed that way (guarded tier, a lease open on
    /// another thread) comes back in <paramref name="toDispose"/>; the caller disposes it after the lock.
    /// </summary>
    internal static int RemoveSecret(ulong handle, out Secret? toDispose)
    {
        toDispose = null;
        Enter();
        try
        {
            int status = Find(handle, HandleKind.Secret, out int index);
            if (status != NativeStatus.Ok) return status;
            var secret = (Secret)RemoveAt(index);
            // The handle is gone before the wipe: a lookup racing this free gets BadHandle, or got the secret just
            // before and then finds it disposed when it opens a lease (or holds a lease, and the dispose waits).
            if (!secret.TryDisposeRecycling()) toDispose = secret;
            return NativeStatus.Ok;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>True while <paramref name="handle"/> names a live object (of any kind).</summary>
    internal static bool IsLive(ulong handle)
    {
        Enter();
        try
        {
            return Find(handle, (HandleKind)(handle >> 56), out _) == NativeStatus.Ok;
        }
        finally
        {
            Exit();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Enter()
    {
        if (Interlocked.CompareExchange(ref s_locked, 1, 0) != 0) EnterContended();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EnterContended()
    {
        var spin = new SpinWait();
        do spin.SpinOnce(sleep1Threshold: 20);
        while (Volatile.Read(ref s_locked) != 0 || Interlocked.CompareExchange(ref s_locked, 1, 0) != 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exit() => Volatile.Write(ref s_locked, 0);

    // Callers hold the lock.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasRoom()
    {
        if (s_freeHead >= 0) return true;
        if (s_used == MaxSlots) return false;
        if (s_used == s_slots.Length) Array.Resize(ref s_slots, Math.Min(s_slots.Length * 2, MaxSlots));
        return true;
    }

    // Callers hold the lock and checked HasRoom.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Insert(object target, HandleKind kind)
    {
        int index;
        if (s_freeHead >= 0)
        {
            index = s_freeHead;
            s_freeHead = s_slots[index].NextFree;
        }
        else
        {
            index = s_used++;
        }
        ref Slot slot = ref s_slots[index];
        slot.Generation++; // 0 -> 1 for a fresh slot; a freed slot advances past every handle it issued
        slot.Target = target;
        slot.Kind = kind;
        slot.NextFree = -1;
        return (ulong)(uint)index | ((ulong)slot.Generation << 32) | ((ulong)kind << 56);
    }

    // Callers hold the lock and found index live.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static object RemoveAt(int index)
    {
        ref Slot slot = ref s_slots[index];
        object target = slot.Target!;
        slot.Target = null;
        slot.Kind = HandleKind.None;
        // A slot whose generation is used up is retired rather than recycled, so no handle value ever
        // comes back to life.
        if (slot.Generation < GenerationLimit)
        {
            slot.NextFree = s_freeHead;
            s_freeHead = index;
        }
        return target;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(ulong handle, HandleKind kind, out int index)
    {
        index = (int)(uint)handle;
        uint generation = (uint)(handle >> 32) & GenerationLimit;
        var tag = (HandleKind)(handle >> 56);
        if ((uint)index >= (uint)s_used || generation == 0) return NativeStatus.BadHandle;
        ref Slot slot = ref s_slots[index];
        if (slot.Target is null || slot.Generation != generation || slot.Kind != tag) return NativeStatus.BadHandle;
        return tag == kind ? NativeStatus.Ok : NativeStatus.WrongHandleType;
    }
}
