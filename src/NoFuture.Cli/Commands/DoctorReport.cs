// What `nofuture doctor` found, in one value that both the text and the JSON output render.
// Sizes that can be unlimited are nullable: null means unlimited (also in the JSON).
using NoFuture.Memory;

namespace NoFuture.Cli.Commands;

/// <summary>The machine's secret-memory capabilities, the live probe and the verdict.</summary>
internal sealed record DoctorReport
{
    /// <summary>The operating system description.</summary>
    public required string Platform { get; init; }

    /// <summary>The page size in bytes.</summary>
    public required int PageSize { get; init; }

    /// <summary>The soft RLIMIT_MEMLOCK, rounded down to whole pages; null when unlimited.</summary>
    public required long? MemlockLimitBytes { get; init; }

    /// <summary>True when the process may lock beyond the limit (CAP_IPC_LOCK, e.g. root).</summary>
    public required bool CanLockBeyondLimit { get; init; }

    /// <summary>
    /// What NoFuture may lock in total: the page-rounded limit, or null (unlimited) with CAP_IPC_LOCK or an
    /// unlimited limit.
    /// </summary>
    public required long? LockBudgetBytes { get; init; }

    /// <summary>Bytes NoFuture had locked before the probe.</summary>
    public required long LockedBytes { get; init; }

    /// <summary>Bytes that could still be locked before the probe; null when unlimited.</summary>
    public required long? LockableBytesRemaining { get; init; }

    /// <summary>Pooled 32-byte secrets one locked slab page holds (48-byte slots: 32 data + 16 canary).</summary>
    public required int PooledSecretsPerPage { get; init; }

    /// <summary>Pooled 32-byte secrets the lock budget holds (whole pages); null when unlimited.</summary>
    public required long? PooledSecretsInBudget { get; init; }

    /// <summary>True when memory can be excluded from core dumps.</summary>
    public required bool DontDump { get; init; }

    /// <summary>What a forked child sees of secret memory.</summary>
    public required ForkProtection ForkProtection { get; init; }

    /// <summary>How guard pages are enforced.</summary>
    public required GuardMechanism GuardMechanism { get; init; }

    /// <summary>True when <c>memfd_secret</c> pages are available.</summary>
    public required bool MemfdSecret { get; init; }

    /// <summary>The process-wide refusal policy.</summary>
    public required ProtectionPolicy Policy { get; init; }

    /// <summary>The library's own answer: can the Strict policy hold here.</summary>
    public required bool StrictPolicyCanHold { get; init; }

    /// <summary>Live pooled secrets before the probe.</summary>
    public required long LivePooledSecrets { get; init; }

    /// <summary>Live guarded secrets before the probe.</summary>
    public required long LiveGuardedSecrets { get; init; }

    /// <summary>Slots in the pooled arena before the probe.</summary>
    public required long PooledSlots { get; init; }

    /// <summary>Refusals counted before the probe.</summary>
    public required long Refusals { get; init; }

    /// <summary>Linux <c>vm.max_map_count</c>; null where unknown or not Linux.</summary>
    public required long? MaxMapCount { get; init; }

    /// <summary>Mappings this process had (lines of <c>/proc/self/maps</c>); null where unknown.</summary>
    public required long? MapCount { get; init; }

    /// <summary>The two probe allocations: pooled, then guarded.</summary>
    public required IReadOnlyList<ProbeResult> Probe { get; init; }

    /// <summary>Why the Strict policy cannot hold; empty when it can.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>The verdict as one sentence.</summary>
    public required string Verdict { get; init; }
}
