// RFC 9420 §7.6: struct { LeafNode leaf_node; UpdatePathNode nodes<V>; } UpdatePath.
// The leaf node is unverified: its signature, source = commit and parent hash are checked when the path is processed
// (§7.6, §7.9), not here. UpdatePath has nothing of its own to verify, so it has a single form.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Tree;

namespace NoFuture.Mls.Proposals;

internal sealed class UpdatePath : IMlsEncodable<UpdatePath>
{
    private readonly UpdatePathNode[] _nodes;

    internal UpdatePath(UnverifiedLeafNode leafNode, ReadOnlySpan<UpdatePathNode> nodes)
    {
        LeafNode = leafNode;
        _nodes = nodes.ToArray();
    }

    internal UnverifiedLeafNode LeafNode { get; }

    /// <summary>One node per entry of the committer's filtered direct path (§7.6), in order.</summary>
    internal ReadOnlySpan<UpdatePathNode> Nodes => _nodes;

    public int EncodedSize => LeafNode.EncodedSize + MlsCodec.VectorSize<UpdatePathNode>(_nodes, "nodes");

    public static UpdatePath Decode(scoped ref MlsReader reader)
    {
        UnverifiedLeafNode leafNode = UnverifiedLeafNode.Decode(ref reader);
        using PooledVector<UpdatePathNode> nodes = MlsCodec.ReadVector<UpdatePathNode>(ref reader, "nodes");
        return new UpdatePath(leafNode, nodes.Span);
    }

    public void Encode(ref MlsWriter writer)
    {
        LeafNode.Encode(ref writer);
        MlsCodec.WriteVector<UpdatePathNode>(ref writer, _nodes, "nodes");
    }
}
