// HPKE KDFs. Two-stage (RFC 9180 §4, §7.2): HKDF-SHA256/384/512 (0x0001-0x0003) with
//   LabeledExtract(salt, label, ikm)     = Extract(salt, "HPKE-v1" || suite_id || label || ikm)
//   LabeledExpand(prk, label, info, L)   = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L)
// One-stage (draft-ietf-hpke-pq-04 §5, on draft-ietf-hpke-hpke's LabeledDerive): SHAKE128 (0x0010, Nh 32) and
// SHAKE256 (0x0011, Nh 64) with
//   LabeledDerive(ikm, label, context, L) = SHAKE(ikm || "HPKE-v1" || suite_id || lp(label) || I2OSP(L, 2) || context, L)
// where lp(x) = I2OSP(len(x), 2) || x; and TurboSHAKE128 (0x0012, Nh 32) / TurboSHAKE256 (0x0013, Nh 64) the same way,
// as TurboSHAKE(M, D = 0x1F, L) (RFC 9861).
// HKDF is HpkeHmac (RFC 5869 over a reused SHA-2 context; see there why not the BCL's HKDF); SHAKE is our Keccak
// (state wiped). Labeled inputs that contain secrets are assembled
// in HpkeScratch (stack or Secret, wiped).
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;

namespace NoFuture.Crypto.Hpke;

/// <summary>
/// An HPKE KDF identifier (RFC 9180 §7.2 and draft-ietf-hpke-pq-04 §5): <see cref="HkdfSha256"/>,
/// <see cref="HkdfSha384"/>, <see cref="HkdfSha512"/>, <see cref="Shake128"/>, <see cref="Shake256"/>,
/// <see cref="TurboShake128"/>, <see cref="TurboShake256"/>.
/// </summary>
[DebuggerDisplay("{Name}")]
public sealed class HpkeKdf
{
    private const byte TurboShakeDomain = 0x1F; // draft-ietf-hpke-pq-04 §5: TurboSHAKE with D = 0x1F
    private readonly HashAlgorithmName _hash;

    private HpkeKdf(ushort id, string name, int hashSize, HashAlgorithmName hash, bool oneStage)
    {
        Id = id;
        Name = name;
        HashSizeInBytes = hashSize;
        _hash = hash;
        IsOneStage = oneStage;
    }

    /// <summary>HKDF-SHA256 (0x0001), Nh = 32.</summary>
    public static HpkeKdf HkdfSha256 { get; } = new(0x0001, "HKDF-SHA256", 32, HashAlgorithmName.SHA256, oneStage: false);

    /// <summary>HKDF-SHA384 (0x0002), Nh = 48.</summary>
    public static HpkeKdf HkdfSha384 { get; } = new(0x0002, "HKDF-SHA384", 48, HashAlgorithmName.SHA384, oneStage: false);

    /// <summary>HKDF-SHA512 (0x0003), Nh = 64.</summary>
    public static HpkeKdf HkdfSha512 { get; } = new(0x0003, "HKDF-SHA512", 64, HashAlgorithmName.SHA512, oneStage: false);

    /// <summary>SHAKE128 as a one-stage KDF (0x0010, draft-ietf-hpke-pq-04 §5), Nh = 32.</summary>
    public static HpkeKdf Shake128 { get; } = new(0x0010, "SHAKE128", 32, default, oneStage: true);

    /// <summary>SHAKE256 as a one-stage KDF (0x0011, draft-ietf-hpke-pq-04 §5), Nh = 64.</summary>
    public static HpkeKdf Shake256 { get; } = new(0x0011, "SHAKE256", 64, default, oneStage: true);

    /// <summary>TurboSHAKE128 (RFC 9861, D = 0x1F) as a one-stage KDF (0x0012, draft-ietf-hpke-pq-04 §5), Nh = 32.</summary>
    public static HpkeKdf TurboShake128 { get; } = new(0x0012, "TurboSHAKE128", 32, default, oneStage: true);

    /// <summary>TurboSHAKE256 (RFC 9861, D = 0x1F) as a one-stage KDF (0x0013, draft-ietf-hpke-pq-04 §5), Nh = 64.</summary>
    public static HpkeKdf TurboShake256 { get; } = new(0x0013, "TurboSHAKE256", 64, default, oneStage: true);

    /// <summary>The KDF identifier registered with IANA.</summary>
    public ushort Id { get; }

    /// <summary>The name, for example "HKDF-SHA256".</summary>
    public string Name { get; }

    /// <summary>Nh: the size of the exporter secret (and of HKDF's PRK) in bytes.</summary>
    public int HashSizeInBytes { get; }

