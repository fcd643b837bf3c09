// DHKEM over an RFC 7748 function (RFC 9180 §7.1), written once for both:
//   DHKEM(X25519, HKDF-SHA256), KEM 0x0020: Nsecret 32, Nenc = Npk = Nsk = Ndh = 32;
//   DHKEM(X448, HKDF-SHA512),   KEM 0x0021: Nsecret 64, Nenc = Npk = Nsk = Ndh = 56.
// DeriveKeyPair (§7.1.3): dkp_prk = LabeledExtract("", "dkp_prk", ikm); sk = LabeledExpand(dkp_prk, "sk", "", Nsk),
// written straight into the key's Secret, unclamped: clamping is part of the X25519/X448 function (RFC 7748
// decodeScalar), as §7.1.3 says. DH rejects the all-zero output (§7.1.4; RFC 7748 §6.1/§6.2 check).
using System.Security.Cryptography;
using NoFuture.Crypto.Curves.Xdh;
using NoFuture.Memory;

namespace NoFuture.Crypto.Hpke.Kems;

internal sealed class DhKemXdhCore<T> : DhKemCore
    where T : IXdhFunction
{
    internal DhKemXdhCore(ushort id, HpkeKdf kdf)
        : base(id, kdf, ndh: T.KeySize, nsecret: kdf.HashSizeInBytes, npk: T.KeySize, nsk: T.KeySize)
    {
    }

    internal override HpkePrivateKey Generate(SecretOptions? options)
    {
        HpkeKeyBuilder builder = new(this, PrivateKeySize, options);
        try
        {
            RandomNumberGenerator.Fill(builder.Key);
            T.DerivePublicKey(builder.Key, builder.PublicKey);
            return builder.Finish();
        }
        catch
        {
            builder.Abort();
            throw;
        }
    }

    internal override HpkePrivateKey DeriveKeyPair(ReadOnlySpan<byte> ikm, SecretOptions? options)
    {
        HpkeKeyBuilder builder = new(this, PrivateKeySize, options);
        Span<byte> dkpPrk = stackalloc byte[64];
        dkpPrk = dkpPrk[..Kdf.HashSizeInBytes]; // Nh: 32 for HKDF-SHA256 (X25519), 64 for HKDF-SHA512 (X448)
        try
        {
            DkpPrk(ikm, dkpPrk);
            Kdf.LabeledExpand(SuiteId, dkpPrk, HpkeLabels.Sk, default, builder.Key); // sk = LabeledExpand(dkp_prk, "sk", "", Nsk)
            T.DerivePublicKey(builder.Key, builder.PublicKey);
            return builder.Finish();
        }
        catch
        {
            builder.Abort();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dkpPrk);
        }
    }

    internal override HpkePrivateKey Import(ReadOnlySpan<byte> privateKey, SecretOptions? options)
    {
        HpkeKeyBuilder builder = new(this, PrivateKeySize, options);
        try
        {
            privateKey.CopyTo(builder.Key);
            T.DerivePublicKey(builder.Key, builder.PublicKey);
            return builder.Finish();
        }
        catch
        {
            builder.Abort();
            throw;
        }
    }

    protected override bool Dh(HpkePrivateKey sk, ReadOnlySpan<byte> pk, Span<byte> dh)
    {
        using SecretReadLease lease = sk.Secret.OpenRead();
        return T.Agree(lease.Span, pk, dh);
    }
}
