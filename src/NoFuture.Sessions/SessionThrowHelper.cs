// Every exception of NoFuture.Sessions is built here (docs/failure-policy.md), so none carries key bytes or a secret's
// length.
using System.Diagnostics.CodeAnalysis;

namespace NoFuture.Sessions;

internal static class SessionThrowHelper
{
    [DoesNotReturn]
    internal static void Rejected(SessionError reason, string what) => throw Create(reason, what);

    [DoesNotReturn]
    internal static T Rejected<T>(SessionError reason, string what) => throw Create(reason, what);

    internal static SessionException Create(SessionError reason, string what) => new(reason, reason switch
    {
        SessionError.Malformed => $"The {what} is malformed.",
        SessionError.UnsupportedVersion => $"The {what} has an unsupported version.",
        SessionError.InvalidKey => $"The {what} is not a valid key.",
        SessionError.InvalidSignature => $"The {what} signature does not verify.",
        SessionError.BadMac => $"The {what} MAC does not verify.",
        SessionError.BadCiphertext => $"The {what} ciphertext does not decrypt.",
        SessionError.Duplicate => $"The {what} was already received.",
        SessionError.TooFarAhead => $"The {what} is too far ahead of its chain.",
        SessionError.UnknownPreKey => $"The {what} names a prekey this identity does not hold.",
        SessionError.PreKeyReplay => $"The {what} was already accepted.",
        SessionError.UnknownSession => $"The {what} belongs to another session.",
        SessionError.AddressMismatch => $"The {what} addresses do not match this session.",
        SessionError.PostQuantumRatchet => $"The {what} was rejected by the post-quantum ratchet.",
        _ => $"The {what} does not import.",
    });

    [DoesNotReturn]
    internal static void OutOfRange(string paramName, long min, long max) =>
        throw new ArgumentOutOfRangeException(paramName, $"The value must be between {min} and {max}.");

    [DoesNotReturn]
    internal static void TooSmall(string paramName, int needed) =>
        throw new ArgumentException($"The buffer must be at least {needed} bytes.", paramName);

    [DoesNotReturn]
    internal static void WrongSize(string paramName, int expected) =>
        throw new ArgumentException($"The buffer must be exactly {expected} bytes.", paramName);

    [DoesNotReturn]
    internal static void Argument(string paramName, string message) => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    internal static void InvalidOperation(string message) => throw new InvalidOperationException(message);

    [DoesNotReturn]
    internal static void Unreachable() => throw new System.Diagnostics.UnreachableException();
}
