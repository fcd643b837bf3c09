// One exception type for Argon2 input that is refused as hostile or unaffordable (docs/failure-policy.md): today, a
// stored PHC string whose cost is above the caller's Argon2VerifyLimits. Messages come from CryptoThrowHelper; they
// state the string's cost parameters and the limit (public values), never the salt, the hash or anything derived from
// the password.
using System.Security.Cryptography;

namespace NoFuture.Crypto;

/// <summary>An Argon2 input refused before any work, with a reason the caller can switch on.</summary>
/// <remarks>
/// <see cref="Argon2PhcString.Verify(string, ReadOnlySpan{byte}, CancellationToken)"/> throws it for a string whose
/// cost is above its <see cref="Argon2VerifyLimits"/>: such a string is neither a match nor a mismatch, so it is not
/// answered with <see langword="false"/>. Wrong sizes and null arguments are misuse and throw
/// <see cref="ArgumentException"/>.
/// </remarks>
public sealed class Argon2Exception : CryptographicException
{
    /// <summary>Creates an exception with a reason and a message.</summary>
    public Argon2Exception(Argon2Error error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates an exception with <see cref="Argon2Error.Unknown"/> (for serializers).</summary>
    public Argon2Exception()
        : this(Argon2Error.Unknown, "Argon2 refused its input.")
    {
    }

    /// <summary>Creates an exception with <see cref="Argon2Error.Unknown"/> and a message.</summary>
    public Argon2Exception(string message)
        : this(Argon2Error.Unknown, message)
    {
    }

    /// <summary>Creates an exception with <see cref="Argon2Error.Unknown"/>, a message and an inner exception.</summary>
    public Argon2Exception(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = Argon2Error.Unknown;
    }

    /// <summary>The reason.</summary>
    public Argon2Error Error { get; }
}
