// Post-quantum MLS cipher suites as named profiles. draft-ietf-mls-pq-ciphersuites defines the suites (ML-KEM-768,
// ML-KEM-1024, X-Wing = MLKEM768-X25519, MLKEM768-P256, MLKEM1024-P384 with Ed25519/ECDSA or ML-DSA signatures) but IANA
// has assigned no values, and the implementations that ship such suites picked different values and combinations. A
// profile is one such table {value -> KEM, KDF, AEAD, hash, signature, node-key rule}; a group uses one profile, and
// FromId resolves a peer's value within it. Unknown values, GREASE values (RFC 9420 §13.5) and suites whose signature
// scheme this library lacks (ML-DSA) resolve to null and are ignored, as RFC 9420 asks for unknown suites.
// Only what was read in each implementation's source is shipped; docs/mls-crypto.md lists what was not verified.
using NoFuture.Crypto;
using NoFuture.Mls.Suites;

namespace NoFuture.Mls;

/// <summary>A named table of post-quantum MLS cipher suites whose values are not registered with IANA: the NoFuture
/// default (private-use values) or the values of one interoperating implementation.</summary>
/// <remarks>The RFC 9420 suites 1–7 are in every profile's <see cref="FromId"/> as well, so a group configured with a
/// profile still resolves the registered suites. The profile's own suites are listed by <see cref="Suites"/>.</remarks>
public sealed class MlsSuiteProfile
{
    private readonly MlsCipherSuite[] _suites;

    private MlsSuiteProfile(string name, MlsCipherSuite[] suites)
    {
        Name = name;
        _suites = suites;
    }

    /// <summary>The NoFuture default: the eight suites of draft-ietf-mls-pq-ciphersuites-05 that use Ed25519 or ECDSA,
    /// at private-use values 0xF001–0xF008 (RFC 9420 §17.1 reserves 0xF000–0xFFFF for private use), with HKDF over the
    /// suite's hash as KDF (the draft's SHAKE256 KDF is not available to the MLS key schedule yet) and the
    /// draft-ietf-hpke-pq DeriveKeyPair for node keys. Interoperates only with itself.</summary>
    public static MlsSuiteProfile Default { get; } = new("NoFuture",
    [
        Suite(0xF001, "MLS_128_MLKEM768X25519_AES128GCM_SHA256_Ed25519", HpkeKem.XWing, Sha256, HpkeAead.Aes128Gcm, SignatureAlgorithm.Ed25519),
        Suite(0xF002, "MLS_128_MLKEM768X25519_AES256GCM_SHA384_Ed25519", HpkeKem.XWing, Sha384, HpkeAead.Aes256Gcm, SignatureAlgorithm.Ed25519),
        Suite(0xF003, "MLS_128_MLKEM768P256_AES128GCM_SHA256_P256", HpkeKem.MlKem768P256, Sha256, HpkeAead.Aes128Gcm, SignatureAlgorithm.EcdsaP256Sha256),
        Suite(0xF004, "MLS_128_MLKEM768P256_AES256GCM_SHA384_P256", HpkeKem.MlKem768P256, Sha384, HpkeAead.Aes256Gcm, SignatureAlgorithm.EcdsaP256Sha256),
        Suite(0xF005, "MLS_192_MLKEM1024P384_AES256GCM_SHA384_P384", HpkeKem.MlKem1024P384, Sha384, HpkeAead.Aes256Gcm, SignatureAlgorithm.EcdsaP384Sha384),
        Suite(0xF006, "MLS_128_MLKEM768_AES256GCM_SHA384_Ed25519", HpkeKem.MlKem768, Sha384, HpkeAead.Aes256Gcm, SignatureAlgorithm.Ed25519),
        Suite(0xF007, "MLS_128_MLKEM768_AES256GCM_SHA384_P256", HpkeKem.MlKem768, Sha384, HpkeAead.Aes256Gcm, SignatureAlgorithm.EcdsaP256Sha256),
        Suite(0xF008, "MLS_192_MLKEM1024_AES256GCM_SHA384_P384", HpkeKem.MlKem1024, Sha384, HpkeAead.Aes256Gcm, SignatureAlgorithm.EcdsaP384Sha384),
    ]);

    /// <summary>OpenMLS: its one experimental X-Wing suite, 0x004D = MLS_256_XWING_CHACHA20POLY1305_SHA256_Ed25519 (X-Wing,
    /// HKDF-SHA256, ChaCha20-Poly1305, SHA-256, Ed25519), node keys by HPKE DeriveKeyPair.</summary>
    public static MlsSuiteProfile OpenMls { get; } = new("OpenMLS",
    [
        Suite(0x004D, "MLS_256_XWING_CHACHA20POLY1305_SHA256_Ed25519", HpkeKem.XWing, Sha256, HpkeAead.ChaCha20Poly1305, SignatureAlgorithm.Ed25519),
    ]);

