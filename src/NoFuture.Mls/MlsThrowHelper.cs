// Every exception message of NoFuture.Mls is built here, so none carries secret bytes or secret lengths.
using System.Diagnostics.CodeAnalysis;

namespace NoFuture.Mls;

internal static class MlsThrowHelper
{
    [DoesNotReturn]
    internal static void Decode(MlsError error, string what) =>
        throw new MlsException(error, error switch
        {
            MlsError.Truncated => $"The encoding ends inside {what} (RFC 9420 section 2.1).",
            MlsError.InvalidLengthHeader => $"The length header of {what} is not the shortest form or uses the reserved prefix (RFC 9420 section 2.1.2).",
            MlsError.TrailingBytes => $"Bytes remain after {what}.",
            MlsError.InvalidValue => $"{what} holds a value the structure does not allow.",
            _ => $"{what} failed a check.",
        });

    [DoesNotReturn]
    internal static void TooLong(string paramName, long max) =>
        throw new ArgumentException($"The value is longer than an MLS variable-length vector allows ({max} bytes).", paramName);

    [DoesNotReturn]
    internal static void DestinationTooSmall(string paramName) =>
        throw new ArgumentException("The destination is too small for the encoding.", paramName);

    [DoesNotReturn]
    internal static void ArgumentOutOfRange(string paramName, string reason) =>
        throw new ArgumentOutOfRangeException(paramName, reason);

    [DoesNotReturn]
    internal static void Generation(MlsError error) =>
        throw new MlsException(error, error switch
        {
            MlsError.GenerationReused => "The key of this ratchet generation was already used and has been deleted (RFC 9420 section 9.2).",
            MlsError.GenerationTooOld => "This ratchet generation is older than the out-of-order window; its key has been deleted (RFC 9420 section 9.2).",
            MlsError.GenerationTooFarAhead => "This ratchet generation is further ahead than the maximum forward distance allows.",
            _ => "The ratchet generation failed a check.",
        });

    [DoesNotReturn]
    internal static void Protection(MlsError error) =>
        throw new MlsException(error, error switch
        {
            MlsError.MembershipTagInvalid => "The membership tag of the public message does not verify (RFC 9420 section 6.2).",
            MlsError.SignatureInvalid => "The signature over FramedContentTBS does not verify (RFC 9420 section 6.1).",
            MlsError.SenderDataDecryptionFailed => "The sender data of the private message does not decrypt (RFC 9420 section 6.3.2).",
            MlsError.ContentDecryptionFailed => "The content of the private message does not decrypt (RFC 9420 section 6.3.1).",
            _ => "The message failed a protection check.",
        });

    [DoesNotReturn]
    internal static void InvalidOperation(string message) => throw new InvalidOperationException(message);
}
