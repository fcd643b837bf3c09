// The exception of NoFuture.Mls for a peer's bytes that fail a check (docs/failure-policy.md). Messages come from
// MlsThrowHelper and never contain secret material or secret lengths.
using System.Security.Cryptography;

namespace NoFuture.Mls;

/// <summary>An MLS message or structure from a peer failed a check (its encoding, a value, later its signature or
/// epoch). Nothing was changed.</summary>
/// <remarks>Caller mistakes are never this type: they throw <see cref="ArgumentException"/>,
/// <see cref="ObjectDisposedException"/> or <see cref="InvalidOperationException"/>.</remarks>
public sealed class MlsException : CryptographicException
{
    /// <summary>Creates an exception with a reason and a message.</summary>
    public MlsException(MlsError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates an exception with <see cref="MlsError.Unknown"/> (for serializers): no reason is claimed.</summary>
    public MlsException()
        : this(MlsError.Unknown, "An MLS structure failed a check.")
    {
    }

    /// <summary>Creates an exception with <see cref="MlsError.Unknown"/> and a message.</summary>
    public MlsException(string message)
        : this(MlsError.Unknown, message)
    {
    }

    /// <summary>Creates an exception with <see cref="MlsError.Unknown"/>, a message and an inner exception.</summary>
    public MlsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = MlsError.Unknown;
    }

    /// <summary>The reason.</summary>
    public MlsError Error { get; }
}
