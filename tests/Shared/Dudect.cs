// A dudect-style timing-leak test (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?", DATE 2017), shared
// by every timing test so they all measure the same way:
//   * every class runs on the same buffers: the test's prepare step writes class c's content into them before each
//     measurement, so addresses, alignment and cache placement are identical and only the content differs;
//   * classes are interleaved at random (a fresh seed per run), so drifts of the machine (frequency, other
//     processes, tiered JIT) hit every class alike;
//   * Welch's t between every pair of classes, on the raw samples and after cropping at dudect's percentiles
//     1 - 0.5^(10 k / 100) for k = 10, 20, ..., 100 (every tenth of dudect's 100 crops: 50% … 99.9%), as dudect
//     does, because preemption and interrupts put heavy tails on a loaded machine; the statistic is the largest |t|.
//   * second chance: a run whose largest |t| reaches the threshold is repeated once with fresh measurements, and only
//     a rerun that reaches it too is a leak. A burst of load that skews one run (seen once as |t| = 8.2 for a
//     comparison that is constant time by construction) does not repeat on cue; a real leak shows in every run, so it
//     is still found: each test's control (a deliberately leaky operation) must be judged leaky by this same rule.
using System.Diagnostics;
using System.Globalization;

namespace NoFuture.Tests.Shared;

internal static class Dudect
{
    /// <summary>The trait every timing test carries (<c>[Trait(Dudect.Trait, Dudect.TraitValue)]</c>): .ci/run runs
    /// them in a stage of their own, one project at a time and without parallel classes, after the rest of the suite,
    /// because the whole suite's test projects run at once on two cores, and that load (seen as |t| of 6 to 8 in both
    /// runs of a test whose operation is constant time by construction) is not what these tests are about.</summary>
    internal const string Trait = "Category", TraitValue = "Timing";

    /// <summary>dudect's (and TVLA's) bound on |t| for "probably not constant time".</summary>
    internal const double Threshold = 4.5;

    private const int Crops = 10;

    /// <summary>One run: the largest |t| over every class pair and crop, and where it was.</summary>
    internal sealed record Run(double MaxAbsT, string Where, int Seed, int Samples)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"max |t| = {MaxAbsT:F2} ({Where}; {Samples} samples, seed {Seed})");
    }

    /// <summary>The verdict of the second-chance rule: a leak only when both runs reach the threshold.</summary>
    internal sealed record Verdict(Run First, Run? Rerun)
    {
        internal bool Leaks => Rerun is not null && Rerun.MaxAbsT >= Threshold;

        public override string ToString() => Rerun is null
            ? $"first run {First}"
            : $"first run {First}; rerun with fresh measurements {Rerun}";
    }

    /// <summary>
    /// Measures <paramref name="operation"/> over <paramref name="classes"/> input classes and applies the second-chance
    /// rule. <paramref name="prepare"/> writes class c's input into the shared buffers; <paramref name="operation"/> is
    /// the timed call on them. Both runs are reported to the test output.
    /// </summary>
    internal static Verdict Assess(int classes, int samples, int warmup, Action<int> prepare, Action operation)
    {
        Run first = Measure(classes, samples, warmup, prepare, operation);
        Log($"dudect: first run {first}");
        if (first.MaxAbsT < Threshold) return new Verdict(first, null);
        Run rerun = Measure(classes, samples, warmup, prepare, operation);
        Log($"dudect: rerun {rerun}");
        return new Verdict(first, rerun);
    }

    /// <summary>One run of fresh measurements in a fresh random class order.</summary>
    internal static Run Measure(int classes, int samples, int warmup, Action<int> prepare, Action operation)
    {
        int seed = Random.Shared.Next();
        var order = new Random(seed);
        for (int i = 0; i < warmup; i++)
        {
            prepare(i % classes);
            operation();
        }
        byte[] classOf = new byte[samples];
        long[] times = new long[samples];
        for (int i = 0; i < samples; i++)
        {
            int c = order.Next(classes);
            classOf[i] = (byte)c;
            prepare(c);
            long start = Stopwatch.GetTimestamp();
            operation();
            times[i] = Stopwatch.GetTimestamp() - start;
        }

        // cuts[0] keeps everything; cuts[k] is the 1 - 0.5^(k) percentile of all samples (dudect's crops).
        long[] sorted = (long[])times.Clone();
        Array.Sort(sorted);
        long[] cuts = new long[Crops + 1];
        string[] cropNames = new string[Crops + 1];
        cuts[0] = long.MaxValue;
        cropNames[0] = "uncropped";
        for (int k = 1; k <= Crops; k++)
        {
            double percentile = 1 - Math.Pow(0.5, k);
            cuts[k] = sorted[(int)Math.Min(samples - 1, Math.Floor(percentile * samples))];
            cropNames[k] = string.Create(CultureInfo.InvariantCulture, $"cropped at {percentile * 100:0.##}%");
        }

        // Welford's running mean and M2 per crop and class.
        var n = new double[Crops + 1, classes];
        var mean = new double[Crops + 1, classes];
        var m2 = new double[Crops + 1, classes];
        for (int i = 0; i < samples; i++)
        {
            int c = classOf[i];
            double x = times[i];
            for (int k = 0; k <= Crops; k++)
            {
                if (times[i] > cuts[k]) continue;
                n[k, c]++;
                double delta = x - mean[k, c];
                mean[k, c] += delta / n[k, c];
                m2[k, c] += delta * (x - mean[k, c]);
            }
        }

        double max = 0;
        string where = "no pair";
        for (int k = 0; k <= Crops; k++)
        {
            for (int a = 0; a < classes; a++)
            {
                for (int b = a + 1; b < classes; b++)
                {
                    if (n[k, a] < 2 || n[k, b] < 2) continue;
                    double va = m2[k, a] / (n[k, a] - 1), vb = m2[k, b] / (n[k, b] - 1);
                    double denominator = Math.Sqrt(va / n[k, a] + vb / n[k, b]);
                    double t = denominator == 0 ? (mean[k, a] == mean[k, b] ? 0 : double.PositiveInfinity) : (mean[k, a] - mean[k, b]) / denominator;
                    if (Math.Abs(t) >= max)
                    {
                        max = Math.Abs(t);
                        where = string.Create(CultureInfo.InvariantCulture,
                            $"classes {a}/{b} {cropNames[k]}, means {mean[k, a]:F1}/{mean[k, b]:F1} ticks");
                    }
                }
            }
        }
        return new Run(max, where, seed, samples);
    }

    private static void Log(string line) => Xunit.TestContext.Current.TestOutputHelper?.WriteLine(line);
}
