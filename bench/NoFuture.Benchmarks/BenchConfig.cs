// One short job for the whole suite so it runs in minutes on a 2-core shared machine: 3 warm-up and 15 measured
// iterations (BenchmarkDotNet's pilot still picks the invocation count per iteration). Medians are the figures we
// quote; they resist the noise of a shared host better than means.
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace NoFuture.Benchmarks;

/// <summary>The suite's configuration: short job, Median, Ratio and Allocated columns.</summary>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public BenchConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithId("Short15"));
        AddColumn(StatisticColumn.Median);
        HideColumns(Column.Error, Column.Job, Column.WarmupCount, Column.IterationCount);
    }
}
