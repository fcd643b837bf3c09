// Process-level control of secret memory: capabilities, the refusal policy, purge, signal handling and
// process hardening.
using System.Runtime.InteropServices;
using NoFuture.Memory.Arena;
using NoFuture.Memory.Enclaves;
using NoFuture.Memory.Guarded;
using NoFuture.Memory.Platform;

namespace NoFuture.Memory;

/// <summary>Process-wide settings and guards for secret memory.</summary>
public static class SecureMemory
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> NoFuture.Memory reports to.</summary>
    public const string MeterName = MemoryMetrics.MeterName;

    private static int s_epoch; // read with Volatile.Read through Epoch
    private static volatile ProtectionPolicy s_policy = ProtectionPolicy.Strict;
    private static readonly Lock s_purgeLock = new();

    /// <summary>
    /// What happens when the OS refuses a protection: <see cref="ProtectionPolicy.Strict"/> (the default) throws
    /// <see cref="ProtectionRefusedException"/>; <see cref="ProtectionPolicy.BestEffort"/> degrades and reports.
    /// </summary>
    public static ProtectionPolicy Policy
    {
        get => s_policy;
        set
        {
            if (!Enum.IsDefined(value)) ThrowHelper.Undefined(nameof(value));
            s_policy = value;
        }
    }

    /// <summary>Raised (on the allocating thread) when a protection is skipped under the best-effort policy.</summary>
    public static event EventHandler<ProtectionDegradedEventArgs>? ProtectionDegraded;

    /// <summary>A fresh reading of what the OS grants and what the live allocations hold.</summary>
    public static MemoryCapabilities Capabilities
    {
        get
        {
            PageAllocator os = PageAllocator.Current;
            long limit = os.MemlockSoftLimit;
            long pageRounded = limit == long.MaxValue ? long.MaxValue : limit / os.PageSize * os.PageSize;
            long remaining = LockBudget.Available;
            bool canLock = LockBudget.Privileged || remaining >= os.PageSize;
            ForkProtection fork = os.ForkProtectionAvailable;
            return new MemoryCapabilities
            {
                Platform = RuntimeInformation.OSDescription,
                PageSize = os.PageSize,
                MemlockLimitBytes = pageRounded,
                CanLockBeyondLimit = LockBudget.Privileged,
                LockedBytes = LockBudget.LockedBytes,
                LockableBytesRemaining = remaining,
                DontDump = os.CanExcludeFromDumps,
                ForkProtection = fork,
                GuardMechanism = os.GuardMechanism,
                MemfdSecret = os.SecretPagesAvailable,
                Policy = Policy,
                StrictPolicyCanHold = canLock && os.CanExcludeFromDumps && os.GuardMechanism != GuardMechanism.None
                                      && fork is ForkProtection.WipeOnFork or ForkProtection.DontFork or ForkProtection.NotApplicable,
                LivePooledSecrets = MemoryMetrics.LivePooled,
                LiveGuardedSecrets = MemoryMetrics.LiveGuarded,
                PooledSlots = SecretArena.TotalSlots,
                Refusals = MemoryMetrics.Refusals,
            };
        }
    }

    /// <summary>
    /// Even between purges, odd while one runs. A secret or scratch records the epoch it was made in and is dead
    /// once the epoch moves on, so everything alive when a purge starts is dead from its first wipe on.
    /// </summary>
    internal static int Epoch => Volatile.Read(ref s_epoch);

    /// <summary>
    /// The epoch a new allocation records. While a purge runs it waits for the purge to finish: an allocation made
    /// during the wipe may be wiped after it was filled, so it must either belong to the finished purge (dead) or
    /// to the epoch after it, whose wipes are over before its first byte is written. Waiting gives the second.
    /// </summary>
    internal static int EpochForNewAllocation()
    {
        int epoch = Volatile.Read(ref s_epoch);
        if ((epoch & 1) == 0) return epoch;
        lock (s_purgeLock)
        {
            // Re-entered on the purging thread (the lock is re-entrant) the epoch is still odd: the allocation then
            // gets the epoch before the purge, so it is born dead, the safe side.
            epoch = Volatile.Read(ref s_epoch);
            return (epoch & 1) == 0 ? epoch : epoch - 1;
        }
    }

    /// <summary>
    /// Wipes every live secret (pooled and guarded), every live <see cref="SecretScratch"/> and the enclave key. Afterwards every existing
    /// <see cref="Secret"/> and <see cref="Enclave"/> throws <see cref="ObjectDisposedException"/>; new ones can be
    /// created. Safe to call from a signal handler thread.
    /// </summary>
    /// <remarks>
    /// A secret is either purged or keeps its bytes, never alive and wiped: a secret created while a purge runs
    /// waits for it to finish. A write lease open on another thread during the purge can still write through its
    /// span; whatever it wrote is wiped when it closes.
    /// </remarks>
    public static void Purge()
    {
        lock (s_purgeLock)
        {
            // Odd while wiping: every existing secret is dead before its first byte is wiped, and new allocations
            // wait (EpochForNewAllocation), so no secret is alive with wiped bytes.
            Interlocked.Increment(ref s_epoch);
            try
            {
                SecretArena.WipeAll();
                GuardedRegion.WipeAll();
                SecretScratch.WipeAll();
                EnclaveKey.Purge();
            }
            finally
            {
                Interlocked.Increment(ref s_epoch);
            }
        }
    }

    /// <summary>
    /// On SIGINT, SIGTERM, SIGHUP or SIGQUIT: purge, call <paramref name="onPurged"/>, then terminate by the same
    /// signal (so the parent sees the conventional status, e.g. 143 for SIGTERM). Dispose the result to stop.
    /// </summary>
    /// <param name="onPurged">Called after the purge, before exit (for example to flush a log). Exceptions are ignored.</param>
    public static IDisposable CatchInterrupt(Action<PosixSignal>? onPurged = null) => new InterruptGuard(onPurged);

    /// <summary>
    /// Locks all current and future pages of the process in RAM (<c>mlockall</c>, with <c>MCL_ONFAULT</c> where
    /// the kernel has it so reserved-but-untouched address space is not faulted in).
    /// </summary>
    /// <exception cref="ProtectionRefusedException">The OS refused (the exception carries the limit and errno).</exception>
    public static void LockAllMemory()
    {
        if (!PageAllocator.Current.LockAll(current: true, future: true, out _, out int error))
            ThrowHelper.Refused(SecretProtection.Locked, -1, LockBudget.Available == long.MaxValue ? -1 : LockBudget.Available, error);
    }

    /// <summary>
    /// Disables core dumps (<c>RLIMIT_CORE</c> = 0) and marks the process not dumpable (Linux
    /// <c>PR_SET_DUMPABLE</c> 0; macOS <c>PT_DENY_ATTACH</c>), which also stops other non-root processes of the same
    /// user from attaching a debugger or reading <c>/proc/pid/mem</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The OS refused.</exception>
    public static void HardenProcess()
    {
        PageAllocator.Current.DisableCoreDumps();
        PageAllocator.Current.SetNotDumpable();
    }

    internal static void RaiseDegraded(ProtectionDegradedEventArgs args) => ProtectionDegraded?.Invoke(null, args);
}
