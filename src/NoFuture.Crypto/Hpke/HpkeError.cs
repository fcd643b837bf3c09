// The protocol errors of RFC 9180 §5 and §7 that reach a caller as an HpkeException. Choices the caller made (an auth
// mode with a KEM that has none, Seal/Open on an export-only suite) are caller mistakes: ArgumentException and
// InvalidOperationException (docs/failure-policy.md).
namespace NoFuture.Crypto;

/// <summary>Why an <see cref="HpkeException"/> was thrown; switch on it rather than on the message.</summary>
public enum HpkeError
{
    /// <summary>No reason was given: an exception made by a serializer or with a message only. NoFuture itself always
    /// names the reason.</summary>
    Unknown = 0,

    /// <summary>EncapError (RFC 9180 §4): the recipient's public key is not valid for the KEM (not a curve point, an
    /// ML-KEM key failing the FIPS 203 §7.2 check), or the Diffie-Hellman result is the all-zero value.</summary>
    EncapsulationFailed = 1,

    /// <summary>DecapError (RFC 9180 §4): the encapsulated key (or the sender's public key in the auth modes) is not
    /// valid for the KEM, or the Diffie-Hellman result is the all-zero value.</summary>
    DecapsulationFailed = 2,

    /// <summary>MessageLimitReachedError (RFC 9180 §5.2): the context's sequence number is exhausted.</summary>
    MessageLimitReached = 3,

    /// <summary>DeriveKeyPairError (RFC 9180 §7.1.3): 256 candidates in a row were not valid scalars.</summary>
    DeriveKeyPairFailed = 4,
}
