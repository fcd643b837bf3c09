// The MLS cipher suites of RFC 9420 §17.1 (IANA "MLS Cipher Suites", values 0x0001–0x0007). Each suite fixes the HPKE
// KEM, the KDF, the AEAD, the hash and the signature scheme used everywhere in a group. ECDSA signatures are DER, as in
// TLS 1.3's SignatureScheme (RFC 9420 §5.1.2). GREASE values (§13.5: 0x0A0A, 0x1A1A, … 0xEAEA) and unknown values are
// not suites: FromId returns null for them, so a peer's capabilities list can carry them and they are ignored.
// Suites outside the registry (the post-quantum suites of draft-ietf-mls-pq-ciphersuites, which has no values yet) are
// built by MlsSuiteProfile through the internal constructor and reached only through their profile, never FromId: their
// values differ between implementations. Each suite carries its node-key derivation rule (NodeKeyDerivation).
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Suites;

namespace NoFuture.Mls;

/// <summary>An MLS cipher suite (RFC 9420 §17.1): one singleton per registered suite, 1 to 7, and one per suite of an
/// <see cref="MlsSuiteProfile"/> (post-quantum suites without registered values).</summary>
/// <remarks>Compare suites by reference or by <see cref="Id"/>; <see cref="FromId"/> maps a wire value to its suite.</remarks>
public sealed class MlsCipherSuite
{
    private static readonly MlsCipherSuite[] Suites =
    [
        new(0x0001, "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519", HpkeKem.DhKemX25519HkdfSha256, HpkeKdf.HkdfSha256,
            KdfAlgorithm.HkdfSha256, HpkeAead.Aes128Gcm, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256, SignatureAlgorithm.Ed25519),
        new(0x0002, "MLS_128_DHKEMP256_AES128GCM_SHA256_P256", HpkeKem.DhKemP256HkdfSha256, HpkeKdf.HkdfSha256,
            KdfAlgorithm.HkdfSha256, HpkeAead.Aes128Gcm, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256, SignatureAlgorithm.EcdsaP256Sha256),
        new(0x0003, "MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519", HpkeKem.DhKemX25519HkdfSha256, HpkeKdf.HkdfSha256,
            KdfAlgorithm.HkdfSha256, HpkeAead.ChaCha20Poly1305, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha256, SignatureAlgorithm.Ed25519),
        new(0x0004, "MLS_256_DHKEMX448_AES256GCM_SHA512_Ed448", HpkeKem.DhKemX448HkdfSha512, HpkeKdf.HkdfSha512,
            KdfAlgorithm.HkdfSha512, HpkeAead.Aes256Gcm, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha512, SignatureAlgorithm.Ed448),
        new(0x0005, "MLS_256_DHKEMP521_AES256GCM_SHA512_P521", HpkeKem.DhKemP521HkdfSha512, HpkeKdf.HkdfSha512,
            KdfAlgorithm.HkdfSha512, HpkeAead.Aes256Gcm, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha512, SignatureAlgorithm.EcdsaP521Sha512),
        new(0x0006, "MLS_256_DHKEMX448_CHACHA20POLY1305_SHA512_Ed448", HpkeKem.DhKemX448HkdfSha512, HpkeKdf.HkdfSha512,
            KdfAlgorithm.HkdfSha512, HpkeAead.ChaCha20Poly1305, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha512, SignatureAlgorithm.Ed448),
        new(0x0007, "MLS_256_DHKEMP384_AES256GCM_SHA384_P384", HpkeKem.DhKemP384HkdfSha384, HpkeKdf.HkdfSha384,
            KdfAlgorithm.HkdfSha384, HpkeAead.Aes256Gcm, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha384, SignatureAlgorithm.EcdsaP384Sha384),
    ];

    /// <summary>A suite; the registered ones above, or a profile's suite outside the registry.</summary>
    internal MlsCipherSuite(ushort id, string name, HpkeKem kem, HpkeKdf hpkeKdf, KdfAlgorithm kdf, HpkeAead hpkeAead,
        AeadAlgorithm aead, HashAlgorithm hash, SignatureAlgorithm signature,
        NodeKeyDerivation nodeKeyDerivation = NodeKeyDerivation.HpkeDeriveKeyPair)
    {
        NodeKeyDerivation = nodeKeyDerivation;
        Id = id;
        Name = name;
        Kem = kem;
        Kdf = kdf;
        HpkeAead = hpkeAead;
        Aead = aead;
        Hash = hash;
        Signature = signature;
        Hpke = new HpkeSuite(kem, hpkeKdf, hpkeAead);
    }

    /// <summary>0x0001: DHKEM(X25519), AES-128-GCM, SHA-256, Ed25519.</summary>
    public static MlsCipherSuite Mls128DhKemX25519Aes128GcmSha256Ed25519 => Suites[0];

