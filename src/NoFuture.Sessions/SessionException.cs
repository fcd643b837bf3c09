using System.Security.Cryptography;

namespace NoFuture.Sessions;

/// <summary>
/// Untrusted input (a message, a prekey bundle, an exported record) failed a check. <see cref="Reason"/> says which.
/// A session that throws it has not changed: no ratchet step, no key consumed.
/// </summary>
/// <remarks>The message never contains key material or the length of a secret.</remarks>
public sealed class SessionException : CryptographicException
{
    /// <summary>Creates the exception for <paramref name="reason"/> with a message that describes the failed check.</summary>
    /// <param name="reason">The check that failed.</param>
    /// <param name="message">A description without secret content.</param>
    public SessionException(SessionError reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Which check failed.</summary>
    public SessionError Reason { get; }
}
