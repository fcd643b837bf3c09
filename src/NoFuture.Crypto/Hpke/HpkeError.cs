// The protocol errors of RFC 9180 §5 and §7 that reach a caller as an HpkeException (misuse stays ArgumentException).
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
    DecapsulationFailed,

    /// <summary>MessageLimitReachedError (RFC 9180 §5.2): the context's sequence number is exhausted.</summary>
    MessageLimitReached,

    /// <summary>The KEM has no AuthEncap/AuthDecap (every post-quantum KEM, draft-ietf-hpke-pq §6.2), so the auth and
    /// auth_psk modes cannot be used with it.</summary>
    AuthenticationNotSupported,

    /// <summary>The suite's AEAD is export-only (0xFFFF): the context can export secrets but not seal or open.</summary>
    ExportOnly,

    /// <summary>DeriveKeyPairError (RFC 9180 §7.1.3): 256 candidates in a row were not valid scalars.</summary>
    DeriveKeyPairFailed,
}
