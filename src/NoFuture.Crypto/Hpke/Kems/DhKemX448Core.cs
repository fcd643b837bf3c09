// DHKEM(X448, HKDF-SHA512), KEM 0x0021 (RFC 9180 §7.1): Nsecret 64, Nenc 56, Npk 56, Nsk 56.
// X448 is our managed RFC 7748 implementation (Curves/X448.cs core entry points). DeriveKeyPair (§7.1.3):
//   dkp_prk = LabeledExtract("", "dkp_prk", ikm) (Nh = 64); sk = LabeledExpand(dkp_prk, "sk", "", 56)
// written straight into the key's Secret, unclamped: clamping is part of the X448 function (decodeScalar448), as
// §7.1.3 says. DH rejects the all-zero output (§7.1.4, RFC 7748 §6.2 check).
using System.Security.Cryptography;
using NoFuture.Crypto.Curves;
using NoFuture.Memory;

namespace NoFuture.Crypto.Hpke.Kems;

internal sealed class DhKemX448Core : DhKemCore
{
    internal DhKemX448Core()
        : base(0x0021, HpkeKdf.HkdfSha512, ndh: 56, nsecret: 64, npk: 56, nsk: 56)
    {
    }

    internal override HpkePrivateKey Generate(SecretOptions? options)
    {
        HpkeKeyBuilder builder = new(this, PrivateKeySize, options);
        try
        {
            RandomNumberGenerator.Fill(builder.Key);
            X448.DerivePublicKeyCore(builder.Key, builder.PublicKey);
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
        Span<byte> dkpPrk = stackalloc byte[64]; // Nh of HKDF-SHA512
        try
        {
            DkpPrk(ikm, dkpPrk);
            Kdf.LabeledExpand(SuiteId, dkpPrk, HpkeLabels.Sk, default, builder.Key); // sk = LabeledExpand(dkp_prk, "sk", "", Nsk)
            X448.DerivePublicKeyCore(builder.Key, builder.PublicKey);
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
            X448.DerivePublicKeyCore(builder.Key, builder.PublicKey);
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
        return X448.AgreeCore(lease.Span, pk, dh);
    }
}
