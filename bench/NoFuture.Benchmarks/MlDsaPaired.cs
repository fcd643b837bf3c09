// An interleaved companion to MlDsaBenchmarks for a shared, loaded host, where BenchmarkDotNet's one-benchmark-after-
// another order lets the load drift between our row and BouncyCastle's (bench/RESULTS.md §24: the same code gave
// ML-DSA-65 keygen ratios from 2.0 to 3.0 between runs). Here our Vector256 path and BouncyCastle alternate in short
// blocks (A B B A, so neither always goes first), each block timing a few operations of the same MlDsaBenchmarks
// methods; the figures are the medians of the per-operation times and of the per-round ratio BouncyCastle ÷ ours,
// which a slow change in load affects equally on both sides.
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
        PairedTiming.Rounds rounds = PairedTiming.Alternate(ours, peer, ops, Rounds);
        var ratios = rounds.Sums.Select(x => x.Peer / x.Ours).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: ours (Vector256) median {PairedTiming.Median(rounds.OursUs):F1} us, BouncyCastle median {PairedTiming.Median(rounds.PeerUs):F1} us, median ratio BC/ours {PairedTiming.Median(ratios):F2}"));
    }


}
