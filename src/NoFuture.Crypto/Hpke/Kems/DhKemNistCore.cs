// DHKEM(P-256, HKDF-SHA256) 0x0010, DHKEM(P-384, HKDF-SHA384) 0x0011, DHKEM(P-521, HKDF-SHA512) 0x0012 (RFC 9180 §7.1):
//   Nsecret 32/48/64, Nenc = Npk 65/97/133 (SEC1 uncompressed), Nsk 32/48/66, Ndh 32/48/66 (the x-coordinate).
// DeriveKeyPair (§7.1.3) is rejection sampling:
//   dkp_prk = LabeledExtract("", "dkp_prk", ikm)
//   for counter = 0..255: bytes = LabeledExpand(dkp_prk, "candidate", I2OSP(counter, 1), Nsk); bytes[0] &= bitmask
//                         (0xFF for P-256/384, 0x01 for P-521); accept when 0 < OS2IP(bytes) < n
// GenerateKeyPair draws the candidates from the OS CSPRNG the same way (into secret memory, never through the BCL's
// exported D array). The range check is a borrow chain over every byte (no early exit); the loop itself reveals only
// how many candidates were rejected, which depends on no accepted secret.
// ECDH is the BCL's through EcdhPrivateKey (kept as the key's companion); an invalid peer point makes DH fail.
using System.Security.Cryptography;
using NoFuture.Crypto.Curves;
using NoFuture.Memory;

namespace NoFuture.Crypto.Hpke.Kems;

internal sealed class DhKemNistCore : DhKemCore
{
    private readonly NistCurve _curve;
    private readonly byte[] _order;
    private readonly byte _bitmask;

    private DhKemNistCore(ushort id, HpkeKdf kdf, NistCurve curve, int nsecret, string orderHex, byte bitmask)
        : base(id, kdf, ndh: curve.SharedSecretSizeInBytes, nsecret: nsecret, npk: curve.PublicKeySizeInBytes, nsk: curve.ScalarSizeInBytes)
    {
        _curve = curve;
        _order = Convert.FromHexString(orderHex);
        _bitmask = bitmask;
    }

    internal static DhKemNistCore P256() => new(0x0010, HpkeKdf.HkdfSha256, NistCurve.P256, 32,
        "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 0xFF);

    internal static DhKemNistCore P384() => new(0x0011, HpkeKdf.HkdfSha384, NistCurve.P384, 48,
        "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973", 0xFF);

    internal static DhKemNistCore P521() => new(0x0012, HpkeKdf.HkdfSha512, NistCurve.P521, 64,
        "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" +
        "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409", 0x01);

    internal override HpkePrivateKey Generate(SecretOptions? options) => Sample(default, fromIkm: false, options);

    internal override HpkePrivateKey DeriveKeyPair(ReadOnlySpan<byte> ikm, SecretOptions? options) => Sample(ikm, fromIkm: true, options);

    internal override HpkePrivateKey Import(ReadOnlySpan<byte> privateKey, SecretOptions? options)
    {
        if (!IsValidScalar(privateKey)) CryptoThrowHelper.InvalidPrivateKey(nameof(privateKey));
        return Build(privateKey, options);
    }

    protected override bool Dh(HpkePrivateKey sk, ReadOnlySpan<byte> pk, Span<byte> dh) =>
        ((EcdhPrivateKey)sk.Companion!).Agree(pk, dh);

    /// <summary>The rejection loop of §7.1.3, from ikm (DeriveKeyPair) or from the CSPRNG (GenerateKeyPair).</summary>
    private HpkePrivateKey Sample(ReadOnlySpan<byte> ikm, bool fromIkm, SecretOptions? options)
    {
        Span<byte> dkpPrk = stackalloc byte[64];
        dkpPrk = dkpPrk[..Kdf.HashSizeInBytes];
        Span<byte> candidate = stackalloc byte[66];
        candidate = candidate[..PrivateKeySize];
        Span<byte> counter = stackalloc byte[1];
        try
        {
            if (fromIkm) DkpPrk(ikm, dkpPrk);
            for (int i = 0; i < 256; i++)
            {
                if (fromIkm)
                {
                    counter[0] = (byte)i;
                    Kdf.LabeledExpand(SuiteId, dkpPrk, HpkeLabels.Candidate, counter, candidate);
                }
                else
                {
                    RandomNumberGenerator.Fill(candidate);
                }
                candidate[0] &= _bitmask;
                if (IsValidScalar(candidate)) return Build(candidate, options);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dkpPrk);
            CryptographicOperations.ZeroMemory(candidate);
        }
        CryptoThrowHelper.Hpke(HpkeError.DeriveKeyPairFailed);
        return null!;
    }

    private bool IsValidScalar(ReadOnlySpan<byte> d) => NistScalar.IsValid(d, _order);

    private HpkePrivateKey Build(ReadOnlySpan<byte> scalar, SecretOptions? options)
    {
        EcdhPrivateKey ec = EcdhPrivateKey.Import(_curve, scalar, options);
        HpkeKeyBuilder builder;
        try
        {
            builder = new HpkeKeyBuilder(this, PrivateKeySize, options);
        }
        catch
        {
            ec.Dispose();
            throw;
        }
        try
        {
            scalar.CopyTo(builder.Key);
            ec.PublicKey.CopyTo(builder.PublicKey);
            return builder.Finish(ec);
        }
        catch
        {
            builder.Abort();
            ec.Dispose();
            throw;
        }
    }
}
