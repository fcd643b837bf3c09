namespace NoFuture.Cli.Commands;

/// <summary>A protection the OS refused during the probe, with the library's numbers.</summary>
internal sealed record Refusal
{
    /// <summary>The refused protection's flag name (e.g. "Locked").</summary>
    public required string Protection { get; init; }

    /// <summary>Bytes of memory concerned (whole pages).</summary>
    public required long RequestedBytes { get; init; }

    /// <summary>Bytes still available under the OS limit; null when unknown.</summary>
    public required long? AvailableBytes { get; init; }

    /// <summary>The OS error number, or 0 when the library refused before asking the OS.</summary>
    public required int ErrorCode { get; init; }
}
