// RFC 9180 §5, Table 1: the four HPKE modes and their one-byte identifiers (the first byte of key_schedule_context).
namespace NoFuture.Crypto;

/// <summary>An HPKE mode (RFC 9180 §5). The value is the mode identifier that enters the key schedule.</summary>
public enum HpkeMode : byte
{
    /// <summary>mode_base (0x00): encryption to a public key.</summary>
    Base = 0x00,

    /// <summary>mode_psk (0x01): both sides also hold a pre-shared key.</summary>
    Psk = 0x01,

    /// <summary>mode_auth (0x02): the sender authenticates with its own KEM private key (DH-based KEMs only).</summary>
    Auth = 0x02,

    /// <summary>mode_auth_psk (0x03): both a pre-shared key and sender authentication (DH-based KEMs only).</summary>
    AuthPsk = 0x03,
}
