// The ML-KEM + NIST-curve hybrids of draft-ietf-hpke-pq-04 §4 (draft-irtf-cfrg-concrete-hybrid-kems, on the generic
// construction of draft-irtf-cfrg-hybrid-kems): MLKEM768-P256 (0x0050) and MLKEM1024-P384 (0x0051). No AuthEncap.
//   Nsecret 32; Nsk 32 (the seed); Npk = ek_M || pk_T (1184 + 65 = 1249, 1568 + 97 = 1665); Nenc = ct_M || ct_T
//   (1088 + 65 = 1153, 1568 + 97 = 1665); pk_T and ct_T are SEC1 uncompressed points.
//   HPKE DeriveKeyPair(ikm): seed = SHAKE256.LabeledDerive(ikm, "DeriveKeyPair", "", 32) (suite_id "KEM" || kem_id).
//   KEM DeriveKeyPair(seed): expanded = SHAKE256(seed, 64 + Nseed_T); (ek_M, dk_M) = ML-KEM.KeyGen_internal(
//     expanded[0:32], expanded[32:64]); sk_T = the first Nscalar-byte big-endian chunk of expanded[64:] with 0 < sk_T < n
//     (rejection sampling over Nseed_T / Nscalar chunks; no bitmask); pk_T = sk_T · G.
//   Encap with randomness rand = m (32) || the curve's seed (Nseed_T): (ss_M, ct_M) = ML-KEM.Encaps_internal(ek_M, m);
//     ek_T sampled from the curve seed as above; ct_T = ek_T · G; ss_T = x(ek_T · pk_T).
//   Decap: ss_M = ML-KEM.Decaps(dk_M, ct_M); ss_T = x(sk_T · ct_T).
//   Combiner: ss = SHA3-256(ss_M || ss_T || ct_T || pk_T || Label), Label = "MLKEM768-P256" / "MLKEM1024-P384".
// Nseed_T: 96 for P-256 (three candidates; the -04 vectors' ikmE is 32 + 96 bytes) and 48 for P-384 (one candidate;
// failure probability about 2^-190). An invalid ek_M (FIPS 203 §7.2) or pk_T is an EncapError, an invalid ct_T a
// DecapError. Key secret layout: seed (32) || dk_M (expanded) || sk_T; sk_T also sits in an EcdhPrivateKey companion.
using System.Security.Cryptography;
using NoFuture.Crypto.Curves;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;
using NoFuture.Memory;

namespace NoFuture.Crypto.Hpke.Kems;

internal sealed class HybridHpkeCore : HpkeKemCore
{
    private const int SeedSize = 32, MlKemSeedSize = 64, MaxCurveSeedSize = 96, MaxScalarSize = 48, MaxLabelSize = 16;
    private readonly MlKemParameters _p;
    private readonly NistCurve _curve;
    private readonly byte[] _order;
    private readonly byte[] _label;
    private readonly int _curveSeedSize;

    private HybridHpkeCore(ushort id, MlKemParameters p, NistCurve curve, string orderHex, int curveSeedSize, string label)
        : base(id, nsecret: 32, nenc: p.CiphertextSizeInBytes + curve.PublicKeySizeInBytes,
            npk: p.EncapsulationKeySizeInBytes + curve.PublicKeySizeInBytes, nsk: SeedSize, encapRandomness: 32 + curveSeedSize, auth: false)
    {
        _p = p;
        _curve = curve;
        _order = Convert.FromHexString(orderHex);
        _curveSeedSize = curveSeedSize;
        _label = System.Text.Encoding.ASCII.GetBytes(label);
    }

