namespace NoFuture.Memory;

/// <summary>
/// What this process is actually granted by the operating system, and what the live allocations got.
/// Read it from <see cref="SecureMemory.Capabilities"/>; every call takes a fresh reading.
/// </summary>
public sealed record MemoryCapabilities
{
    /// <summary>The operating system (e.g. "Linux").</summary>
    public required string Platform { get; init; }

    /// <summary>The page size in bytes.</summary>
    public required int PageSize { get; init; }

    /// <summary>The soft memory-lock limit, rounded down to whole pages; <see cref="long.MaxValue"/> when unlimited.</summary>
    public required long MemlockLimitBytes { get; init; }

    /// <summary>True when the process may lock memory beyond the limit (CAP_IPC_LOCK, e.g. root).</summary>
    public required bool CanLockBeyondLimit { get; init; }

    /// <summary>Bytes NoFuture has locked now.</summary>
    public required long LockedBytes { get; init; }

    /// <summary>Bytes that can still be locked; <see cref="long.MaxValue"/> when unlimited.</summary>
    public required long LockableBytesRemaining { get; init; }

    /// <summary>True when memory can be excluded from core dumps (Linux <c>MADV_DONTDUMP</c>).</summary>
    public required bool DontDump { get; init; }

    /// <summary>What a forked child sees of secret memory.</summary>
    public required ForkProtection ForkProtection { get; init; }

    /// <summary>How guard pages are enforced.</summary>
    public required GuardMechanism GuardMechanism { get; init; }

    /// <summary>True when <c>memfd_secret</c> pages (outside the kernel's direct map) are available.</summary>
    public required bool MemfdSecret { get; init; }

    /// <summary>The process-wide refusal policy.</summary>
    public required ProtectionPolicy Policy { get; init; }

    /// <summary>
    /// True when the strict policy can hold here: guard pages, dump exclusion and fork protection are all
    /// available and at least one page can be locked.
    /// </summary>
    public required bool StrictPolicyCanHold { get; init; }

    /// <summary>Live secrets in the pooled arena.</summary>
    public required long LivePooledSecrets { get; init; }

    /// <summary>Live guarded buffers.</summary>
    public required long LiveGuardedSecrets { get; init; }

    /// <summary>Slots in the pooled arena (free and used).</summary>
    public required long PooledSlots { get; init; }

    /// <summary>Protections refused so far under <see cref="ProtectionPolicy.BestEffort"/>.</summary>
    public required long Refusals { get; init; }
}
