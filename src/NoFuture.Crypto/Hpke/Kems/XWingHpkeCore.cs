// X-Wing (MLKEM768-X25519) as HPKE KEM 0x647A, per draft-ietf-hpke-pq-04 §4, which overrides the X-Wing draft's own
// HPKE section: Nsecret 32, Nenc 1120, Npk 1216, Nsk 32 (the seed sk). No AuthEncap/AuthDecap.
//   DeriveKeyPair(ikm): seed = SHAKE256.LabeledDerive(ikm, "DeriveKeyPair", "", 32) with suite_id "KEM\x64\x7a";
//                       the key pair is X-Wing's expandDecapsulationKey(seed) (draft-connolly-cfrg-xwing-kem §5.2).
//   Encap/Decap: X-Wing's; Encap's randomness (ikmE in the vectors) is the 64-byte eseed; a public key whose ML-KEM part
//   fails the FIPS 203 §7.2 check is an EncapError.
// Key secret layout: sk (32) || sk_M (2400) || sk_X (32), as XWingPrivateKey caches it.
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.XWing;
using NoFuture.Memory;

namespace NoFuture.Crypto.Hpke.Kems;

internal sealed class XWingHpkeCore : SeededHpkeKemCore
{
    private const int SeedSize = XWingCore.SeedSizeInBytes;

    internal XWingHpkeCore()
        : base(0x647A, nsecret: 32, nenc: XWingCore.CiphertextSizeInBytes, npk: XWingCore.PublicKeySizeInBytes, nsk: SeedSize,
            expandedSize: XWingCore.ExpandedKeySizeInBytes, encapRandomness: XWingCore.EncapsulationSeedSizeInBytes)
    {
    }

    internal override bool Encap(ReadOnlySpan<byte> pkR, ReadOnlySpan<byte> randomness, Span<byte> enc, Span<byte> sharedSecret)
    {
        if (!XWingCore.PublicKeyPassesModulusCheck(pkR)) return false; // EncapError
        if (randomness.IsEmpty) XWingCore.Encapsulate(pkR, null, enc, sharedSecret);
        else XWingCore.EncapsulateDerand(pkR, randomness, enc, sharedSecret);
        return true;
    }

    internal override bool Decap(HpkePrivateKey skR, ReadOnlySpan<byte> enc, Span<byte> sharedSecret)
    {
        using SecretReadLease lease = skR.Secret.OpenRead();
        ReadOnlySpan<byte> pkX = skR.PublicKey[XWingCore.PkMSizeInBytes..];
        XWingCore.Decapsulate(lease.Span[SeedSize..], skR.ExpandedMlKemKey(MlKemParameters.MlKem768), pkX, enc, sharedSecret);
        return true;
    }

    private protected override HpkePrivateKey Expand(ref HpkeKeyBuilder builder)
    {
        Span<byte> key = builder.Key;
        XWingCore.ExpandDecapsulationKey(key[..SeedSize], builder.PublicKey, key[SeedSize..]);
        return builder.Finish();
    }
}
