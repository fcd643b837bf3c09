// The KEM interface of RFC 9180 §4 as the HPKE layer calls it, one implementation per KEM family (Kems/*.cs).
// Arguments arrive validated (sizes, algorithm match): these methods only compute.
// Every private key is an HpkePrivateKey whose Secret starts with the serialized private key (Nsk bytes, the form
// SerializePrivateKey returns), followed by whatever expanded form the family caches.
// Encap/Decap return false for RFC 9180's EncapError/DecapError (an invalid public key or encapsulated key, an
// all-zero DH result); the caller turns that into HpkeException or a false Open.
using NoFuture.Memory;

namespace NoFuture.Crypto.Hpke.Kems;

internal abstract class HpkeKemCore
{
    protected HpkeKemCore(ushort id, int nsecret, int nenc, int npk, int nsk, int encapRandomness, bool auth)
    {
        Id = id;
        SharedSecretSize = nsecret;
        EncSize = nenc;
        PublicKeySize = npk;
        PrivateKeySize = nsk;
        EncapRandomnessSize = encapRandomness;
        SupportsAuth = auth;
        SuiteId = [(byte)'K', (byte)'E', (byte)'M', (byte)(id >> 8), (byte)id];
    }

    internal ushort Id { get; }
    internal int SharedSecretSize { get; }
    internal int EncSize { get; }
    internal int PublicKeySize { get; }
    internal int PrivateKeySize { get; }

    /// <summary>The size of the randomness a derandomized Encap takes (what the test vectors call ikmE).</summary>
    internal int EncapRandomnessSize { get; }

    internal bool SupportsAuth { get; }

    /// <summary>suite_id = "KEM" || I2OSP(kem_id, 2) (RFC 9180 §4.1).</summary>
    internal byte[] SuiteId { get; }

    /// <summary>The public singleton this core belongs to (set once by <see cref="HpkeKem"/>).</summary>
    internal HpkeKem Kem { get; set; } = null!;

    /// <summary>GenerateKeyPair(): randomness from the OS CSPRNG, straight into secret memory.</summary>
    internal abstract HpkePrivateKey Generate(SecretOptions? options);

    /// <summary>DeriveKeyPair(ikm).</summary>
    internal abstract HpkePrivateKey DeriveKeyPair(ReadOnlySpan<byte> ikm, SecretOptions? options);

    /// <summary>DeserializePrivateKey(skm) (exactly Nsk bytes); throws ArgumentException when it is not a valid key.</summary>
    internal abstract HpkePrivateKey Import(ReadOnlySpan<byte> privateKey, SecretOptions? options);

    /// <summary>Encap(pkR), derandomized when <paramref name="randomness"/> is not empty.</summary>
    internal abstract bool Encap(ReadOnlySpan<byte> pkR, ReadOnlySpan<byte> randomness, Span<byte> enc, Span<byte> sharedSecret);

    /// <summary>Decap(enc, skR).</summary>
    internal abstract bool Decap(HpkePrivateKey skR, ReadOnlySpan<byte> enc, Span<byte> sharedSecret);

    /// <summary>AuthEncap(pkR, skS); only when <see cref="SupportsAuth"/>.</summary>
    internal virtual bool AuthEncap(ReadOnlySpan<byte> pkR, HpkePrivateKey skS, ReadOnlySpan<byte> randomness, Span<byte> enc, Span<byte> sharedSecret) =>
        CryptoThrowHelper.Unreachable<bool>();

    /// <summary>AuthDecap(enc, skR, pkS); only when <see cref="SupportsAuth"/>.</summary>
    internal virtual bool AuthDecap(HpkePrivateKey skR, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> pkS, Span<byte> sharedSecret) =>
        CryptoThrowHelper.Unreachable<bool>();
}
