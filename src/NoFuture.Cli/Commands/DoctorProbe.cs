// Gathers the doctor report: SecureMemory.Capabilities, the kernel's mapping limit, and a live probe of one
// pooled and one guarded 32-byte secret under BestEffort, so the report shows what allocations really get
// rather than what the capabilities promise.
using System.Globalization;
using NoFuture.Memory;

namespace NoFuture.Cli.Commands;

internal static class DoctorProbe
{
    /// <summary>The probe size: a typical symmetric key.</summary>
    internal const int ProbeLength = 32;

    // The pooled arena's layout (NoFuture.Memory Arena/Slab.cs): a 32-byte secret sits in the 32-byte size
    // class, each slot preceded by a 16-byte canary, and one more canary closes the row.
    private const int CanaryBytes = 16;
    private const int SlotBytes = 32;

    internal static DoctorReport Collect()
    {
        // Read before the probe, so the numbers describe the machine, not the probe's own allocations.
        MemoryCapabilities caps = SecureMemory.Capabilities;
        bool unlimitedLimit = caps.MemlockLimitBytes == long.MaxValue;
        long? budget = caps.CanLockBeyondLimit || unlimitedLimit ? null : caps.MemlockLimitBytes;
        int perPage = PooledSecretsPerPage(caps.PageSize);
        (long? maxMapCount, long? mapCount) = ReadMapCounts();

        ProbeResult pooled = Allocate(SecretTier.Pooled);
        ProbeResult guarded = Allocate(SecretTier.Guarded);

        List<string> reasons = caps.StrictPolicyCanHold ? [] : Reasons(caps);
        return new DoctorReport
        {
            Platform = caps.Platform,
            PageSize = caps.PageSize,
            MemlockLimitBytes = unlimitedLimit ? null : caps.MemlockLimitBytes,
            CanLockBeyondLimit = caps.CanLockBeyondLimit,
            LockBudgetBytes = budget,
            LockedBytes = caps.LockedBytes,
            LockableBytesRemaining = caps.LockableBytesRemaining == long.MaxValue ? null : caps.LockableBytesRemaining,
            PooledSecretsPerPage = perPage,
            PooledSecretsInBudget = budget / caps.PageSize * perPage,
            DontDump = caps.DontDump,
            ForkProtection = caps.ForkProtection,
            GuardMechanism = caps.GuardMechanism,
            MemfdSecret = caps.MemfdSecret,
            Policy = caps.Policy,
            StrictPolicyCanHold = caps.StrictPolicyCanHold,
            LivePooledSecrets = caps.LivePooledSecrets,
            LiveGuardedSecrets = caps.LiveGuardedSecrets,
            PooledSlots = caps.PooledSlots,
            Refusals = caps.Refusals,
            MaxMapCount = maxMapCount,
            MapCount = mapCount,
            Probe = [pooled, guarded],
            Reasons = reasons,
            Verdict = Verdict(caps.StrictPolicyCanHold, reasons, budget, budget / caps.PageSize * perPage),
        };
    }

    /// <summary>Pooled 32-byte secrets per locked slab page: (page - canary) / (slot + canary), 85 for 4 KiB.</summary>
    internal static int PooledSecretsPerPage(int pageSize) => (pageSize - CanaryBytes) / (SlotBytes + CanaryBytes);

    private static ProbeResult Allocate(SecretTier tier)
    {
        var refused = new List<Refusal>();
        void OnDegraded(object? sender, ProtectionDegradedEventArgs e) => refused.Add(new Refusal
        {
            Protection = e.Protection.ToString(),
            RequestedBytes = e.RequestedBytes,
            AvailableBytes = e.AvailableBytes < 0 ? null : e.AvailableBytes,
            ErrorCode = e.ErrorCode,
        });

        // The event is raised on the allocating thread; the probe is the only allocation running.
        SecureMemory.ProtectionDegraded += OnDegraded;
        try
        {
            var options = new SecretOptions { Tier = tier, Policy = ProtectionPolicy.BestEffort };
            using Secret secret = Secret.Allocate(ProbeLength, options);
            return new ProbeResult { Tier = secret.Tier, Length = ProbeLength, Protection = FlagNames(secret.Protection), Refused = refused };
        }
        catch (Exception ex) when (ex is OutOfMemoryException or PlatformNotSupportedException or ProtectionRefusedException)
        {
            // Library messages never carry secret bytes; they do carry the OS numbers worth showing.
            return new ProbeResult { Tier = tier, Length = ProbeLength, Protection = [], Refused = refused, Error = ex.Message };
        }
        finally
        {
            SecureMemory.ProtectionDegraded -= OnDegraded;
        }
    }

    internal static string[] FlagNames(SecretProtection protection)
    {
        var names = new List<string>();
        foreach (SecretProtection flag in Enum.GetValues<SecretProtection>())
            if (flag != SecretProtection.None && (protection & flag) == flag) names.Add(flag.ToString());
        return [.. names];
    }

    // Mirrors the conditions of MemoryCapabilities.StrictPolicyCanHold, worded as what to do about each.
    private static List<string> Reasons(MemoryCapabilities caps)
    {
        var reasons = new List<string>();
        if (!caps.CanLockBeyondLimit && caps.LockableBytesRemaining < caps.PageSize)
        {
            string fix = OperatingSystem.IsWindows()
                ? "raise the process working-set size"
                : "raise `ulimit -l` or grant CAP_IPC_LOCK";
            string budget = $"memlock budget {ByteUnits.Format(caps.LockableBytesRemaining)}";
            if (caps.LockableBytesRemaining > 0) budget += $" (less than one {ByteUnits.Format(caps.PageSize)} page)";
            reasons.Add($"{budget}: {fix}");
        }
        if (!caps.DontDump)
            reasons.Add("memory cannot be excluded from core dumps (no MADV_DONTDUMP)");
        if (caps.GuardMechanism == GuardMechanism.None)
            reasons.Add("guard pages cannot be installed");
        if (caps.ForkProtection == ForkProtection.None)
            reasons.Add("no fork protection: the kernel has neither MADV_WIPEONFORK nor MADV_DONTFORK");
        if (reasons.Count == 0)
            reasons.Add("NoFuture.Memory reports that a required protection is unavailable");
        return reasons;
    }

    private static string Verdict(bool canHold, List<string> reasons, long? budget, long? pooledInBudget)
    {
        if (!canHold) return "strict policy cannot hold here: " + string.Join("; ", reasons);
        if (budget is null) return "strict policy can hold here (lock budget unlimited)";
        return string.Create(CultureInfo.InvariantCulture,
            $"strict policy can hold here (lock budget {ByteUnits.Format(budget.Value)}: about {pooledInBudget:N0} pooled 32-byte secrets)");
    }

    private static (long? Max, long? Current) ReadMapCounts()
    {
        if (!OperatingSystem.IsLinux()) return (null, null);
        long? max = null, current = null;
        try
        {
            if (long.TryParse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), NumberStyles.None,
                    CultureInfo.InvariantCulture, out long value))
                max = value;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        try
        {
            current = File.ReadLines("/proc/self/maps").LongCount();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        return (max, current);
    }
}
