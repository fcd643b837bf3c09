using System.Globalization;

namespace NoFuture.Cli.Commands;

/// <summary>Formats byte counts in IEC units (KiB, MiB, ...), as <c>ulimit</c> and the kernel count them.</summary>
internal static class ByteUnits
{
    private static readonly string[] s_units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>"0 bytes", "512 bytes", "64 KiB", "8 MiB", "1.5 GiB".</summary>
    internal static string Format(long bytes)
    {
        if (bytes < 1024) return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < s_units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {s_units[unit]}");
    }
}
