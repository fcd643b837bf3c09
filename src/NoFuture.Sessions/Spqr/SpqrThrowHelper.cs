// Throw helpers for SPQR (docs/failure-policy.md): exceptions are built here only, and their messages never contain
// secret data or secret lengths. Erasure-code input (a peer's chunk, a malformed encoding) is a CryptoException with
// a CryptoError reason; protocol messages and state records failing a check are SpqrException with an SpqrError
// reason; caller mistakes are ArgumentException or InvalidOperationException.
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

    [DoesNotReturn]
    internal static void Rejected(SpqrError error) =>
        throw new SpqrException(error, error switch
        {
            SpqrError.MessageDecode => "The SPQR message does not parse.",
            SpqrError.VersionRejected => "The SPQR message uses a protocol version this session does not accept.",
            SpqrError.EpochOutOfRange => "The SPQR message names an epoch outside the range this state holds.",
            SpqrError.MacVerifyFailed => "The MAC of the SPQR key exchange is wrong.",
            SpqrError.ErroneousDataReceived => "The peer's ML-KEM encapsulation key does not match its authenticated header.",
            SpqrError.KeyJump => "The SPQR message index is further ahead than the maximum jump allows.",
            SpqrError.KeyTrimmed => "The SPQR message index is older than the out-of-order window; its key has been deleted.",
            SpqrError.KeyAlreadyRequested => "The SPQR message key of this index was already used and has been deleted.",
            SpqrError.StateDecode => "The SPQR state record does not parse.",
            _ => "The SPQR message failed a check.",
        });

    [DoesNotReturn]
    internal static void Invariant(string what) =>
        throw new InvalidOperationException($"SPQR state invariant broken: {what}.");
}
