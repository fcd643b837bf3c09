// An interleaved companion to Ed25519Benchmarks for a shared, loaded host, where BenchmarkDotNet's one-benchmark-
// after-another order lets the load drift between the rows (two runs of the same code gave ratios of 0.69 and 1.34,
// bench/RESULTS.md §14). Here ours and libsodium-direct alternate in short blocks (A B B A, so neither always goes
// first), each block timing 200 operations, 400 rounds; the figures are the medians of the per-operation times and of
// the per-round ratio ours ÷ libsodium, which a slow change in load affects equally on both sides.
using System.Globalization;

namespace NoFuture.Benchmarks;

internal static class Ed25519Paired
{
    private const int Ops = 200, Rounds = 400;

    internal static void Run()
    {
        var b = new Ed25519Benchmarks();
        b.Setup();
        try
        {
            Measure("sign", () => b.OursSign(), () => b.SodiumSign());
            Measure("verify (SignaturePublicKey)", () => b.OursVerify(), () => b.SodiumVerify());
            Measure("verify (one shot)", () => b.OursVerifyOneShot(), () => b.SodiumVerify());
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                b.OursSign();
                b.OursVerify();
                b.OursVerifyOneShot();
            }
            Console.WriteLine($"allocated by 100 x (sign, verify, one-shot verify): {GC.GetAllocatedBytesForCurrentThread() - before} B");
        }
        finally
        {
            b.Cleanup();
        }
    }

    private static void Measure(string what, Action ours, Action peer)
    {
        for (int i = 0; i < 2000; i++) { ours(); peer(); } // warm-up: tiered JIT to its final code
        PairedTiming.Rounds rounds = PairedTiming.Alternate(ours, peer, Ops, Rounds);
        var ratios = rounds.Sums.Select(x => x.Ours / x.Peer).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: ours median {PairedTiming.Median(rounds.OursUs):F2} us, libsodium median {PairedTiming.Median(rounds.PeerUs):F2} us, median ratio {PairedTiming.Median(ratios):F4}"));
    }


}
