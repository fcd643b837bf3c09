// The alternation the `--paired` runners share (bench/README.md): each round times ours, the peer, the peer
// again and ours again (A B B A), so a drift in the host's speed during a round weighs on both sides alike; the figures
// quoted are medians over rounds.
using System.Diagnostics;

namespace NoFuture.Benchmarks;

internal static class PairedTiming
{
    /// <summary>Per round, the summed microseconds per operation of ours (A…A) and of the peer (…BB…).</summary>
    internal sealed record Rounds(List<double> OursUs, List<double> PeerUs, List<(double Ours, double Peer)> Sums);

    /// <summary>Runs <paramref name="rounds"/> A B B A rounds of <paramref name="ops"/> calls each.</summary>
    internal static Rounds Alternate(Action ours, Action peer, int ops, int rounds)
    {
        var result = new Rounds(new List<double>(2 * rounds), new List<double>(2 * rounds), new List<(double, double)>(rounds));
        for (int r = 0; r < rounds; r++)
        {
            double a1 = Time(ours, ops), p1 = Time(peer, ops), p2 = Time(peer, ops), a2 = Time(ours, ops);
            result.OursUs.Add(a1);
            result.OursUs.Add(a2);
            result.PeerUs.Add(p1);
            result.PeerUs.Add(p2);
            result.Sums.Add((a1 + a2, p1 + p2));
        }
        return result;
    }

    /// <summary>Microseconds per call over <paramref name="ops"/> calls.</summary>
    internal static double Time(Action action, int ops)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < ops; i++) action();
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / ops;
    }

    /// <summary>The median (the mean of the two middle values for an even count); sorts the list.</summary>
    internal static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
