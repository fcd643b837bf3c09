namespace NoFuture.Sessions;

/// <summary>
/// Limits and addresses of a <see cref="QuantumSession"/>. The defaults are libsignal's (rust/protocol/src/consts.rs):
/// a message may be at most 25,000 messages ahead of its chain, and at most 2,000 skipped message keys are kept per
/// receiving chain (the oldest are dropped first), for at most 5 receiving chains.
/// </summary>
public sealed class QuantumSessionOptions
{
    /// <summary>libsignal's MAX_FORWARD_JUMPS.</summary>
    public const int DefaultMaxForwardJumps = 25_000;

    /// <summary>libsignal's MAX_MESSAGE_KEYS.</summary>
    public const int DefaultMaxMessageKeys = 2_000;

    /// <summary>libsignal's MAX_RECEIVER_CHAINS: receiving chains kept (older chains' skipped keys are dropped).</summary>
    public const int MaxReceiverChains = 5;

    /// <summary>The default options.</summary>
    public static QuantumSessionOptions Default { get; } = new();

    /// <summary>How far ahead of its chain a message's counter may be (1 to 1,000,000; default 25,000).</summary>
    public int MaxForwardJumps
    {
        get;
        init
        {
            if (value is < 1 or > 1_000_000) SessionThrowHelper.OutOfRange(nameof(MaxForwardJumps), 1, 1_000_000);
            field = value;
        }
    } = DefaultMaxForwardJumps;

    /// <summary>How many skipped message keys a receiving chain keeps (0 to 100,000; default 2,000).</summary>
    public int MaxMessageKeys
    {
        get;
        init
        {
            if (value is < 0 or > 100_000) SessionThrowHelper.OutOfRange(nameof(MaxMessageKeys), 0, 100_000);
            field = value;
        }
    } = DefaultMaxMessageKeys;

    /// <summary>This party's address, or null. With <see cref="RemoteAddress"/> set too, prekey messages carry both
    /// (libsignal's <c>addresses</c> field) and incoming messages that carry addresses must name these two.</summary>
    public SessionAddress? LocalAddress { get; init; }

    /// <summary>The peer's address, or null (see <see cref="LocalAddress"/>).</summary>
    public SessionAddress? RemoteAddress { get; init; }
}
