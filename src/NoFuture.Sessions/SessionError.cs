namespace NoFuture.Sessions;

/// <summary>Why a <see cref="SessionException"/> was thrown: which check untrusted input failed.</summary>
public enum SessionError
{
    /// <summary>The message, bundle or record is not well formed (protobuf, lengths, missing fields).</summary>
    Malformed = 1,

    /// <summary>The message's version byte is not the one this session speaks (4, PQXDH).</summary>
    UnsupportedVersion,

    /// <summary>A public key has the wrong type byte or size, or an X25519 agreement with it gives the all-zero value.</summary>
    InvalidKey,

    /// <summary>A prekey signature (signed prekey or KEM prekey) does not verify under the identity key.</summary>
    InvalidSignature,

    /// <summary>The message's truncated HMAC-SHA256 does not verify.</summary>
    BadMac,

    /// <summary>The authenticated ciphertext does not decrypt (its padding or length is wrong).</summary>
    BadCiphertext,

    /// <summary>The message was already decrypted (its key is gone): a duplicate or a replay.</summary>
    Duplicate,

    /// <summary>The message's counter is further ahead of its chain than the session's maximum forward jump.</summary>
    TooFarAhead,

    /// <summary>The prekey message names a prekey this identity does not hold (used, never made, or replaced).</summary>
    UnknownPreKey,

    /// <summary>The prekey message was already accepted once (same prekeys and base key).</summary>
    PreKeyReplay,

    /// <summary>The prekey message belongs to another handshake than this session's (its base key differs).</summary>
    UnknownSession,

    /// <summary>The message's sender and recipient addresses differ from this session's.</summary>
    AddressMismatch,

    /// <summary>The post-quantum ratchet (SPQR) rejected the message's pq_ratchet field.</summary>
    PostQuantumRatchet,

    /// <summary>An exported session record does not import (wrong format or corrupted).</summary>
    InvalidRecord,
}
