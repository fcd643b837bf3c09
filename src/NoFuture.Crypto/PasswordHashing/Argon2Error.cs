// Why Argon2PhcString.Parse or Verify refused a stored string: the string is untrusted input (docs/failure-policy.md).
// Misuse (the caller's own parameters) stays ArgumentException.
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

    /// <summary>The PHC string is malformed (a missing or bad field, a non-canonical number or base64 encoding); the
    /// message names the field, never its content.</summary>
    MalformedString = 3,

    /// <summary>The string's memory size is within the limits but more than this process can get.</summary>
    MemoryUnavailable = 4,
}
