// How many 32-byte secrets fit under this process's RLIMIT_MEMLOCK, all locked, and what happens past it.
using System.Globalization;

namespace NoFuture.Memory.Probe;

internal static class CapacityScenario
{
    internal static int Run(int count, string policyName)
    {
        var policy = policyName == "strict" ? ProtectionPolicy.Strict : ProtectionPolicy.BestEffort;
        var options = new SecretOptions { Policy = policy, Tier = SecretTier.Pooled };
        int degraded = 0;
        SecureMemory.ProtectionDegraded += (_, e) => Interlocked.Increment(ref degraded);
        var secrets = new List<Secret>(count);
        int unlocked = 0;
        try
        {
            for (int i = 0; i < count; i++)
            {
                Secret s = Secret.Allocate(32, options);
                if ((s.Protection & SecretProtection.Locked) == 0) unlocked++;
                secrets.Add(s);
            }
        }
        catch (ProtectionRefusedException e)
        {
            Print("refused", "1");
            Print("refusedProtection", e.Protection.ToString());
            Print("refusedRequested", e.RequestedBytes);
            Print("refusedAvailable", e.AvailableBytes);
            Print("refusedMessage", e.Message);
        }
        MemoryCapabilities caps = SecureMemory.Capabilities;
        Print("allocated", secrets.Count);
        Print("unlocked", unlocked);
        Print("degradedEvents", degraded);
        Print("refusals", caps.Refusals);
        Print("memlockLimit", caps.MemlockLimitBytes);
        Print("lockedBytes", caps.LockedBytes);
        Print("vmLckKiB", ReadVmLck());
        Print("mappings", File.ReadLines("/proc/self/maps").Count());
        Print("maxMapCount", long.Parse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), CultureInfo.InvariantCulture));
        // Every secret must still read back what was written: use them all.
        int bad = 0;
        for (int i = 0; i < secrets.Count; i++)
        {
            secrets[i].Write(i, static (span, n) => BitConverter.TryWriteBytes(span, n));
        }
        for (int i = 0; i < secrets.Count; i++)
        {
            if (secrets[i].Read(i, static (span, n) => BitConverter.ToInt32(span) != n)) bad++;
        }
        Print("corrupted", bad);
        foreach (Secret s in secrets) s.Dispose();
        Print("liveAfterDispose", SecureMemory.Capabilities.LivePooledSecrets);
        return 0;
    }

    /// <summary>The kernel's count of this process's locked memory (VmLck in /proc/self/status), in KiB.</summary>
    internal static long ReadVmLck()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmLck:", StringComparison.Ordinal));
        return long.Parse(line[6..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
    }

    private static void Print(string key, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
