// How far a receiving ratchet reaches for out-of-order messages (RFC 9420 §9.2: members MAY keep unconsumed values for
// some reasonable time). The defaults follow OpenMLS's SenderRatchetConfiguration: 5 past generations kept, and at most
// 1,000 generations skipped at once (each skipped generation costs one KDF call, so this bounds the work one message
// can force).
namespace NoFuture.Mls.SecretTree;

/// <summary>The out-of-order window of a receiving ratchet.</summary>
internal readonly record struct RatchetWindow
{
    /// <summary>The largest tolerance accepted: every kept generation holds a key and a nonce in secret memory.</summary>
    internal const uint MaxTolerance = 1_000;

    /// <summary>5 past generations kept, 1,000 generations of forward distance.</summary>
    internal static RatchetWindow Default { get; } = new(5, 1_000);

    /// <summary>Creates a window.</summary>
    /// <param name="outOfOrderTolerance">How many generations older than the newest one received stay usable (each once);
    /// 0 to <see cref="MaxTolerance"/>.</param>
    /// <param name="maximumForwardDistance">How many generations past the next expected one a message may be.</param>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is over <see cref="MaxTolerance"/>.</exception>
    internal RatchetWindow(uint outOfOrderTolerance, uint maximumForwardDistance)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outOfOrderTolerance, MaxTolerance, nameof(outOfOrderTolerance));
        OutOfOrderTolerance = outOfOrderTolerance;
        MaximumForwardDistance = maximumForwardDistance;
    }

    /// <summary>How many generations older than the newest one received keep their key and nonce.</summary>
    internal uint OutOfOrderTolerance { get; }

    /// <summary>How far past the next expected generation a requested generation may be.</summary>
    internal uint MaximumForwardDistance { get; }
}