    /// <summary>The largest <c>Export</c> output: 255 · Nh for HKDF, 65535 for the one-stage KDFs.</summary>
    public int MaxExportSizeInBytes => IsOneStage ? ushort.MaxValue : 255 * HashSizeInBytes;

    /// <summary>True for the one-stage (SHAKE) KDFs, which replace Extract/Expand by a single Derive.</summary>
    internal bool IsOneStage { get; }

    /// <summary>The KDF with identifier <paramref name="id"/>, or null when it is not implemented here.</summary>
    public static HpkeKdf? FromId(ushort id) => id switch
    {
        0x0001 => HkdfSha256,
        0x0002 => HkdfSha384,
        0x0003 => HkdfSha512,
        0x0010 => Shake128,
        0x0011 => Shake256,
        0x0012 => TurboShake128,
        0x0013 => TurboShake256,
        _ => null,
    };

    /// <summary>Returns the name.</summary>
    public override string ToString() => Name;

    /// <summary>RFC 9180 §4, LabeledExtract(salt, label, ikm) into <paramref name="prk"/> (Nh bytes). Two-stage only.</summary>
    internal void LabeledExtract(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> label, ReadOnlySpan<byte> ikm, Span<byte> prk)
    {
        Debug.Assert(!IsOneStage && prk.Length == HashSizeInBytes);
        using HpkeScratch labeledIkm = new(HpkeLabels.Version.Length + suiteId.Length + label.Length + ikm.Length, stackalloc byte[HpkeScratch.StackSize]);
        HpkeWriter w = labeledIkm.Writer();
        w.Append(HpkeLabels.Version);
        w.Append(suiteId);
        w.Append(label);
        w.Append(ikm);
        HpkeHmac.Extract(_hash, salt, w.Written, prk);
    }

    /// <summary>RFC 9180 §4, LabeledExpand(prk, label, info, L) with L = the output's length. Two-stage only.</summary>
    internal void LabeledExpand(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> label, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Debug.Assert(!IsOneStage && output.Length is > 0 && output.Length <= 255 * HashSizeInBytes);
        using HpkeScratch labeledInfo = new(2 + HpkeLabels.Version.Length + suiteId.Length + label.Length + info.Length, stackalloc byte[HpkeScratch.StackSize]);
        HpkeWriter w = labeledInfo.Writer();
        w.AppendUInt16(output.Length);
        w.Append(HpkeLabels.Version);
        w.Append(suiteId);
        w.Append(label);
        w.Append(info);
        HpkeHmac.Expand(_hash, prk, w.Written, output);
    }

    /// <summary>draft-ietf-hpke-pq-04 §5 / draft-ietf-hpke-hpke, LabeledDerive(ikm, label, context, L). One-stage only.</summary>
    internal void LabeledDerive(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> label, ReadOnlySpan<byte> context, Span<byte> output)
    {
        Debug.Assert(IsOneStage);
        LabeledDerive(Id, suiteId, ikm, label, context, output);
    }

    /// <summary>LabeledDerive with SHAKE128 (<paramref name="shake128"/>) or SHAKE256; the KEMs of draft-ietf-hpke-pq
    /// call it with SHAKE256 whatever the suite's KDF.</summary>
    internal static void LabeledDerive(bool shake128, ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> label, ReadOnlySpan<byte> context, Span<byte> output) =>
        LabeledDerive(shake128 ? Shake128.Id : Shake256.Id, suiteId, ikm, label, context, output);

    /// <summary>LabeledDerive over the one-stage KDF <paramref name="kdfId"/>'s XOF.</summary>
    private static void LabeledDerive(ushort kdfId, ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> label, ReadOnlySpan<byte> context, Span<byte> output)
    {
        using HpkeScratch labeledIkm = new(ikm.Length + HpkeLabels.Version.Length + suiteId.Length + 2 + label.Length + 2 + context.Length,
            stackalloc byte[HpkeScratch.StackSize]);
        HpkeWriter w = labeledIkm.Writer();
        w.Append(ikm);
        w.Append(HpkeLabels.Version);
        w.Append(suiteId);
        w.AppendLengthPrefixed(label);
        w.AppendUInt16(output.Length);
        w.Append(context);
        switch (kdfId)
        {
            case 0x0010: Sha3.Shake128(w.Written, output); break;
            case 0x0011: Sha3.Shake256(w.Written, output); break;
            case 0x0012: Sha3.TurboShake128(w.Written, TurboShakeDomain, output); break;
            default: Debug.Assert(kdfId == 0x0013); Sha3.TurboShake256(w.Written, TurboShakeDomain, output); break;
        }
    }

