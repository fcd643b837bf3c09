using System.Diagnostics.Metrics;

namespace NoFuture.Memory.Tests.Api;

public class MetricsAndCapabilitiesTests
{
    [Fact]
    public void CapabilitiesReportWhatThisMachineGrants()
    {
        MemoryCapabilities caps = SecureMemory.Capabilities;
        Assert.Equal(Environment.SystemPageSize, caps.PageSize);
        Assert.True(caps.MemlockLimitBytes % caps.PageSize == 0 || caps.MemlockLimitBytes == long.MaxValue);
        Assert.True(caps.DontDump);
        Assert.Equal(ForkProtection.WipeOnFork, caps.ForkProtection);
        Assert.Equal(GuardMechanism.MprotectNone, caps.GuardMechanism);
        Assert.Equal(ProtectionPolicy.Strict, caps.Policy);
        if (Support.Probe.IsRoot) Assert.True(caps.CanLockBeyondLimit);
    }

    [Fact]
    public void TheMeterPublishesLockedBytesLiveSecretsAndSlabFill()
    {
        using var secret = Secret.Allocate(32);
        var seen = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SecureMemory.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) =>
        {
            lock (seen) seen[i.Name + Tag(tags)] = value;
        });
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) =>
        {
            lock (seen) seen[i.Name] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.True(seen["nofuture.memory.locked_bytes"] >= 4096);
        Assert.True(seen["nofuture.memory.live_secrets/pooled"] >= 1);
        Assert.True(seen.ContainsKey("nofuture.memory.live_secrets/guarded"));
        Assert.InRange(seen["nofuture.memory.slab_fill"], double.Epsilon, 1);
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        tags.Length == 0 ? "" : "/" + tags[0].Value;
}
