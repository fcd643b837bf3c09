using NoFuture.Memory;

namespace NoFuture.Cli.Commands;

/// <summary>One probe allocation under the BestEffort policy and what it actually got.</summary>
internal sealed record ProbeResult
{
    /// <summary>The tier asked for.</summary>
    public required SecretTier Tier { get; init; }

    /// <summary>The length in bytes.</summary>
    public required int Length { get; init; }

    /// <summary>The protections the allocation got (flag names); empty when it failed.</summary>
    public required IReadOnlyList<string> Protection { get; init; }

    /// <summary>The protections the OS refused (reported through <see cref="SecureMemory.ProtectionDegraded"/>).</summary>
    public required IReadOnlyList<Refusal> Refused { get; init; }

    /// <summary>Why the allocation failed, or null when it succeeded.</summary>
    public string? Error { get; init; }
}
