// The reasons a CryptoException can carry (docs/failure-policy.md): each names what was wrong with untrusted input.
namespace NoFuture.Crypto;

/// <summary>Why a <see cref="CryptoException"/> was thrown; switch on it rather than on the message.</summary>
public enum CryptoError
{
    /// <summary>No reason was given: an exception made by a serializer or with a message only. NoFuture itself always
    /// names the reason.</summary>
    Unknown = 0,

    /// <summary>A public key (a peer's key, or one being imported) fails its algorithm's check: not a point on the curve,
    /// a non-canonical or low-order encoding, an ML-KEM key failing the FIPS 203 §7.2 modulus check, or a
    /// Diffie-Hellman result that is the all-zero value (RFC 7748 §6).</summary>
    InvalidPublicKey = 1,

    /// <summary>A private key being imported fails its algorithm's check (an ML-KEM decapsulation key failing the
    /// FIPS 203 §7.3 hash check, a NIST-curve scalar that is zero or not below the group order).</summary>
    InvalidPrivateKey,

    /// <summary>An encoding read from untrusted input is malformed (a DER structure, a length, a tag).</summary>
    InvalidEncoding,

    /// <summary>A native library (libsodium, the platform's cryptography) reported a failure that valid input cannot
    /// cause; nothing was written.</summary>
    NativeFailure,
}
