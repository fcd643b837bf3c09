// The flags are real: the kernel's own view (/proc/self/smaps VmFlags) shows dd (dont-dump), wf
// (wipe-on-fork) and lo (locked) on every pool, and a forked child reads zeros.
using System.Globalization;
using NoFuture.Memory.Arena;
using NoFuture.Memory.Tests.Support;

namespace NoFuture.Memory.Tests.Isolated;

public class MemoryFlagsTests
{
    [Fact]
    public void SmapsShowsDontDumpWipeOnForkAndLockedOnEveryPool()
    {
        using var pooled = Secret.Allocate(32);
        using var guarded = Secret.Allocate(10_000);
        var ranges = SecretArena.AllSlabs().Select(s => s.DataRange).ToList();
        Assert.NotEmpty(ranges);
        ranges.AddRange(Guarded.GuardedRegion.DataRanges());
        Dictionary<(long, long), string> flags = ReadSmapsFlags();
        foreach ((nint start, nint end) in ranges)
        {
            string vmFlags = flags.Single(f => f.Key.Item1 <= start && end <= f.Key.Item2).Value;
            string[] f = vmFlags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("dd", f);
            Assert.Contains("wf", f);
            if (Probe.IsRoot) Assert.Contains("lo", f);
        }
    }

    [Fact]
    public void AForkedChildReadsZeros()
    {
        ProbeResult r = Probe.Run("fork", environment: new Dictionary<string, string> { ["DOTNET_EnableWriteXorExecute"] = "0" });
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("zeros", r.Value("pooledChild"));
        Assert.Equal("zeros", r.Value("guardedChild"));
        Assert.Equal("True", r.Value("parentIntact"));
    }

    private static Dictionary<(long, long), string> ReadSmapsFlags()
    {
        var result = new Dictionary<(long, long), string>();
        (long, long) current = default;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            if (line.StartsWith("VmFlags:", StringComparison.Ordinal)) result[current] = line[8..];
            else if (line.Length > 0 && char.IsAsciiHexDigit(line[0]) && line.Contains('-', StringComparison.Ordinal))
            {
                string[] r = line.Split(' ')[0].Split('-');
                current = (long.Parse(r[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    long.Parse(r[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }
        return result;
    }
}