    /// <summary>ts-mls 1.x: values 77–84 (ML-KEM-512, ML-KEM-768, ML-KEM-1024 and X-Wing with Ed25519; 77 is ML-KEM-512),
    /// HKDF-SHA512 as KDF for all of them and ts-mls's own node-key rule (X-Wing seed = SHAKE256(ikm, 32), ML-KEM seed
    /// d ‖ z = the 64-byte ikm). Its ML-DSA-87 suites 85–88 resolve to null until ML-DSA is available.</summary>
    public static MlsSuiteProfile TsMls1 { get; } = new("ts-mls 1.x",
    [
        TsMls(77, "MLS_128_MLKEM512_AES128GCM_SHA256_Ed25519", HpkeKem.MlKem512, HpkeAead.Aes256Gcm, HashAlgorithm.Sha256),
        TsMls(78, "MLS_128_MLKEM512_CHACHA20POLY1305_SHA256_Ed25519", HpkeKem.MlKem512, HpkeAead.ChaCha20Poly1305, HashAlgorithm.Sha256),
        TsMls(79, "MLS_256_MLKEM768_AES256GCM_SHA384_Ed25519", HpkeKem.MlKem768, HpkeAead.Aes256Gcm, HashAlgorithm.Sha384),
        TsMls(80, "MLS_256_MLKEM768_CHACHA20POLY1305_SHA384_Ed25519", HpkeKem.MlKem768, HpkeAead.ChaCha20Poly1305, HashAlgorithm.Sha384),
        TsMls(81, "MLS_256_MLKEM1024_AES256GCM_SHA512_Ed25519", HpkeKem.MlKem1024, HpkeAead.Aes256Gcm, HashAlgorithm.Sha512),
        TsMls(82, "MLS_256_MLKEM1024_CHACHA20POLY1305_SHA512_Ed25519", HpkeKem.MlKem1024, HpkeAead.ChaCha20Poly1305, HashAlgorithm.Sha512),
        TsMls(83, "MLS_256_XWING_AES256GCM_SHA512_Ed25519", HpkeKem.XWing, HpkeAead.Aes256Gcm, HashAlgorithm.Sha512),
        TsMls(84, "MLS_256_XWING_CHACHA20POLY1305_SHA512_Ed25519", HpkeKem.XWing, HpkeAead.ChaCha20Poly1305, HashAlgorithm.Sha512),
    ]);

    /// <summary>Every profile, the NoFuture default first.</summary>
    public static IReadOnlyList<MlsSuiteProfile> All { get; } = [Default, OpenMls, TsMls1];

    /// <summary>The profile's name: <c>NoFuture</c> or the implementation it interoperates with.</summary>
    public string Name { get; }

    /// <summary>The profile's own suites (not the RFC 9420 ones), in the order of their values.</summary>
    public IReadOnlyList<MlsCipherSuite> Suites => _suites;

    /// <summary>The suite with wire value <paramref name="id"/> in this profile: one of its own suites or an RFC 9420
    /// suite (1–7). <see langword="null"/> for an unknown value, a GREASE value (RFC 9420 §13.5) or a suite this library
    /// cannot run (ML-DSA signatures), which a peer may list and which is then ignored.</summary>
    public MlsCipherSuite? FromId(ushort id)
    {
        foreach (MlsCipherSuite suite in _suites)
            if (suite.Id == id) return suite;
        return MlsCipherSuite.FromId(id);
    }

    /// <summary>The profile's name.</summary>
    public override string ToString() => Name;

    private static (HpkeKdf Hpke, KdfAlgorithm Kdf, HashAlgorithm Hash) Sha256 => (HpkeKdf.HkdfSha256, KdfAlgorithm.HkdfSha256, HashAlgorithm.Sha256);

    private static (HpkeKdf Hpke, KdfAlgorithm Kdf, HashAlgorithm Hash) Sha384 => (HpkeKdf.HkdfSha384, KdfAlgorithm.HkdfSha384, HashAlgorithm.Sha384);

    private static MlsCipherSuite Suite(ushort id, string name, HpkeKem kem, (HpkeKdf Hpke, KdfAlgorithm Kdf, HashAlgorithm Hash) kdf,
        HpkeAead aead, SignatureAlgorithm signature) =>
        new(id, name, kem, kdf.Hpke, kdf.Kdf, aead, aead.Algorithm!, kdf.Hash, signature);

    // ts-mls 1.x (src/crypto/ciphersuite.ts): the KDF of every post-quantum suite is HKDF-SHA512, used both by HPKE and by
    // the MLS key schedule, while the hash (tree and transcript hashes, RefHash) follows the suite name. Suite 77's name
    // says AES128GCM but its table entry is AES256GCM; the table is what runs, so it is what we use.
    private static MlsCipherSuite TsMls(ushort id, string name, HpkeKem kem, HpkeAead aead, HashAlgorithm hash) =>
        new(id, name, kem, HpkeKdf.HkdfSha512, KdfAlgorithm.HkdfSha512, aead, aead.Algorithm!, hash, SignatureAlgorithm.Ed25519,
            NodeKeyDerivation.TsMls1);
}
