// Every exception of the SPQR layer is built here, so none carries secret bytes or secret lengths.
using System.Diagnostics.CodeAnalysis;

namespace NoFuture.Sessions.Spqr;

internal static class SpqrThrowHelper
{
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
