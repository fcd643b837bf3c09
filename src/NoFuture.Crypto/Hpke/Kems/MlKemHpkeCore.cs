// ML-KEM-512/768/1024 as HPKE KEMs 0x0040/0x0041/0x0042 (draft-ietf-hpke-pq-04 §3): Nsecret 32, Nsk 64 (the seed
// d || z), Nenc/Npk per FIPS 203. No AuthEncap/AuthDecap.
//   DeriveKeyPair(ikm): dk = SHAKE256.LabeledDerive(ikm, "DeriveKeyPair", "", 64) with suite_id "KEM" || kem_id;
//                       (ek, expanded dk) = ML-KEM.KeyGen_internal(dk[:32], dk[32:])
//   Encap: ML-KEM.Encaps; a key failing the FIPS 203 §7.2 modulus check is an EncapError.
//   Decap: ML-KEM.Decaps with the expanded key (cached here, right after the seed); implicit rejection, never fails.
// Key secret layout: seed (64) || expanded dk (FIPS 203 dk of the parameter set).
using System.Security.Cryptography;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;
using NoFuture.Memory;

namespace NoFuture.Crypto.Hpke.Kems;

internal sealed class MlKemHpkeCore : SeededHpkeKemCore
{
    private const int SeedSize = MlKemParameters.PrivateSeedSizeInBytes;
    private readonly MlKemParameters _p;

    private MlKemHpkeCore(ushort id, MlKemParameters p)
        : base(id, nsecret: 32, nenc: p.CiphertextSizeInBytes, npk: p.EncapsulationKeySizeInBytes, nsk: SeedSize,
            expandedSize: p.DecapsulationKeySizeInBytes, encapRandomness: 32)
    {
        _p = p;
    }

    internal static MlKemHpkeCore MlKem512() => new(0x0040, MlKemParameters.MlKem512);

    internal static MlKemHpkeCore MlKem768() => new(0x0041, MlKemParameters.MlKem768);

    internal static MlKemHpkeCore MlKem1024() => new(0x0042, MlKemParameters.MlKem1024);

    internal override bool Encap(ReadOnlySpan<byte> pkR, ReadOnlySpan<byte> randomness, Span<byte> enc, Span<byte> sharedSecret)
    {
        if (!MlKemCore.EncapsulationKeyModulusCheck(_p, pkR)) return false; // EncapError
        Span<byte> m = stackalloc byte[32];
        try
        {
            if (randomness.IsEmpty) RandomNumberGenerator.Fill(m);
            else randomness.CopyTo(m);
            MlKemCore.EncapsInternal(_p, pkR, m, sharedSecret, enc);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(m);
        }
    }

    internal override bool Decap(HpkePrivateKey skR, ReadOnlySpan<byte> enc, Span<byte> sharedSecret)
    {
        using SecretReadLease lease = skR.Secret.OpenRead();
        MlKemCore.DecapsInternal(_p, MlKemPaths.Best, lease.Span[SeedSize..], skR.ExpandedMlKemKey(_p), enc, sharedSecret);
        return true;
    }

    /// <summary>expandDecapsKey(dk): KeyGen_internal(d, z) into the cached expanded key and the public key.</summary>
    private protected override HpkePrivateKey Expand(ref HpkeKeyBuilder builder)
    {
        Span<byte> key = builder.Key;
        MlKemCore.KeyGenInternal(_p, key[..32], key[32..SeedSize], builder.PublicKey, key[SeedSize..]);
        return builder.Finish();
    }
}
