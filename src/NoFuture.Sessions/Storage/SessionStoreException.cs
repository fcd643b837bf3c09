// Stored bytes that fail a check (docs/failure-policy.md): a CryptographicException with a reason. Messages come from
// SessionStoreThrowHelper and never contain record contents or lengths.
using System.Security.Cryptography;

namespace NoFuture.Sessions;

/// <summary>A session store's files failed a check: wrong key, altered or foreign record, malformed header. Nothing
/// was changed.</summary>
public sealed class SessionStoreException : CryptographicException
{
    /// <summary>Creates an exception with a reason and a message.</summary>
    public SessionStoreException(SessionStoreError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates an exception with <see cref="SessionStoreError.Unknown"/>.</summary>
    public SessionStoreException()
        : this(SessionStoreError.Unknown, "A session store's file failed a check.")
    {
    }

    /// <summary>Creates an exception with <see cref="SessionStoreError.Unknown"/> and a message.</summary>
    public SessionStoreException(string message)
        : this(SessionStoreError.Unknown, message)
    {
    }

    /// <summary>Creates an exception with <see cref="SessionStoreError.Unknown"/>, a message and an inner exception.</summary>
    public SessionStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = SessionStoreError.Unknown;
    }

    /// <summary>The reason.</summary>
    public SessionStoreError Error { get; }
}
