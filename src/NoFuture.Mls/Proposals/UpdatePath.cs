// RFC 9420 §7.6: struct { LeafNode leaf_node; UpdatePathNode nodes<V>; } UpdatePath.
// Interim: leaf_node is kept as its encoded bytes (InterimScan) until the typed LeafNode of the key-package work is
// merged. Its signature and parent hash are checked when the path is processed (§7.6, §7.9), not here.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Proposals;

internal sealed class UpdatePath : IMlsEncodable<UpdatePath>
{
    private readonly byte[] _leafNode;
    private readonly UpdatePathNode[] _nodes;

    private UpdatePath(byte[] leafNode, UpdatePathNode[] nodes)
    {
        _leafNode = leafNode;
        _nodes = nodes;
    }

    /// <summary>leaf_node, as its encoded bytes (not interpreted yet).</summary>
    internal ReadOnlySpan<byte> LeafNodeEncoding => _leafNode;

    internal ReadOnlySpan<UpdatePathNode> Nodes => _nodes;

    public int EncodedSize => _leafNode.Length + MlsCodec.VectorSize<UpdatePathNode>(_nodes, "nodes");

    public static UpdatePath Decode(scoped ref MlsReader reader)
    {
        byte[] leafNode = InterimScan.LeafNode(ref reader);
        return new UpdatePath(leafNode, MlsCodec.ReadVector<UpdatePathNode>(ref reader, "nodes"));
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteFixed(_leafNode);
        MlsCodec.WriteVector<UpdatePathNode>(ref writer, _nodes, "nodes");
    }
}
