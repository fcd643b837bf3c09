// An interleaved companion to MlsPrivateMessageBenchmarks for a shared, loaded host (the method of Ed25519Paired):
// protect + unprotect and its parts alternate in short blocks (A B B A), and the figures are the medians of the
// per-operation times and of the per-round ratio, which a slow change in load affects equally on both sides. Two more
// pairs split the cost: Protect alone against sign + seal, and the parts' halves.
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
        PairedTiming.Rounds timed = PairedTiming.Alternate(ours, parts, ops, rounds);
        var ratios = timed.Sums.Select(x => x.Ours / x.Peer).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: ours median {PairedTiming.Median(timed.OursUs):F2} us, parts median {PairedTiming.Median(timed.PeerUs):F2} us, median ratio {PairedTiming.Median(ratios):F4}"));
    }


}
