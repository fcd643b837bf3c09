// RFC 9420 §6:
//   struct {
//       opaque group_id<V>;
//       uint64 epoch;
//       Sender sender;
//       opaque authenticated_data<V>;
//       ContentType content_type;
//       select (FramedContent.content_type) {
//           case application: opaque application_data<V>;
//           case proposal:    Proposal proposal;
//           case commit:      Commit commit;
//       };
//   } FramedContent;
// Signed as part of FramedContentTBS (§6.1); a decoded one is the peer's claim until that signature is verified
// (UnverifiedAuthenticatedContent / UnverifiedPublicMessage carry it). group_id and epoch are checked against the
// group's state by the receiver (§6.2), not here.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Proposals;

namespace NoFuture.Mls.Framing;

internal sealed class FramedContent : IMlsEncodable<FramedContent>
{
    private readonly byte[] _groupId;
    private readonly byte[] _authenticatedData;
    private readonly byte[]? _applicationData;

    private FramedContent(
        ReadOnlySpan<byte> groupId, ulong epoch, Sender sender, ReadOnlySpan<byte> authenticatedData,
        ContentType contentType, byte[]? applicationData, Proposal? proposal, Commit? commit)
    {
        _groupId = groupId.ToArray();
        Epoch = epoch;
        Sender = sender;
        _authenticatedData = authenticatedData.ToArray();
        ContentType = contentType;
        _applicationData = applicationData;
        Proposal = proposal;
        Commit = commit;
    }

    internal static FramedContent ForApplication(
        ReadOnlySpan<byte> groupId, ulong epoch, Sender sender, ReadOnlySpan<byte> authenticatedData,
        ReadOnlySpan<byte> applicationData) =>
        new(groupId, epoch, sender, authenticatedData, ContentType.Application, applicationData.ToArray(), null, null);

    internal static FramedContent ForProposal(
        ReadOnlySpan<byte> groupId, ulong epoch, Sender sender, ReadOnlySpan<byte> authenticatedData, Proposal proposal) =>
        new(groupId, epoch, sender, authenticatedData, ContentType.Proposal, null, proposal, null);

    internal static FramedContent ForCommit(
        ReadOnlySpan<byte> groupId, ulong epoch, Sender sender, ReadOnlySpan<byte> authenticatedData, Commit commit) =>
        new(groupId, epoch, sender, authenticatedData, ContentType.Commit, null, null, commit);

    internal ReadOnlySpan<byte> GroupId => _groupId;

    internal ulong Epoch { get; }

    internal Sender Sender { get; }

    internal ReadOnlySpan<byte> AuthenticatedData => _authenticatedData;

    internal ContentType ContentType { get; }

    /// <summary>application_data (empty unless <see cref="ContentType"/> is application).</summary>
    internal ReadOnlySpan<byte> ApplicationData => _applicationData;

    /// <summary>The proposal when <see cref="ContentType"/> is proposal, else null.</summary>
    internal Proposal? Proposal { get; }

    /// <summary>The commit when <see cref="ContentType"/> is commit, else null.</summary>
    internal Commit? Commit { get; }

    public int EncodedSize =>
        MlsWriter.OpaqueSize(_groupId.Length) + 8 + Sender.EncodedSize + MlsWriter.OpaqueSize(_authenticatedData.Length)
        + 1 + ContentType switch
        {
            ContentType.Application => MlsWriter.OpaqueSize(_applicationData!.Length),
            ContentType.Proposal => Proposal!.EncodedSize,
            _ => Commit!.EncodedSize,
        };

    public static FramedContent Decode(scoped ref MlsReader reader)
    {
        ReadOnlySpan<byte> groupId = reader.ReadOpaque("group_id");
        ulong epoch = reader.ReadUInt64("epoch");
        Sender sender = Sender.Decode(ref reader);
        ReadOnlySpan<byte> authenticatedData = reader.ReadOpaque("authenticated_data");
        return MlsCodec.ReadKnownEnum8<ContentType>(ref reader, "content_type") switch
        {
            ContentType.Application => ForApplication(groupId, epoch, sender, authenticatedData, reader.ReadOpaque("application_data")),
            ContentType.Proposal => ForProposal(groupId, epoch, sender, authenticatedData, Proposal.Decode(ref reader)),
            _ => ForCommit(groupId, epoch, sender, authenticatedData, Commit.Decode(ref reader)),
        };
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteOpaque(_groupId, "group_id");
        writer.WriteUInt64(Epoch);
        Sender.Encode(ref writer);
        writer.WriteOpaque(_authenticatedData, "authenticated_data");
        MlsCodec.WriteEnum8(ref writer, ContentType);
        switch (ContentType)
        {
            case ContentType.Application: writer.WriteOpaque(_applicationData, "application_data"); break;
            case ContentType.Proposal: Proposal!.Encode(ref writer); break;
            default: Commit!.Encode(ref writer); break;
        }
    }
}