    /// <summary>
    /// RFC 9180 §5.1 KeySchedule (two-stage) or its one-stage form (draft-ietf-hpke-hpke): writes
    /// key (Nk) || base_nonce (Nn) || exporter_secret (Nh) into <paramref name="secrets"/>.
    /// </summary>
    internal void KeySchedule(ReadOnlySpan<byte> suiteId, HpkeMode mode, ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> info,
        ReadOnlySpan<byte> psk, ReadOnlySpan<byte> pskId, int nk, int nn, Span<byte> secrets)
    {
        Debug.Assert(secrets.Length == nk + nn + HashSizeInBytes);
        if (IsOneStage)
        {
            // secrets = lp(psk) || lp(shared_secret); context = mode || lp(psk_id) || lp(info);
            // key || base_nonce || exporter_secret = LabeledDerive(secrets, "secret", context, Nk + Nn + Nh).
            using HpkeScratch ikm = new(2 + psk.Length + 2 + sharedSecret.Length, stackalloc byte[HpkeScratch.StackSize]);
            HpkeWriter secretsIn = ikm.Writer();
            secretsIn.AppendLengthPrefixed(psk);
            secretsIn.AppendLengthPrefixed(sharedSecret);
            using HpkeScratch context = new(1 + 2 + pskId.Length + 2 + info.Length, stackalloc byte[HpkeScratch.StackSize]);
            HpkeWriter c = context.Writer();
            c.AppendByte((byte)mode);
            c.AppendLengthPrefixed(pskId);
            c.AppendLengthPrefixed(info);
            LabeledDerive(suiteId, secretsIn.Written, HpkeLabels.Secret, c.Written, secrets);
            return;
        }

        int nh = HashSizeInBytes;
        Span<byte> keyScheduleContext = stackalloc byte[1 + 2 * 64];
        keyScheduleContext = keyScheduleContext[..(1 + 2 * nh)];
        keyScheduleContext[0] = (byte)mode;
        PskIdHash(suiteId, pskId, keyScheduleContext.Slice(1, nh));
        InfoHash(suiteId, info, keyScheduleContext.Slice(1 + nh, nh));
        KeyScheduleTwoStage(suiteId, keyScheduleContext, sharedSecret, psk, nk, nn, secrets);
    }

    /// <summary>psk_id_hash = LabeledExtract("", "psk_id_hash", psk_id) (RFC 9180 §5.1; public).</summary>
    internal void PskIdHash(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> pskId, Span<byte> hash) =>
        LabeledExtract(suiteId, default, HpkeLabels.PskIdHash, pskId, hash);

    /// <summary>info_hash = LabeledExtract("", "info_hash", info) (RFC 9180 §5.1; public).</summary>
    internal void InfoHash(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> info, Span<byte> hash) =>
        LabeledExtract(suiteId, default, HpkeLabels.InfoHash, info, hash);

    /// <summary>
    /// The secret half of RFC 9180 §5.1 KeySchedule, given key_schedule_context = mode || psk_id_hash || info_hash:
    /// secret = LabeledExtract(shared_secret, "secret", psk); key, base_nonce, exporter_secret = LabeledExpand(secret, ...).
    /// When <paramref name="secrets"/> has room for key and base_nonce only, exporter_secret is skipped.
    /// </summary>
    internal void KeyScheduleTwoStage(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> keyScheduleContext, ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> psk, int nk, int nn, Span<byte> secrets)
    {
        Debug.Assert(!IsOneStage && keyScheduleContext.Length == 1 + 2 * HashSizeInBytes);
        Debug.Assert(secrets.Length == nk + nn || secrets.Length == nk + nn + HashSizeInBytes);
        Span<byte> secret = stackalloc byte[64];
        secret = secret[..HashSizeInBytes];
        try
        {
            LabeledExtract(suiteId, sharedSecret, HpkeLabels.Secret, psk, secret);
            if (nk > 0) LabeledExpand(suiteId, secret, HpkeLabels.Key, keyScheduleContext, secrets[..nk]);
            if (nn > 0) LabeledExpand(suiteId, secret, HpkeLabels.BaseNonce, keyScheduleContext, secrets.Slice(nk, nn));
            // Single-shot Seal/Open pass no room for exporter_secret: they never export, so it is not derived.
            if (secrets.Length > nk + nn) LabeledExpand(suiteId, secret, HpkeLabels.Exp, keyScheduleContext, secrets[(nk + nn)..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>RFC 9180 §5.3 Context.Export: LabeledExpand(exporter_secret, "sec", exporter_context, L) (or LabeledDerive).</summary>
    internal void Export(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> exporterSecret, ReadOnlySpan<byte> exporterContext, Span<byte> output)
    {
        if (IsOneStage) LabeledDerive(suiteId, exporterSecret, HpkeLabels.Sec, exporterContext, output);
        else LabeledExpand(suiteId, exporterSecret, HpkeLabels.Sec, exporterContext, output);
    }
}
