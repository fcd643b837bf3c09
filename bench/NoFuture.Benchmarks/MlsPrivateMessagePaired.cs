// An interleaved companion to MlsPrivateMessageBenchmarks for a shared, loaded host (the method of Ed25519Paired):
// protect + unprotect and its parts alternate in short blocks (A B B A), and the figures are the medians of the
// per-operation times and of the per-round ratio, which a slow change in load affects equally on both sides. Two more
// pairs split the cost: Protect alone against sign + seal, and the parts' halves.
using System.Diagnostics;
using System.Globalization;

namespace NoFuture.Benchmarks;

internal static class MlsPrivateMessagePaired
{
    internal static void Run()
    {
        foreach (int size in (int[])[1024, 1048576])
        {
            var b = new MlsPrivateMessageBenchmarks { Size = size };
            b.Setup();
            try
            {
                int ops = size <= 4096 ? 50 : 2, rounds = size <= 4096 ? 200 : 40;
                Measure($"{size} B: protect + unprotect vs parts", ops, rounds, () => b.ProtectUnprotect(), () => b.Parts());
                Measure($"{size} B: protect vs sign + seal", ops, rounds, () => b.ProtectOnly(), () => b.SignSeal());
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 10; i++) b.ProtectUnprotect();
                Console.WriteLine($"{size} B: allocated per protect + unprotect: {(GC.GetAllocatedBytesForCurrentThread() - before) / 10} B");
            }
            finally
            {
                b.Dispose();
            }
        }
    }

    private static void Measure(string what, int ops, int rounds, Action ours, Action parts)
    {
        for (int i = 0; i < Math.Max(20, 40 * ops); i++) { ours(); parts(); } // warm-up: tiered JIT to its final code
        var oursUs = new List<double>(2 * rounds);
        var partsUs = new List<double>(2 * rounds);
        var ratios = new List<double>(rounds);
        for (int r = 0; r < rounds; r++)
        {
            double a1 = Time(ours, ops), p1 = Time(parts, ops), p2 = Time(parts, ops), a2 = Time(ours, ops);
            oursUs.Add(a1);
            oursUs.Add(a2);
            partsUs.Add(p1);
            partsUs.Add(p2);
            ratios.Add((a1 + a2) / (p1 + p2));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: ours median {Median(oursUs):F2} us, parts median {Median(partsUs):F2} us, median ratio {Median(ratios):F4}"));
    }

    private static double Time(Action action, int ops)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < ops; i++) action();
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / ops;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
