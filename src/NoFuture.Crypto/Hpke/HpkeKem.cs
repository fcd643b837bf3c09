// HPKE KEM identifiers (RFC 9180 §7.1 and draft-ietf-hpke-pq-04 §7), one sealed singleton each, with the
// RFC's sizes: Nsecret (SharedSecretSizeInBytes), Nenc, Npk, Nsk, and whether AuthEncap/AuthDecap exist.
//   0x0010 DHKEM(P-256, HKDF-SHA256)   32 / 65 / 65 / 32      auth
//   0x0011 DHKEM(P-384, HKDF-SHA384)   48 / 97 / 97 / 48      auth
//   0x0012 DHKEM(P-521, HKDF-SHA512)   64 / 133 / 133 / 66    auth
//   0x0020 DHKEM(X25519, HKDF-SHA256)  32 / 32 / 32 / 32      auth
//   0x0021 DHKEM(X448, HKDF-SHA512)    64 / 56 / 56 / 56      auth
//   0x0040 ML-KEM-512                  32 / 768 / 800 / 64
//   0x0041 ML-KEM-768                  32 / 1088 / 1184 / 64
//   0x0042 ML-KEM-1024                 32 / 1568 / 1568 / 64
//   0x647A MLKEM768-X25519 (X-Wing)    32 / 1120 / 1216 / 32
//   0x0050 MLKEM768-P256               32 / 1153 / 1249 / 32
//   0x0051 MLKEM1024-P384              32 / 1665 / 1665 / 32
using System.Diagnostics;
using NoFuture.Crypto.Curves.Xdh;
using NoFuture.Crypto.Hpke.Kems;

namespace NoFuture.Crypto;

/// <summary>
/// An HPKE KEM (RFC 9180 §7.1; draft-ietf-hpke-pq-04 for the post-quantum ones). Create keys with
/// <see cref="HpkePrivateKey"/>; combine with a KDF and an AEAD in an <see cref="HpkeSuite"/>.
/// </summary>
[DebuggerDisplay("{Name}")]
public sealed class HpkeKem
{
    private HpkeKem(string name, HpkeKemCore core)
    {
        Name = name;
        Core = core;
        core.Kem = this;
    }

    /// <summary>DHKEM(P-256, HKDF-SHA256), 0x0010.</summary>
    public static HpkeKem DhKemP256HkdfSha256 { get; } = new("DHKEM(P-256, HKDF-SHA256)", DhKemNistCore.P256());

    /// <summary>DHKEM(P-384, HKDF-SHA384), 0x0011.</summary>
    public static HpkeKem DhKemP384HkdfSha384 { get; } = new("DHKEM(P-384, HKDF-SHA384)", DhKemNistCore.P384());

    /// <summary>DHKEM(P-521, HKDF-SHA512), 0x0012.</summary>
    public static HpkeKem DhKemP521HkdfSha512 { get; } = new("DHKEM(P-521, HKDF-SHA512)", DhKemNistCore.P521());

    /// <summary>DHKEM(X25519, HKDF-SHA256), 0x0020.</summary>
    public static HpkeKem DhKemX25519HkdfSha256 { get; } = new("DHKEM(X25519, HKDF-SHA256)", new DhKemXdhCore<X25519Function>(0x0020, HpkeKdf.HkdfSha256));

    /// <summary>DHKEM(X448, HKDF-SHA512), 0x0021.</summary>
    public static HpkeKem DhKemX448HkdfSha512 { get; } = new("DHKEM(X448, HKDF-SHA512)", new DhKemXdhCore<X448Function>(0x0021, HpkeKdf.HkdfSha512));

    /// <summary>ML-KEM-512, 0x0040 (draft-ietf-hpke-pq-04 §3).</summary>
    public static HpkeKem MlKem512 { get; } = new("ML-KEM-512", MlKemHpkeCore.MlKem512());

    /// <summary>ML-KEM-768, 0x0041 (draft-ietf-hpke-pq-04 §3).</summary>
    public static HpkeKem MlKem768 { get; } = new("ML-KEM-768", MlKemHpkeCore.MlKem768());

    /// <summary>ML-KEM-1024, 0x0042 (draft-ietf-hpke-pq-04 §3).</summary>
    public static HpkeKem MlKem1024 { get; } = new("ML-KEM-1024", MlKemHpkeCore.MlKem1024());

    /// <summary>MLKEM768-X25519, that is X-Wing, 0x647A (draft-ietf-hpke-pq-04 §4).</summary>
    public static HpkeKem XWing { get; } = new("MLKEM768-X25519", new XWingHpkeCore());

    /// <summary>MLKEM768-P256, 0x0050 (draft-ietf-hpke-pq-04 §4).</summary>
    public static HpkeKem MlKem768P256 { get; } = new("MLKEM768-P256", HybridHpkeCore.MlKem768P256());

    /// <summary>MLKEM1024-P384, 0x0051 (draft-ietf-hpke-pq-04 §4).</summary>
    public static HpkeKem MlKem1024P384 { get; } = new("MLKEM1024-P384", HybridHpkeCore.MlKem1024P384());

    /// <summary>The KEM identifier registered with IANA.</summary>
    public ushort Id => Core.Id;

    /// <summary>The name, for example "DHKEM(X25519, HKDF-SHA256)".</summary>
    public string Name { get; }

    /// <summary>Nsecret: the size of the KEM shared secret.</summary>
    public int SharedSecretSizeInBytes => Core.SharedSecretSize;

    /// <summary>Nenc: the size of the encapsulated key <c>enc</c> the sender transmits.</summary>
    public int EncapsulatedKeySizeInBytes => Core.EncSize;

    /// <summary>Npk: the size of a serialized public key.</summary>
    public int PublicKeySizeInBytes => Core.PublicKeySize;

    /// <summary>Nsk: the size of a serialized private key.</summary>
    public int PrivateKeySizeInBytes => Core.PrivateKeySize;

    /// <summary>True when the KEM has AuthEncap/AuthDecap, so the auth and auth_psk modes work (DHKEMs only).</summary>
    public bool SupportsAuthentication => Core.SupportsAuth;

    internal HpkeKemCore Core { get; }

    /// <summary>The KEM with identifier <paramref name="id"/>, or null when it is not implemented here.</summary>
    public static HpkeKem? FromId(ushort id) => id switch
    {
        0x0010 => DhKemP256HkdfSha256,
        0x0011 => DhKemP384HkdfSha384,
        0x0012 => DhKemP521HkdfSha512,
        0x0020 => DhKemX25519HkdfSha256,
        0x0021 => DhKemX448HkdfSha512,
        0x0040 => MlKem512,
        0x0041 => MlKem768,
        0x0042 => MlKem1024,
        0x647A => XWing,
        0x0050 => MlKem768P256,
        0x0051 => MlKem1024P384,
        _ => null,
    };

    /// <summary>Returns the name.</summary>
    public override string ToString() => Name;
}