    /// <summary>0x0002: DHKEM(P-256), AES-128-GCM, SHA-256, ECDSA P-256 with SHA-256 (DER).</summary>
    public static MlsCipherSuite Mls128DhKemP256Aes128GcmSha256P256 => Suites[1];

    /// <summary>0x0003: DHKEM(X25519), ChaCha20-Poly1305, SHA-256, Ed25519.</summary>
    public static MlsCipherSuite Mls128DhKemX25519ChaCha20Poly1305Sha256Ed25519 => Suites[2];

    /// <summary>0x0004: DHKEM(X448), AES-256-GCM, SHA-512, Ed448.</summary>
    public static MlsCipherSuite Mls256DhKemX448Aes256GcmSha512Ed448 => Suites[3];

    /// <summary>0x0005: DHKEM(P-521), AES-256-GCM, SHA-512, ECDSA P-521 with SHA-512 (DER).</summary>
    public static MlsCipherSuite Mls256DhKemP521Aes256GcmSha512P521 => Suites[4];

    /// <summary>0x0006: DHKEM(X448), ChaCha20-Poly1305, SHA-512, Ed448.</summary>
    public static MlsCipherSuite Mls256DhKemX448ChaCha20Poly1305Sha512Ed448 => Suites[5];

    /// <summary>0x0007: DHKEM(P-384), AES-256-GCM, SHA-384, ECDSA P-384 with SHA-384 (DER).</summary>
    public static MlsCipherSuite Mls256DhKemP384Aes256GcmSha384P384 => Suites[6];

    /// <summary>Every registered suite (RFC 9420 §17.1) this library implements, in the order of their values. Suites
    /// outside the registry are listed by their <see cref="MlsSuiteProfile"/>.</summary>
    public static IReadOnlyList<MlsCipherSuite> All => Suites;

    /// <summary>The suite's value on the wire (uint16 CipherSuite, RFC 9420 §17.1).</summary>
    public ushort Id { get; }

    /// <summary>The IANA name, for example <c>MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519</c>; for a profile's suite, the
    /// name its implementation or draft gives it.</summary>
    public string Name { get; }

    /// <summary>The HPKE KEM (RFC 9180 §7.1), for init, leaf and path keys and EncryptWithLabel.</summary>
    public HpkeKem Kem { get; }

    /// <summary>The KDF of the key schedule, ExpandWithLabel and the secret tree (HKDF with the suite's hash).</summary>
    public KdfAlgorithm Kdf { get; }

    /// <summary>The AEAD that protects PrivateMessage content, sender data and GroupInfo in a Welcome.</summary>
    public AeadAlgorithm Aead { get; }

    /// <summary>The same AEAD as an HPKE AEAD identifier, used by EncryptWithLabel (RFC 9420 §5.1.3).</summary>
    public HpkeAead HpkeAead { get; }

    /// <summary>The hash of RefHash, the tree hash and the transcript hashes.</summary>
    public HashAlgorithm Hash { get; }

    /// <summary>The signature scheme of SignWithLabel (RFC 9420 §5.1.2); ECDSA signatures are DER.</summary>
    public SignatureAlgorithm Signature { get; }

    /// <summary>The HPKE suite (KEM, KDF, AEAD) used by EncryptWithLabel.</summary>
    public HpkeSuite Hpke { get; }

    /// <summary>How a node's HPKE key pair is derived from a node secret (and external_pub from external_secret).</summary>
    internal NodeKeyDerivation NodeKeyDerivation { get; }

    /// <summary>The suite's DeriveKeyPair (RFC 9420 §4.1, §8.3): the key pair of a node secret or of external_secret,
    /// by the suite's <see cref="NodeKeyDerivation"/> rule.</summary>
    internal HpkePrivateKey DeriveKeyPair(ReadOnlySpan<byte> ikm) => NodeKeys.DeriveKeyPair(Kem, NodeKeyDerivation, ikm);

    /// <summary>DeriveKeyPair from a secret; see the span overload.</summary>
    internal HpkePrivateKey DeriveKeyPair(Secret ikm)
    {
        ArgumentNullException.ThrowIfNull(ikm);
        using SecretReadLease lease = ikm.OpenRead();
        return NodeKeys.DeriveKeyPair(Kem, NodeKeyDerivation, lease.Span);
    }

    /// <summary>The suite with wire value <paramref name="id"/>, or <see langword="null"/> for an unknown value or a
    /// GREASE value (RFC 9420 §13.5), which a peer may list and which is then ignored.</summary>
    public static MlsCipherSuite? FromId(ushort id) => id is >= 1 and <= 7 ? Suites[id - 1] : null;

    /// <summary>Whether <paramref name="id"/> is one of the GREASE values of RFC 9420 §13.5 (0x0A0A, 0x1A1A, …, 0xEAEA).</summary>
    public static bool IsGrease(ushort id) => (id & 0x0F0F) == 0x0A0A && (id >> 12) == ((id >> 4) & 0xF) && (id >> 12) <= 0xE;

    /// <summary>The IANA name.</summary>
    public override string ToString() => Name;
}
