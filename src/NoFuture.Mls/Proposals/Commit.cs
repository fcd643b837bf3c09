// RFC 9420 §12.4: struct { ProposalOrRef proposals<V>; optional<UpdatePath> path; } Commit.
// A Commit has no signature of its own: it is authenticated as the content of its FramedContent (signature,
// confirmation_tag, and membership_tag or AEAD), so it has a single form (docs/mls.md, "Decoded is not validated").
// The rules on which proposals a commit may hold and when a path is required (§12.4.1, §12.4.2) are checked when it
// is processed.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Proposals;

internal sealed class Commit : IMlsEncodable<Commit>
{
    private readonly ProposalOrRef[] _proposals;

    internal Commit(ReadOnlySpan<ProposalOrRef> proposals, UpdatePath? path)
    {
        _proposals = proposals.ToArray();
        Path = path;
    }

    internal ReadOnlySpan<ProposalOrRef> Proposals => _proposals;

    /// <summary>path, or null when absent.</summary>
    internal UpdatePath? Path { get; }

    public int EncodedSize =>
        MlsCodec.VectorSize<ProposalOrRef>(_proposals, "proposals") + MlsCodec.OptionalSize(Path);

    public static Commit Decode(scoped ref MlsReader reader)
    {
        using PooledVector<ProposalOrRef> proposals = MlsCodec.ReadVector<ProposalOrRef>(ref reader, "proposals");
        MlsCodec.ReadOptional<UpdatePath>(ref reader, "path", out UpdatePath? path);
        return new Commit(proposals.Span, path);
    }

    public void Encode(ref MlsWriter writer)
    {
        MlsCodec.WriteVector<ProposalOrRef>(ref writer, _proposals, "proposals");
        MlsCodec.WriteOptional(ref writer, Path);
    }
}
