// An interleaved companion to MlDsaBenchmarks for a shared, loaded host, where BenchmarkDotNet's one-benchmark-after-
// another order lets the load drift between our row and BouncyCastle's (bench/RESULTS.md §24: the same code gave
// ML-DSA-65 keygen ratios from 2.0 to 3.0 between runs). Here our Vector256 path and BouncyCastle alternate in short
// blocks (A B B A, so neither always goes first), each block timing a few operations of the same MlDsaBenchmarks
// methods; the figures are the medians of the per-operation times and of the per-round ratio BouncyCastle ÷ ours,
// which a slow change in load affects equally on both sides.
using System.Diagnostics;
using System.Globalization;

namespace NoFuture.Benchmarks;

internal static class MlDsaPaired
{
    private const int Rounds = 150;

    internal static void Run()
    {
        foreach (string set in new[] { "44", "65", "87" })
        {
            var ours = new MlDsaBenchmarks { Set = set, Implementation = "Vector256" };
            var bc = new MlDsaBenchmarks { Set = set, Implementation = "BouncyCastle" };
            ours.Setup();
            bc.Setup();
            try
            {
                Measure($"ML-DSA-{set} keygen", 40, () => ours.KeyGen(), () => bc.KeyGen());
                Measure($"ML-DSA-{set} sign", 16, () => ours.Sign(), () => bc.Sign());
                Measure($"ML-DSA-{set} verify", 40, () => ours.Verify(), () => bc.Verify());
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 20; i++)
                {
                    ours.KeyGen();
                    ours.Sign();
                    ours.Verify();
                }
                Console.WriteLine($"ML-DSA-{set}: allocated by 20 x (keygen, sign, verify) of ours: {GC.GetAllocatedBytesForCurrentThread() - before} B");
            }
            finally
            {
                ours.Cleanup();
                bc.Cleanup();
            }
        }
    }

    private static void Measure(string what, int ops, Action ours, Action peer)
    {
        for (int i = 0; i < 300; i++) { ours(); peer(); } // warm-up: tiered JIT to its final code
        var oursUs = new List<double>(2 * Rounds);
        var peerUs = new List<double>(2 * Rounds);
        var ratios = new List<double>(Rounds);
        for (int r = 0; r < Rounds; r++)
        {
            double a1 = Time(ours, ops), p1 = Time(peer, ops), p2 = Time(peer, ops), a2 = Time(ours, ops);
            oursUs.Add(a1);
            oursUs.Add(a2);
            peerUs.Add(p1);
            peerUs.Add(p2);
            ratios.Add((p1 + p2) / (a1 + a2));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: ours (Vector256) median {Median(oursUs):F1} us, BouncyCastle median {Median(peerUs):F1} us, median ratio BC/ours {Median(ratios):F2}"));
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
