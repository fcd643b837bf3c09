// Counts the bytes NoFuture has locked and checks requests against RLIMIT_MEMLOCK before asking the kernel,
// so a refusal carries exact numbers and a near-full budget is visible in the metrics.
namespace NoFuture.Memory.Platform;

internal static unsafe class LockBudget
{
    private static long s_locked;
    private static readonly bool s_privileged = PageAllocator.Current.HasLockPrivilege;

    internal static long LockedBytes => Volatile.Read(ref s_locked);

    internal static bool Privileged => s_privileged;

    /// <summary>Bytes still available under the soft limit (page-rounded down), or long.MaxValue.</summary>
    internal static long Available
    {
        get
        {
            if (s_privileged) return long.MaxValue;
            long limit = PageAllocator.Current.MemlockSoftLimit;
            if (limit == long.MaxValue) return long.MaxValue;
            long page = PageAllocator.Current.PageSize;
            return Math.Max(0, limit / page * page - LockedBytes);
        }
    }

    /// <summary>Locks the range or reports the refusal through the policy. Returns whether it is locked.</summary>
    internal static bool TryLock(byte* address, nuint length, ProtectionPolicy policy)
    {
        long available = Available;
        if ((long)length > available)
        {
            ProtectionGate.Refuse(SecretProtection.Locked, (long)length, available, 0, policy);
            return false;
        }
        if (!PageAllocator.Current.Lock(address, length, out int error))
        {
            ProtectionGate.Refuse(SecretProtection.Locked, (long)length, available == long.MaxValue ? -1 : available, error, policy);
            return false;
        }
        Interlocked.Add(ref s_locked, (long)length);
        return true;
    }

    /// <summary>Records memory the kernel locked and charged to RLIMIT_MEMLOCK by itself (memfd_secret pages).</summary>
    internal static void Charged(nuint length) => Interlocked.Add(ref s_locked, (long)length);

    internal static void Unlocked(nuint length) => Interlocked.Add(ref s_locked, -(long)length);
}
