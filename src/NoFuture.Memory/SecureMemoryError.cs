// The reasons a SecureMemoryException can carry (docs/failure-policy.md): each names what was wrong with the input.
namespace NoFuture.Memory;

/// <summary>Why a <see cref="SecureMemoryException"/> was thrown; switch on it rather than on the message.</summary>
public enum SecureMemoryError
{
    /// <summary>No reason was given: an exception made by a serializer or with a message only. NoFuture itself always
    /// names the reason.</summary>
    Unknown = 0,

    /// <summary>An <see cref="Enclave"/>'s sealed bytes failed authentication: they were altered in memory.</summary>
    EnclaveTampered = 1,

    /// <summary>A stream, pipe or terminal gave no bytes where a secret was expected.</summary>
    InputEmpty,

    /// <summary>A stream or terminal gave more bytes than the maximum length the caller allowed.</summary>
    InputTooLong,

    /// <summary>A stream or pipe ended before the number of bytes the caller asked for.</summary>
    InputTruncated,
}
