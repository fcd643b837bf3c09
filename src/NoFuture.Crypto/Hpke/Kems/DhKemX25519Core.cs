// DHKEM(X25519, HKDF-SHA256), KEM 0x0020 (RFC 9180 §7.1): Nsecret 32, Nenc 32, Npk 32, Nsk 32.
// X25519 through libsodium (Curves/X25519.cs core entry points). DeriveKeyPair (§7.1.3):
//   dkp_prk = LabeledExtract("", "dkp_prk", ikm); sk = LabeledExpand(dkp_prk, "sk", "", Nsk)
// written straight into the key's Secret. DH rejects the all-zero output (§7.1.4, RFC 7748 §6.1 check).
using System.Security.Cryptography;
using NoFuture.Crypto.Curves;
using NoFuture.Memory;

namespace NoFuture.Crypto.Hpke.Kems;

internal sealed class DhKemX25519Core : DhKemCore
{
    internal DhKemX25519Core()
        : base(0x0020, HpkeKdf.HkdfSha256, ndh: 32, nsecret: 32, npk: 32, nsk: 32)
    {
    }

    internal override HpkePrivateKey Generate(SecretOptions? options)
    {
        HpkeKeyBuilder builder = new(this, PrivateKeySize, options);
        try
        {
            RandomNumberGenerator.Fill(builder.Key);
            X25519.DerivePublicKeyCore(builder.Key, builder.PublicKey);
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
        Span<byte> dkpPrk = stackalloc byte[32];
        try
        {
            DkpPrk(ikm, dkpPrk);
            Kdf.LabeledExpand(SuiteId, dkpPrk, HpkeLabels.Sk, default, builder.Key); // sk = LabeledExpand(dkp_prk, "sk", "", Nsk)
            X25519.DerivePublicKeyCore(builder.Key, builder.PublicKey);
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
            X25519.DerivePublicKeyCore(builder.Key, builder.PublicKey);
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
        return X25519.AgreeCore(lease.Span, pk, dh);
    }
}
