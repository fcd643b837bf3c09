// The System.Diagnostics.Metrics meter "NoFuture.Memory": locked bytes, live secrets per tier, slab fill and
// refusals. Counts only; never sizes of individual secrets.
using System.Diagnostics.Metrics;
using NoFuture.Memory.Arena;
using NoFuture.Memory.Platform;

namespace NoFuture.Memory;

internal static class MemoryMetrics
{
    internal const string MeterName = "NoFuture.Memory";

    private static readonly Meter s_meter = new(MeterName, "1.0");
    private static readonly Counter<long> s_refusals = s_meter.CreateCounter<long>(
        "nofuture.memory.refusals", "{refusal}", "Protections the OS refused (BestEffort policy).");
    private static long s_liveGuarded;
    private static long s_refusalCount;

    static MemoryMetrics()
    {
        s_meter.CreateObservableGauge("nofuture.memory.locked_bytes", () => LockBudget.LockedBytes, "By",
            "Bytes of secret memory locked in RAM by NoFuture.");
        s_meter.CreateObservableGauge("nofuture.memory.live_secrets", () => new[]
        {
            new Measurement<long>(LivePooled, new KeyValuePair<string, object?>("tier", "pooled")),
            new Measurement<long>(LiveGuarded, new KeyValuePair<string, object?>("tier", "guarded")),
        }, "{secret}", "Secrets allocated and not yet freed, per tier.");
        s_meter.CreateObservableGauge("nofuture.memory.slab_fill", () => SecretArena.Fill, "1",
            "Fraction of pooled-arena slots in use.");
    }

    /// <summary>Publishes the instruments (runs the static constructor) before the first secret exists.</summary>
    internal static void EnsurePublished() { }

    internal static long LivePooled => SecretArena.UsedSlots;

    internal static long LiveGuarded => Volatile.Read(ref s_liveGuarded);

    internal static long Refusals => Volatile.Read(ref s_refusalCount);

    internal static void GuardedAllocated() => Interlocked.Increment(ref s_liveGuarded);

    internal static void GuardedFreed() => Interlocked.Decrement(ref s_liveGuarded);

    internal static void RecordRefusal(SecretProtection protection)
    {
        Interlocked.Increment(ref s_refusalCount);
        s_refusals.Add(1, new KeyValuePair<string, object?>("protection", protection.ToString()));
    }
}
