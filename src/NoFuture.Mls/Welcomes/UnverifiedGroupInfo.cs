// RFC 9420 §12.4.3 GroupInfo, as decoded (docs/mls.md, "Decoded is not validated"):
//
//   struct {
//       GroupContext group_context;
//       Extension extensions<V>;
//       MAC confirmation_tag;                  // opaque <V>
//       uint32 signer;
//       /* SignWithLabel(., "GroupInfoTBS", GroupInfoTBS) */
//       opaque signature<V>;
//   } GroupInfo;
//
// Nothing is checked but the encoding: the signature (under the signer's leaf signature key, which needs the ratchet
// tree), the confirmation tag (which needs the key schedule) and signer's range are §12.4.3.1 checks of the joiner or
// external committer. Fields are copied once at decode.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Extensions;
using NoFuture.Mls.KeySchedule;

namespace NoFuture.Mls.Welcomes;

internal sealed class UnverifiedGroupInfo : IMlsEncodable<UnverifiedGroupInfo>
{
    private readonly Extension[] _extensions;
    private readonly byte[] _confirmationTag;
    private readonly byte[] _signature;

    internal UnverifiedGroupInfo(
        GroupContext groupContext,
        ReadOnlySpan<Extension> extensions,
        ReadOnlySpan<byte> confirmationTag,
        uint signer,
        ReadOnlySpan<byte> signature)
    {
        GroupContext = groupContext;
        _extensions = extensions.ToArray();
        _confirmationTag = confirmationTag.ToArray();
        Signer = signer;
        _signature = signature.ToArray();
    }

    internal GroupContext GroupContext { get; }

    /// <summary>extensions (ratchet_tree and external_pub among them), not interpreted here.</summary>
    internal ReadOnlySpan<Extension> Extensions => _extensions;

    internal ReadOnlySpan<byte> ConfirmationTag => _confirmationTag;

    /// <summary>signer: a leaf index, as claimed (not checked against the tree).</summary>
    internal uint Signer { get; }

    internal ReadOnlySpan<byte> Signature => _signature;

    /// <summary>The size of GroupInfoTBS (§12.4.3): every field before signature.</summary>
    internal int ContentSize =>
        GroupContext.EncodedSize + MlsCodec.VectorSize<Extension>(_extensions, "extensions")
        + MlsWriter.OpaqueSize(_confirmationTag.Length) + 4;

    public int EncodedSize => ContentSize + MlsWriter.OpaqueSize(_signature.Length);

    public static UnverifiedGroupInfo Decode(scoped ref MlsReader reader)
    {
        GroupContext groupContext = GroupContext.Decode(ref reader);
        using PooledVector<Extension> extensions = MlsCodec.ReadVector<Extension>(ref reader, "extensions");
        ReadOnlySpan<byte> confirmationTag = reader.ReadOpaque("confirmation_tag");
        uint signer = reader.ReadUInt32("signer");
        return new UnverifiedGroupInfo(groupContext, extensions.Span, confirmationTag, signer, reader.ReadOpaque("signature"));
    }

    /// <summary>Writes GroupInfoTBS (see <see cref="ContentSize"/>).</summary>
    internal void EncodeContent(ref MlsWriter writer)
    {
        GroupContext.Encode(ref writer);
        MlsCodec.WriteVector<Extension>(ref writer, _extensions, "extensions");
        writer.WriteOpaque(_confirmationTag, "confirmation_tag");
        writer.WriteUInt32(Signer);
    }

    public void Encode(ref MlsWriter writer)
    {
        EncodeContent(ref writer);
        writer.WriteOpaque(_signature, "signature");
    }
}
