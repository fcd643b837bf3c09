using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NoFuture.Benchmarks;

/// <summary>Throughput of a benchmark that moves a fixed number of bytes per operation, in decimal GB/s.</summary>
/// <param name="bytes">Bytes moved per operation.</param>
/// <param name="useMedian">Divide by the median instead of the mean.</param>
public sealed class GigabytesPerSecondColumn(int bytes, bool useMedian) : IColumn
{
    /// <inheritdoc/>
    public string Id => $"{nameof(GigabytesPerSecondColumn)}.{useMedian}";

    /// <inheritdoc/>
    public string ColumnName => useMedian ? "GB/s (median)" : "GB/s (mean)";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => useMedian ? 1 : 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => $"{bytes} bytes / {(useMedian ? "median" : "mean")} time per operation (bytes per ns = GB/s)";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null) return "NA";
        double nanoseconds = useMedian ? statistics.Median : statistics.Mean;
        return (bytes / nanoseconds).ToString("F2", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
