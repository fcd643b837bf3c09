using System.Diagnostics;

namespace NoFuture.Memory.Tests.Api;

public class ConstantTimeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(100)]
    public void AreEqualFindsADifferenceAtEveryPosition(int length)
    {
        byte[] a = new byte[length];
        Random.Shared.NextBytes(a);
        byte[] b = (byte[])a.Clone();
        Assert.True(ConstantTime.AreEqual(a, b));
        for (int i = 0; i < length; i++)
        {
            b[i] ^= 0x80;
            Assert.False(ConstantTime.AreEqual(a, b));
            b[i] ^= 0x80;
        }
        Assert.False(ConstantTime.AreEqual(a, b.AsSpan(0, Math.Max(0, length - 1))) && length > 0);
    }

    [Fact]
    public void SelectAndConditionalCopy()
    {
        byte[] one = [1, 1, 1], zero = [0, 0, 0], dest = new byte[3];
        ConstantTime.Select(1, one, zero, dest);
        Assert.Equal(one, dest);
        ConstantTime.Select(0, one, zero, dest);
        Assert.Equal(zero, dest);
        ConstantTime.ConditionalCopy(0, one, dest);
        Assert.Equal(zero, dest);
        ConstantTime.ConditionalCopy(1, one, dest);
        Assert.Equal(one, dest);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConstantTime.Select(2, one, zero, dest));
        Assert.Throws<ArgumentException>(() => ConstantTime.ConditionalCopy(1, one, new byte[2]));
        Assert.True(ConstantTime.IsZero(new byte[9]));
        Assert.False(ConstantTime.IsZero([0, 0, 1]));
    }

    /// <summary>
    /// dudect-style Welch t-test on 32-byte comparisons: equal vs first byte differs vs last byte differs,
    /// classes interleaved at random so machine noise hits them alike. |t| must stay below 4.5.
    /// </summary>
    [Fact]
    public void AreEqualShowsNoTimingLeak()
    {
        double[] t = Dudect(static (a, b) => ConstantTime.AreEqual(a, b), 32, 1_000_000);
        Assert.All(t, v => Assert.True(Math.Abs(v) < 4.5, $"|t| = {Math.Abs(v):F2} (equal/first, equal/last, first/last: {string.Join(", ", t.Select(x => x.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))})"));
    }

    /// <summary>The harness can fail: an early-exit comparison of 4 KiB shows a large |t|.</summary>
    [Fact]
    public void TheTimingHarnessDetectsALeakyComparison()
    {
        double[] t = Dudect(static (a, b) => a.SequenceEqual(b), 4096, 200_000);
        Assert.True(Math.Abs(t[0]) > 4.5, $"the harness did not see SequenceEqual's early exit (t = {t[0]:F2})");
    }

    private delegate bool Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b);

    private static double[] Dudect(Compare compare, int length, int samples)
    {
        byte[] reference = new byte[length];
        Random.Shared.NextBytes(reference);
        byte[][] inputs = [(byte[])reference.Clone(), (byte[])reference.Clone(), (byte[])reference.Clone()];
        inputs[1][0] ^= 1;
        inputs[2][length - 1] ^= 1;
        byte[] classes = new byte[samples];
        var rng = new Random(12345);
        for (int i = 0; i < samples; i++) classes[i] = (byte)rng.Next(3);
        long[] times = new long[samples];
        for (int i = 0; i < 10_000; i++) compare(reference, inputs[i % 3]); // warm up (tiered JIT)
        // Every class is copied into the same buffer before it is timed (as dudect does), so the address and
        // cache-line alignment of the input are identical across classes and cannot masquerade as a leak.
        byte[] probe = new byte[length];
        bool sink = false;
        for (int i = 0; i < samples; i++)
        {
            inputs[classes[i]].CopyTo(probe, 0);
            long start = Stopwatch.GetTimestamp();
            sink ^= compare(reference, probe);
            times[i] = Stopwatch.GetTimestamp() - start;
        }
        GC.KeepAlive(sink);
        // Crop the slowest 5% (interrupts, preemption), as dudect's percentile crops do.
        long cut = times.Order().ElementAt((int)(samples * 0.95));
        var stats = new (double N, double Mean, double M2)[3];
        for (int i = 0; i < samples; i++)
        {
            if (times[i] > cut) continue;
            ref var s = ref stats[classes[i]];
            s.N++;
            double delta = times[i] - s.Mean;
            s.Mean += delta / s.N;
            s.M2 += delta * (times[i] - s.Mean);
        }
        return [Welch(stats[0], stats[1]), Welch(stats[0], stats[2]), Welch(stats[1], stats[2])];
    }

    private static double Welch((double N, double Mean, double M2) a, (double N, double Mean, double M2) b)
    {
        double va = a.M2 / (a.N - 1), vb = b.M2 / (b.N - 1);
        double denominator = Math.Sqrt(va / a.N + vb / b.N);
        return denominator == 0 ? 0 : (a.Mean - b.Mean) / denominator;
    }
}
