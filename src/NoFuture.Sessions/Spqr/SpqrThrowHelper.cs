// Throw helpers for SPQR (docs/failure-policy.md): exceptions are built here only. Hostile input (a peer's chunk,
// a malformed encoding) is a CryptoException with a CryptoError reason; caller mistakes are ArgumentException or
// InvalidOperationException. Messages never contain secret data or secret lengths.
using System.Diagnostics.CodeAnalysis;
using NoFuture.Crypto;

namespace NoFuture.Sessions.Spqr;

internal static class SpqrThrowHelper
{
    /// <summary>A peer's encoding failing a check: <see cref="CryptoError.InvalidEncoding"/>.</summary>
    [DoesNotReturn]
    internal static void EncodingRejected(string what) =>
        throw new CryptoException(CryptoError.InvalidEncoding, $"The {what} is malformed.");

    [DoesNotReturn]
    internal static void MessageLengthInvalid(string paramName, int maximum) =>
        throw new ArgumentOutOfRangeException(paramName, $"The message length must be even and at most {maximum} bytes.");

    [DoesNotReturn]
    internal static void WrongSize(string paramName, int expected) =>
        throw new ArgumentException($"The buffer must be exactly {expected} bytes.", paramName);

    [DoesNotReturn]
    internal static void NotComplete() =>
        throw new InvalidOperationException("The decoder has not received enough chunks to recover the message.");
}
