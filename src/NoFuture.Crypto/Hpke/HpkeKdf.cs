// HPKE KDFs. Two-stage (RFC 9180 §4, §7.2): HKDF-SHA256/384/512 (0x0001-0x0003) with
//   LabeledExtract(salt, label, ikm)     = Extract(salt, "HPKE-v1" || suite_id || label || ikm)
//   LabeledExpand(prk, label, info, L)   = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L)
// One-stage (draft-ietf-hpke-pq-04 §5, on draft-ietf-hpke-hpke's LabeledDerive): SHAKE128 (0x0010, Nh 32) and
// SHAKE256 (0x0011, Nh 64) with
//   LabeledDerive(ikm, label, context, L) = SHAKE(ikm || "HPKE-v1" || suite_id || lp(label) || I2OSP(L, 2) || context, L)
// where lp(x) = I2OSP(len(x), 2) || x; and TurboSHAKE128 (0x0012, Nh 32) / TurboSHAKE256 (0x0013, Nh 64) the same way,
// as TurboSHAKE(M, D = 0x1F, L) (RFC 9861).
// HKDF is KdfAlgorithm.HkdfSha256/384/512's core (Kdf/Sha2Hmac: the one HKDF implementation; see there why not the
// BCL's HKDF); SHAKE is our Keccak
// sponge (state wiped). Labeled inputs are never assembled into one buffer: the fixed public header ("HPKE-v1",
// suite_id, the label and the length prefixes, at most a few dozen bytes, on the stack) and the caller's data go to the
// hash or sponge piece by piece (draft-ietf-hpke-pq §5 allows Derive's ikm as an ordered list of strings). So secrets
// are read where they already live, and public inputs of any length (info, psk_id, exporter_context) are never copied
// into locked memory.
// Input limits (draft-ietf-hpke-hpke, "Input Length Restrictions"; RFC 9180 §7.2.1): the one-stage KDFs length-prefix
// psk, psk_id and info with two bytes, so each is at most 65,535 bytes; exporter_context and DeriveKeyPair's ikm are not
// prefixed and have no limit. HKDF's limits (2^61 - 88 bytes and up) are beyond any span. HpkeSuite checks them before
// anything is written.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Hpke;
using NoFuture.Crypto.Keccak;

namespace NoFuture.Crypto;

/// <summary>
/// An HPKE KDF identifier (RFC 9180 §7.2 and draft-ietf-hpke-pq-04 §5): <see cref="HkdfSha256"/>,
/// <see cref="HkdfSha384"/>, <see cref="HkdfSha512"/>, <see cref="Shake128"/>, <see cref="Shake256"/>,
/// <see cref="TurboShake128"/>, <see cref="TurboShake256"/>.
/// </summary>
[DebuggerDisplay("{Name}")]
public sealed class HpkeKdf
{
    private const byte TurboShakeDomain = 0x1F; // draft-ietf-hpke-pq-04 §5: TurboSHAKE with D = 0x1F

    /// <summary>Room for the longest public header: LabeledExpand's I2OSP(L, 2) || "HPKE-v1" || suite_id || label, or
    /// LabeledDerive's "HPKE-v1" || suite_id || lp(label) || I2OSP(L, 2); under 40 bytes with 10-byte suite_ids and
    /// 13-byte labels.</summary>
    private const int MaxHeaderSize = 64;
    private readonly KdfAlgorithm? _hkdf;

    private HpkeKdf(ushort id, string name, int hashSize, KdfAlgorithm? hkdf, bool oneStage)
    {
        Id = id;
        Name = name;
        HashSizeInBytes = hashSize;
        _hkdf = hkdf;
        IsOneStage = oneStage;
    }

    /// <summary>HKDF-SHA256 (0x0001), Nh = 32.</summary>
    public static HpkeKdf HkdfSha256 { get; } = new(0x0001, "HKDF-SHA256", 32, KdfAlgorithm.HkdfSha256, oneStage: false);

    /// <summary>HKDF-SHA384 (0x0002), Nh = 48.</summary>
    public static HpkeKdf HkdfSha384 { get; } = new(0x0002, "HKDF-SHA384", 48, KdfAlgorithm.HkdfSha384, oneStage: false);

    /// <summary>HKDF-SHA512 (0x0003), Nh = 64.</summary>
    public static HpkeKdf HkdfSha512 { get; } = new(0x0003, "HKDF-SHA512", 64, KdfAlgorithm.HkdfSha512, oneStage: false);

    /// <summary>SHAKE128 as a one-stage KDF (0x0010, draft-ietf-hpke-pq-04 §5), Nh = 32.</summary>
    public static HpkeKdf Shake128 { get; } = new(0x0010, "SHAKE128", 32, null, oneStage: true);

    /// <summary>SHAKE256 as a one-stage KDF (0x0011, draft-ietf-hpke-pq-04 §5), Nh = 64.</summary>
    public static HpkeKdf Shake256 { get; } = new(0x0011, "SHAKE256", 64, null, oneStage: true);

    /// <summary>TurboSHAKE128 (RFC 9861, D = 0x1F) as a one-stage KDF (0x0012, draft-ietf-hpke-pq-04 §5), Nh = 32.</summary>
    public static HpkeKdf TurboShake128 { get; } = new(0x0012, "TurboSHAKE128", 32, null, oneStage: true);

    /// <summary>TurboSHAKE256 (RFC 9861, D = 0x1F) as a one-stage KDF (0x0013, draft-ietf-hpke-pq-04 §5), Nh = 64.</summary>
    public static HpkeKdf TurboShake256 { get; } = new(0x0013, "TurboSHAKE256", 64, null, oneStage: true);

    /// <summary>The KDF identifier registered with IANA.</summary>
    public ushort Id { get; }

