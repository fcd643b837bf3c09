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
// application_data is the user's plaintext, so it lives in a NoFuture.Memory Secret owned by the content (null when
// empty: a Secret has at least one byte), never in a heap array; Dispose wipes it. Proposals and commits are public
// handshake data and stay on the heap.
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Proposals;

namespace NoFuture.Mls.Framing;

internal sealed class FramedContent : IMlsEncodable<FramedContent>, IDisposable
{
    private readonly byte[] _groupId;
    private readonly byte[] _authenticatedData;
    private readonly Secret? _applicationData;

    private FramedContent(
        ReadOnlySpan<byte> groupId, ulong epoch, Sender sender, ReadOnlySpan<byte> authenticatedData,
        ContentType contentType, Secret? applicationData, Proposal? proposal, Commit? commit)
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

    /// <summary>Application content; <paramref name="applicationData"/> is copied into a <see cref="Secret"/> the
    /// content owns (Dispose wipes it).</summary>
    internal static FramedContent ForApplication(
        ReadOnlySpan<byte> groupId, ulong epoch, Sender sender, ReadOnlySpan<byte> authenticatedData,
        ReadOnlySpan<byte> applicationData)
    {
        Secret? data = applicationData.IsEmpty ? null : Secret.CopyFrom(applicationData);
        try
        {
            return new(groupId, epoch, sender, authenticatedData, ContentType.Application, data, null, null);
        }
        catch
        {
            data?.Dispose();
            throw;
        }
    }

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

    /// <summary>application_data in secret memory, owned by this content: null unless <see cref="ContentType"/> is
    /// application and the data is non-empty. Read it through a lease; disposing the content wipes it.</summary>
    internal Secret? ApplicationData => _applicationData;

    /// <summary>The length of application_data (0 unless <see cref="ContentType"/> is application).</summary>
    internal int ApplicationDataLength => _applicationData?.Length ?? 0;

    /// <summary>The proposal when <see cref="ContentType"/> is proposal, else null.</summary>
    internal Proposal? Proposal { get; }

    /// <summary>The commit when <see cref="ContentType"/> is commit, else null.</summary>
    internal Commit? Commit { get; }

    public int EncodedSize =>
        MlsWriter.OpaqueSize(_groupId.Length) + 8 + Sender.EncodedSize + MlsWriter.OpaqueSize(_authenticatedData.Length)
        + 1 + ContentType switch
        {
            ContentType.Application => MlsWriter.OpaqueSize(ApplicationDataLength),
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
            case ContentType.Application:
                if (_applicationData is null)
                {
                    writer.WriteOpaque(default, "application_data");
                }
                else
                {
                    // Straight from the Secret into the writer's buffer; the caller picks where that lives.
                    using SecretReadLease data = _applicationData.OpenRead();
                    writer.WriteOpaque(data.Span, "application_data");
                }
                break;
            case ContentType.Proposal: Proposal!.Encode(ref writer); break;
            default: Commit!.Encode(ref writer); break;
        }
    }

    /// <summary>Wipes the application data.</summary>
    public void Dispose() => _applicationData?.Dispose();
}
