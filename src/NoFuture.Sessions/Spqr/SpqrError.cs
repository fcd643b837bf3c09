namespace NoFuture.Sessions.Spqr;

/// <summary>Why an SPQR message or record was rejected. The names follow the Rust crate <c>spqr</c>'s error cases
/// (src/lib.rs) where one exists, so a failure can be compared with libsignal's.</summary>
internal enum SpqrError
{
    /// <summary>No reason is claimed.</summary>
    Unknown = 0,

    /// <summary>The message bytes do not parse (truncated, bad varint, epoch 0, unknown message type).</summary>
    MessageDecode,

    /// <summary>The message's protocol version is below the version this session requires (libsignal requires V1).</summary>
    VersionRejected,

    /// <summary>The message names an epoch that is ahead of ours or whose keys were dropped.</summary>
    EpochOutOfRange,

    /// <summary>The MAC over the ML-KEM header or ciphertext is wrong.</summary>
    MacVerifyFailed,

    /// <summary>The peer's encapsulation key does not match the header it authenticated.</summary>
    ErroneousDataReceived,

    /// <summary>The message index is further ahead than the maximum jump.</summary>
    KeyJump,

    /// <summary>The message index is older than the out-of-order window; its key was deleted.</summary>
    KeyTrimmed,

    /// <summary>The key of this message index was already handed out (a replay or duplicate).</summary>
    KeyAlreadyRequested,

    /// <summary>An exported state record does not parse.</summary>
    StateDecode,
}