    /// <summary>The name, for example "HKDF-SHA256".</summary>
    public string Name { get; }

    /// <summary>Nh: the size of the exporter secret (and of HKDF's PRK) in bytes.</summary>
    public int HashSizeInBytes { get; }

    /// <summary>The largest <c>Export</c> output: 255 · Nh for HKDF, 65535 for the one-stage KDFs.</summary>
    public int MaxExportSizeInBytes => IsOneStage ? ushort.MaxValue : 255 * HashSizeInBytes;

    /// <summary>
    /// The longest <c>psk</c>, <c>psk_id</c> and <c>info</c> this KDF accepts: 65,535 bytes for the one-stage KDFs, which
    /// length-prefix each with two bytes (draft-ietf-hpke-hpke, Input Length Restrictions), and <see cref="int.MaxValue"/>
    /// for HKDF, whose limits (RFC 9180 §7.2.1: 2^61 − 88 bytes and up) no span reaches.
    /// </summary>
    /// <remarks>The exporter context and DeriveKeyPair's ikm have no limit with any KDF.</remarks>
    public int MaxInputSizeInBytes => IsOneStage ? ushort.MaxValue : int.MaxValue;

    /// <summary>Throws when an info, psk or psk_id of <paramref name="length"/> bytes exceeds <see cref="MaxInputSizeInBytes"/>.</summary>
    /// <remarks>The message names the limit, never the length, which for a PSK is a secret's.</remarks>
    internal void CheckInputLength(int length, string paramName)
    {
        if (length > MaxInputSizeInBytes) CryptoThrowHelper.HpkeInputTooLong(paramName, Name, MaxInputSizeInBytes);
    }

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
        // labeled_ikm = "HPKE-v1" || suite_id || label || ikm: the public header from the stack, ikm where it lives.
        Span<byte> header = stackalloc byte[MaxHeaderSize];
        HpkeWriter w = new(header);
        w.Append(HpkeLabels.Version);
        w.Append(suiteId);
        w.Append(label);
        _hkdf!.ExtractCore(salt, w.Written, ikm, prk);
    }

    /// <summary>RFC 9180 §4, LabeledExpand(prk, label, info, L) with L = the output's length. Two-stage only.</summary>
    internal void LabeledExpand(ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> label, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Debug.Assert(!IsOneStage && output.Length is > 0 && output.Length <= 255 * HashSizeInBytes);
        // labeled_info = I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info: the public header, then info where it lives.
        Span<byte> header = stackalloc byte[MaxHeaderSize];
        HpkeWriter w = new(header);
        w.AppendUInt16(output.Length);
        w.Append(HpkeLabels.Version);
        w.Append(suiteId);
        w.Append(label);
        _hkdf!.ExpandCore(prk, w.Written, info, output);
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
        KeccakState xof = Xof(kdfId);
        try
        {
            xof.Absorb(ikm);
            AbsorbHeader(ref xof, suiteId, label, output.Length);
            xof.Absorb(context);
            xof.Squeeze(output);
        }
        finally
        {
            xof.Clear();
        }
    }

    /// <summary>A fresh sponge for the one-stage KDF <paramref name="kdfId"/>: Derive(ikm, L) = XOF(ikm, L).</summary>
    private static KeccakState Xof(ushort kdfId) => kdfId switch
    {
        0x0010 => KeccakState.Shake128(),
        0x0011 => KeccakState.Shake256(),
        0x0012 => KeccakState.TurboShake128(TurboShakeDomain),
        _ => KeccakState.TurboShake256(TurboShakeDomain),
    };

    /// <summary>Absorbs LabeledDerive's public middle: "HPKE-v1" || suite_id || lp(label) || I2OSP(L, 2).</summary>
    private static void AbsorbHeader(ref KeccakState xof, ReadOnlySpan<byte> suiteId, ReadOnlySpan<byte> label, int length)
    {
        Debug.Assert(length is > 0 and <= ushort.MaxValue);
        Span<byte> header = stackalloc byte[MaxHeaderSize];
        HpkeWriter w = new(header);
        w.Append(HpkeLabels.Version);
        w.Append(suiteId);
        w.AppendLengthPrefixed(label);
        w.AppendUInt16(length);
        xof.Absorb(w.Written);
    }

    /// <summary>Absorbs lp(data) = I2OSP(len(data), 2) || data; the caller has checked len(data) ≤ 65,535.</summary>
    private static void AbsorbLengthPrefixed(ref KeccakState xof, ReadOnlySpan<byte> data)
    {
        Debug.Assert(data.Length <= ushort.MaxValue);
        Span<byte> prefix = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(prefix, checked((ushort)data.Length)); // never a silently wrapped prefix
        xof.Absorb(prefix);
        xof.Absorb(data);
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
            // key || base_nonce || exporter_secret = LabeledDerive(secrets, "secret", context, Nk + Nn + Nh),
            // absorbed piece by piece: the PSK and the shared secret are read where they live, info and psk_id too.
            Debug.Assert(psk.Length <= MaxInputSizeInBytes && pskId.Length <= MaxInputSizeInBytes && info.Length <= MaxInputSizeInBytes);
            KeccakState xof = Xof(Id);
            try
            {
                AbsorbLengthPrefixed(ref xof, psk);
                AbsorbLengthPrefixed(ref xof, sharedSecret);
                AbsorbHeader(ref xof, suiteId, HpkeLabels.Secret, secrets.Length);
                Span<byte> modeByte = [(byte)mode];
                xof.Absorb(modeByte);
                AbsorbLengthPrefixed(ref xof, pskId);
                AbsorbLengthPrefixed(ref xof, info);
                xof.Squeeze(secrets);
            }
            finally
            {
                xof.Clear();
            }
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
