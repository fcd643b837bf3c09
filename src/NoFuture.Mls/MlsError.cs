// The reasons an MlsException can carry (docs/failure-policy.md): each names what was wrong with a peer's bytes.
namespace NoFuture.Mls;

/// <summary>Why an <see cref="MlsException"/> was thrown; switch on it rather than on the message.</summary>
public enum MlsError
{
    /// <summary>No reason was given: an exception made by a serializer or with a message only. NoFuture itself always
    /// names the reason.</summary>
    Unknown = 0,

    /// <summary>The encoding ends before a field or a vector it announces (RFC 9420 §2.1).</summary>
    Truncated = 1,

    /// <summary>A variable-length header is not in its shortest form, or uses the reserved 0b11 prefix (RFC 9420
    /// §2.1.2).</summary>
    InvalidLengthHeader = 2,

    /// <summary>Bytes remain after the structure that should have ended the input.</summary>
    TrailingBytes = 3,

    /// <summary>A field holds a value the structure does not allow (an unknown enum value where none is tolerated, an
    /// optional presence byte other than 0 or 1).</summary>
    InvalidValue = 4,

    // The secret tree's reasons (RFC 9420 §9.2) start at 40, so that reasons added by other layers at the same time
    // keep their own numbers.

    /// <summary>A message asks for a ratchet generation whose key was already used and deleted (RFC 9420 §9.2): a
    /// replay, or a second message under the same generation.</summary>
    GenerationReused = 40,

    /// <summary>A message asks for a ratchet generation older than the out-of-order window keeps: its key was deleted
    /// (RFC 9420 §9.2).</summary>
    GenerationTooOld = 41,

    /// <summary>A message asks for a ratchet generation further ahead than the window's maximum forward distance
    /// allows (each skipped generation costs a derivation).</summary>
    GenerationTooFarAhead = 42,

    // Message protection's reasons (RFC 9420 §6.1–§6.3) start at 60. An authentication failure inside message
    // processing is a refusal of the peer's message, so it is an MlsException with its reason rather than a false
    // (docs/mls-crypto.md, "Message protection").

    /// <summary>A PublicMessage's membership_tag is not the MAC of its AuthenticatedContentTBM under the epoch's
    /// membership_key (RFC 9420 §6.2).</summary>
    MembershipTagInvalid = 60,

    /// <summary>The signature over FramedContentTBS does not verify under the sender's signature key (RFC 9420 §6.1).</summary>
    SignatureInvalid = 61,

    /// <summary>A PrivateMessage's encrypted_sender_data does not open under the sender-data key and nonce (RFC 9420
    /// §6.3.2).</summary>
    SenderDataDecryptionFailed = 62,

    /// <summary>A PrivateMessage's ciphertext does not open under the sender's ratchet key and nonce (RFC 9420 §6.3.1).</summary>
    ContentDecryptionFailed = 63,
}
