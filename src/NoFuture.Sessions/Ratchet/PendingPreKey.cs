namespace NoFuture.Sessions.Ratchet;

/// <summary>The initiator's handshake fields, repeated in every message (as PreKeySignalMessages) until the peer's
/// first message arrives (libsignal's unacknowledged prekey message items). Public data.</summary>
internal sealed record PendingPreKey(uint RegistrationId, uint? PreKeyId, uint SignedPreKeyId, uint KyberPreKeyId,
    byte[] KyberCiphertext, byte[] BaseKey);
