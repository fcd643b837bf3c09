// Why Argon2PhcString.Verify refused a stored string (misuse stays ArgumentException; a malformed string is a
// FormatException from Parse).
namespace NoFuture.Crypto;

/// <summary>Why an <see cref="Argon2Exception"/> was thrown; switch on it rather than on the message.</summary>
public enum Argon2Error
{
    /// <summary>No reason was given (an exception created by a serializer or with a message only).</summary>
    Unknown = 0,

    /// <summary>The string's memory size m is above <see cref="Argon2VerifyLimits.MaxMemorySizeKib"/>.</summary>
    MemoryLimitExceeded = 1,

    /// <summary>The string's m × t (the KiB of blocks computed over all passes, which sets the running time) is above
    /// <see cref="Argon2VerifyLimits.MaxWorkKib"/>.</summary>
    WorkLimitExceeded = 2,
}
