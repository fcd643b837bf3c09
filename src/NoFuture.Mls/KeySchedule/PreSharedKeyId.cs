// RFC 9420 §8.4 PreSharedKeyID:
//
//   struct {
//       PSKType psktype;
//       select (PreSharedKeyID.psktype) {
//           case external:
//               opaque psk_id<V>;
//           case resumption:
//               ResumptionPSKUsage usage;
//               opaque psk_group_id<V>;
//               uint64 psk_epoch;
//       };
//       opaque psk_nonce<V>;
//   } PreSharedKeyID;
//
// Everything here is public (the PSK itself is not in it). Decoding does not check that psk_nonce is Nh bytes long
// (§8.4) nor that the PSK is known: the receiver does both when it processes the PreSharedKey proposal or Welcome.
// PskSecret keeps its own small encoders for the key-schedule vectors; this is the codec form, copied once at decode.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.KeySchedule;

internal sealed class PreSharedKeyId : IMlsEncodable<PreSharedKeyId>
{
    private readonly byte[] _pskId;
    private readonly byte[] _pskGroupId;
    private readonly byte[] _pskNonce;

    private PreSharedKeyId(PskType type, byte[] pskId, ResumptionPskUsage usage, byte[] pskGroupId, ulong pskEpoch, byte[] pskNonce)
    {
        Type = type;
        _pskId = pskId;
        Usage = usage;
        _pskGroupId = pskGroupId;
        PskEpoch = pskEpoch;
        _pskNonce = pskNonce;
    }

    /// <summary>An external PSK's ID.</summary>
    internal static PreSharedKeyId External(ReadOnlySpan<byte> pskId, ReadOnlySpan<byte> pskNonce) =>
        new(PskType.External, pskId.ToArray(), default, [], 0, pskNonce.ToArray());

    /// <summary>A resumption PSK's ID.</summary>
    internal static PreSharedKeyId Resumption(
        ResumptionPskUsage usage, ReadOnlySpan<byte> pskGroupId, ulong pskEpoch, ReadOnlySpan<byte> pskNonce) =>
        new(PskType.Resumption, [], usage, pskGroupId.ToArray(), pskEpoch, pskNonce.ToArray());

    internal PskType Type { get; }

    /// <summary>psk_id (external only; empty otherwise).</summary>
    internal ReadOnlySpan<byte> PskId => _pskId;

    /// <summary>usage (resumption only).</summary>
    internal ResumptionPskUsage Usage { get; }

    /// <summary>psk_group_id (resumption only; empty otherwise).</summary>
    internal ReadOnlySpan<byte> PskGroupId => _pskGroupId;

    /// <summary>psk_epoch (resumption only).</summary>
    internal ulong PskEpoch { get; }

    internal ReadOnlySpan<byte> PskNonce => _pskNonce;

    public int EncodedSize =>
        1 + (Type == PskType.External
            ? MlsWriter.OpaqueSize(_pskId.Length)
            : 1 + MlsWriter.OpaqueSize(_pskGroupId.Length) + 8)
        + MlsWriter.OpaqueSize(_pskNonce.Length);

    public static PreSharedKeyId Decode(scoped ref MlsReader reader)
    {
        PskType type = MlsCodec.ReadKnownEnum8<PskType>(ref reader, "psktype");
        if (type == PskType.External)
        {
            byte[] pskId = reader.ReadOpaque("psk_id").ToArray();
            return new PreSharedKeyId(type, pskId, default, [], 0, reader.ReadOpaque("psk_nonce").ToArray());
        }
        ResumptionPskUsage usage = MlsCodec.ReadKnownEnum8<ResumptionPskUsage>(ref reader, "usage");
        byte[] pskGroupId = reader.ReadOpaque("psk_group_id").ToArray();
        ulong pskEpoch = reader.ReadUInt64("psk_epoch");
        return new PreSharedKeyId(type, [], usage, pskGroupId, pskEpoch, reader.ReadOpaque("psk_nonce").ToArray());
    }

    public void Encode(ref MlsWriter writer)
    {
        MlsCodec.WriteEnum8(ref writer, Type);
        if (Type == PskType.External)
        {
            writer.WriteOpaque(_pskId, "psk_id");
        }
        else
        {
            MlsCodec.WriteEnum8(ref writer, Usage);
            writer.WriteOpaque(_pskGroupId, "psk_group_id");
            writer.WriteUInt64(PskEpoch);
        }
        writer.WriteOpaque(_pskNonce, "psk_nonce");
    }
}
