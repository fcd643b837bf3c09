// DHKEM(Group, KDF) of RFC 9180 §4.1, over an abstract Diffie-Hellman group (DhKemX25519Core, DhKemNistCore):
//   ExtractAndExpand(dh, kem_context): eae_prk = LabeledExtract("", "eae_prk", dh);
//                                      shared_secret = LabeledExpand(eae_prk, "shared_secret", kem_context, Nsecret)
//   Encap:     skE; dh = DH(skE, pkR);                  kem_context = enc || pkRm
//   AuthEncap: dh = DH(skE, pkR) || DH(skS, pkR);        kem_context = enc || pkRm || pkSm
//   Decap / AuthDecap mirror them with skR.
// The KDF is the KEM's own HKDF (suite_id "KEM" || kem_id), whatever KDF the HPKE suite uses.
// Validation (§7.1.4): a DH that fails (peer point invalid, X25519 all-zero output) makes the operation return false
// (EncapError/DecapError). dh, eae_prk and the ephemeral key are wiped.
using System.Security.Cryptography;

namespace NoFuture.Crypto.Hpke.Kems;

internal abstract class DhKemCore : HpkeKemCore
{
    private const int MaxDhSize = 66, MaxPublicKeySize = 133;

    protected DhKemCore(ushort id, HpkeKdf kdf, int ndh, int nsecret, int npk, int nsk)
        : base(id, nsecret, npk, npk, nsk, encapRandomness: nsk, auth: true)
    {
        Kdf = kdf;
        DhSize = ndh;
    }

    /// <summary>The KEM's HKDF.</summary>
    protected HpkeKdf Kdf { get; }

    /// <summary>Ndh: the size of one DH output.</summary>
    protected int DhSize { get; }

    /// <summary>DH(sk, pk) into <paramref name="dh"/> (Ndh bytes); false when pk is invalid or the result is rejected.</summary>
    protected abstract bool Dh(HpkePrivateKey sk, ReadOnlySpan<byte> pk, Span<byte> dh);

    internal override bool Encap(ReadOnlySpan<byte> pkR, ReadOnlySpan<byte> randomness, Span<byte> enc, Span<byte> sharedSecret) =>
        EncapCore(pkR, null, randomness, enc, sharedSecret);

    internal override bool AuthEncap(ReadOnlySpan<byte> pkR, HpkePrivateKey skS, ReadOnlySpan<byte> randomness, Span<byte> enc, Span<byte> sharedSecret) =>
        EncapCore(pkR, skS, randomness, enc, sharedSecret);

    internal override bool Decap(HpkePrivateKey skR, ReadOnlySpan<byte> enc, Span<byte> sharedSecret) =>
        DecapCore(skR, enc, default, auth: false, sharedSecret);

    internal override bool AuthDecap(HpkePrivateKey skR, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> pkS, Span<byte> sharedSecret) =>
        DecapCore(skR, enc, pkS, auth: true, sharedSecret);

    private bool EncapCore(ReadOnlySpan<byte> pkR, HpkePrivateKey? skS, ReadOnlySpan<byte> randomness, Span<byte> enc, Span<byte> sharedSecret)
    {
        // skE, pkE = GenerateKeyPair() (or DeriveKeyPair(ikmE) for known-answer tests)
        using HpkePrivateKey skE = randomness.IsEmpty ? Generate(null) : DeriveKeyPair(randomness, null);
        Span<byte> dh = stackalloc byte[2 * MaxDhSize];
        dh = dh[..(skS is null ? DhSize : 2 * DhSize)];
        try
        {
            if (!Dh(skE, pkR, dh[..DhSize])) return false;
            if (skS is not null && !Dh(skS, pkR, dh[DhSize..])) return false;
            skE.PublicKey.CopyTo(enc); // enc = SerializePublicKey(pkE)
            Span<byte> kemContext = stackalloc byte[3 * MaxPublicKeySize];
            int length = Concat(kemContext, enc, pkR, skS is null ? default : skS.PublicKey);
            ExtractAndExpand(dh, kemContext[..length], sharedSecret);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dh);
        }
    }

    private bool DecapCore(HpkePrivateKey skR, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> pkS, bool auth, Span<byte> sharedSecret)
    {
        Span<byte> dh = stackalloc byte[2 * MaxDhSize];
        dh = dh[..(auth ? 2 * DhSize : DhSize)];
        try
        {
            if (!Dh(skR, enc, dh[..DhSize])) return false;            // DH(skR, pkE)
            if (auth && !Dh(skR, pkS, dh[DhSize..])) return false;    // DH(skR, pkS)
            Span<byte> kemContext = stackalloc byte[3 * MaxPublicKeySize];
            int length = Concat(kemContext, enc, skR.PublicKey, pkS); // enc || pkRm (|| pkSm)
            ExtractAndExpand(dh, kemContext[..length], sharedSecret);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dh);
        }
    }

    /// <summary>RFC 9180 §4.1, ExtractAndExpand(dh, kem_context).</summary>
    private void ExtractAndExpand(ReadOnlySpan<byte> dh, ReadOnlySpan<byte> kemContext, Span<byte> sharedSecret)
    {
        Span<byte> eaePrk = stackalloc byte[64];
        eaePrk = eaePrk[..Kdf.HashSizeInBytes];
        try
        {
            Kdf.LabeledExtract(SuiteId, default, HpkeLabels.EaePrk, dh, eaePrk);
            Kdf.LabeledExpand(SuiteId, eaePrk, HpkeLabels.SharedSecret, kemContext, sharedSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(eaePrk);
        }
    }

    /// <summary>RFC 9180 §7.1.3: dkp_prk = LabeledExtract("", "dkp_prk", ikm), into <paramref name="dkpPrk"/> (Nh bytes).</summary>
    protected void DkpPrk(ReadOnlySpan<byte> ikm, Span<byte> dkpPrk) =>
        Kdf.LabeledExtract(SuiteId, default, HpkeLabels.DkpPrk, ikm, dkpPrk);

    private static int Concat(Span<byte> destination, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c)
    {
        a.CopyTo(destination);
        b.CopyTo(destination[a.Length..]);
        c.CopyTo(destination[(a.Length + b.Length)..]);
        return a.Length + b.Length + c.Length;
    }
}
