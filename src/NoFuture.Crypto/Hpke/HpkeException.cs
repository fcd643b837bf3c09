// One exception type for HPKE protocol errors, with a reason the caller can switch on (docs/failure-policy.md).
// Messages come from CryptoThrowHelper and never contain key material or secret lengths.
using System.Security.Cryptography;

namespace NoFuture.Crypto;

/// <summary>An HPKE protocol error (RFC 9180's EncapError, DecapError, MessageLimitReachedError, ...).</summary>
/// <remarks>
/// Authentication failure of an <c>Open</c> is not an exception: it returns <see langword="false"/> and clears the
/// destination. Wrong sizes, mismatched algorithms and inconsistent PSK inputs are misuse and throw
/// <see cref="ArgumentException"/>.
/// </remarks>
public sealed class HpkeException : CryptographicException
{
    /// <summary>Creates an exception with a reason and a message.</summary>
    public HpkeException(HpkeError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates an exception with <see cref="HpkeError.Unknown"/> (for serializers): no reason is claimed.</summary>
    public HpkeException()
        : this(HpkeError.Unknown, "HPKE failed.")
    {
    }

    /// <summary>Creates an exception with <see cref="HpkeError.Unknown"/> and a message.</summary>
    public HpkeException(string message)
        : this(HpkeError.Unknown, message)
    {
    }

    /// <summary>Creates an exception with <see cref="HpkeError.Unknown"/>, a message and an inner exception.</summary>
    public HpkeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = HpkeError.Unknown;
    }

    /// <summary>The reason.</summary>
    public HpkeError Error { get; }
}