    internal static HybridHpkeCore MlKem768P256() => new(0x0050, MlKemParameters.MlKem768, NistCurve.P256,
        "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 96, "MLKEM768-P256");

    internal static HybridHpkeCore MlKem1024P384() => new(0x0051, MlKemParameters.MlKem1024, NistCurve.P384,
        "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973", 48, "MLKEM1024-P384");

    private int ScalarSize => _curve.ScalarSizeInBytes;

    private int KeySize => SeedSize + _p.DecapsulationKeySizeInBytes + ScalarSize;

    internal override HpkePrivateKey Generate(SecretOptions? options)
    {
        Span<byte> seed = stackalloc byte[SeedSize];
        try
        {
            RandomNumberGenerator.Fill(seed);
            return FromSeed(seed, options);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    internal override HpkePrivateKey DeriveKeyPair(ReadOnlySpan<byte> ikm, SecretOptions? options)
    {
        Span<byte> seed = stackalloc byte[SeedSize];
        try
        {
            HpkeKdf.LabeledDerive(shake128: false, SuiteId, ikm, HpkeLabels.DeriveKeyPair, default, seed);
            return FromSeed(seed, options);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    internal override HpkePrivateKey Import(ReadOnlySpan<byte> privateKey, SecretOptions? options) => FromSeed(privateKey, options);

    internal override bool Encap(ReadOnlySpan<byte> pkR, ReadOnlySpan<byte> randomness, Span<byte> enc, Span<byte> sharedSecret)
    {
        ReadOnlySpan<byte> ekM = pkR[.._p.EncapsulationKeySizeInBytes], pkT = pkR[_p.EncapsulationKeySizeInBytes..];
        if (!MlKemCore.EncapsulationKeyModulusCheck(_p, ekM)) return false;
        Span<byte> rand = stackalloc byte[32 + MaxCurveSeedSize];
        rand = rand[..EncapRandomnessSize];
        Span<byte> ssM = stackalloc byte[32], ssT = stackalloc byte[MaxScalarSize], scalar = stackalloc byte[MaxScalarSize];
        ssT = ssT[..ScalarSize];
        scalar = scalar[..ScalarSize];
        try
        {
            if (randomness.IsEmpty) RandomNumberGenerator.Fill(rand);
            else randomness.CopyTo(rand);
            if (!Sample(rand[32..], scalar)) return false; // no valid ephemeral scalar (negligible)
            using EcdhPrivateKey ekT = EcdhPrivateKey.Import(_curve, scalar);
            if (!ekT.Agree(pkT, ssT)) return false;        // pk_T is not a valid point
            Span<byte> ctM = enc[.._p.CiphertextSizeInBytes], ctT = enc[_p.CiphertextSizeInBytes..];
            MlKemCore.EncapsInternal(_p, ekM, rand[..32], ssM, ctM);
            ekT.PublicKey.CopyTo(ctT);
            Combiner(ssM, ssT, ctT, pkT, sharedSecret);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rand);
            CryptographicOperations.ZeroMemory(ssM);
            CryptographicOperations.ZeroMemory(ssT);
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    internal override bool Decap(HpkePrivateKey skR, ReadOnlySpan<byte> enc, Span<byte> sharedSecret)
    {
        ReadOnlySpan<byte> ctM = enc[.._p.CiphertextSizeInBytes], ctT = enc[_p.CiphertextSizeInBytes..];
        ReadOnlySpan<byte> pkT = skR.PublicKey[_p.EncapsulationKeySizeInBytes..];
        Span<byte> ssM = stackalloc byte[32], ssT = stackalloc byte[MaxScalarSize];
        ssT = ssT[..ScalarSize];
        try
        {
            if (!((EcdhPrivateKey)skR.Companion!).Agree(ctT, ssT)) return false; // ct_T is not a valid point
            using (SecretReadLease lease = skR.Secret.OpenRead())
                MlKemCore.DecapsInternal(_p, MlKemPaths.Best, lease.Span.Slice(SeedSize, _p.DecapsulationKeySizeInBytes), skR.ExpandedMlKemKey(_p), ctM, ssM);
            Combiner(ssM, ssT, ctT, pkT, sharedSecret);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ssM);
            CryptographicOperations.ZeroMemory(ssT);
        }
    }

    /// <summary>KEM DeriveKeyPair(seed) into a new key.</summary>
    private HpkePrivateKey FromSeed(ReadOnlySpan<byte> seed, SecretOptions? options)
    {
        Span<byte> expanded = stackalloc byte[MlKemSeedSize + MaxCurveSeedSize];
        expanded = expanded[..(MlKemSeedSize + _curveSeedSize)];
        EcdhPrivateKey? skT = null;
        HpkeKeyBuilder builder = new(this, KeySize, options);
        try
        {
            Sha3.Shake256(seed, expanded);
            Span<byte> key = builder.Key;
            seed.CopyTo(key);
            Span<byte> dkM = key.Slice(SeedSize, _p.DecapsulationKeySizeInBytes), scalar = key[(SeedSize + _p.DecapsulationKeySizeInBytes)..];
            MlKemCore.KeyGenInternal(_p, expanded[..32], expanded[32..MlKemSeedSize], builder.PublicKey.AsSpan(0, _p.EncapsulationKeySizeInBytes), dkM);
            if (!Sample(expanded[MlKemSeedSize..], scalar)) CryptoThrowHelper.Hpke(HpkeError.DeriveKeyPairFailed);
            skT = EcdhPrivateKey.Import(_curve, scalar, options);
            skT.PublicKey.CopyTo(builder.PublicKey.AsSpan(_p.EncapsulationKeySizeInBytes));
            return builder.Finish(skT);
        }
        catch
        {
            builder.Abort();
            skT?.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(expanded);
        }
    }

    /// <summary>Rejection sampling: the first Nscalar-byte chunk of <paramref name="curveSeed"/> with 0 &lt; s &lt; n.</summary>
    private bool Sample(ReadOnlySpan<byte> curveSeed, Span<byte> scalar)
    {
        for (int offset = 0; offset + ScalarSize <= curveSeed.Length; offset += ScalarSize)
        {
            ReadOnlySpan<byte> candidate = curveSeed.Slice(offset, ScalarSize);
            if (NistScalar.IsValid(candidate, _order))
            {
                candidate.CopyTo(scalar);
                return true;
            }
        }
        return false;
    }

    /// <summary>SHA3-256(ss_M || ss_T || ct_T || pk_T || Label).</summary>
    private void Combiner(ReadOnlySpan<byte> ssM, ReadOnlySpan<byte> ssT, ReadOnlySpan<byte> ctT, ReadOnlySpan<byte> pkT, Span<byte> ss)
    {
        Span<byte> input = stackalloc byte[32 + MaxScalarSize + 2 * 97 + MaxLabelSize];
        HpkeWriter w = new(input);
        try
        {
            w.Append(ssM);
            w.Append(ssT);
            w.Append(ctT);
            w.Append(pkT);
            w.Append(_label);
            Sha3.Sha3_256(w.Written, ss);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
