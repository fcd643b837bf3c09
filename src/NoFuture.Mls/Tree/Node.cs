// RFC 9420 §7.8 Node:
//
//   struct {
//       NodeType node_type;
//       select (Node.node_type) {
//           case leaf:   LeafNode leaf_node;
//           case parent: ParentNode parent_node;
//       };
//   } Node;
//
// The leaf is an UnverifiedLeafNode: a tree received in a Welcome or a GroupInfo extension is a peer's claim until
// §12.4.3.1 validation (tree hash, parent hashes, leaf signatures) has run over it.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Tree;

internal sealed class Node : IMlsEncodable<Node>
{
    internal Node(UnverifiedLeafNode leaf)
    {
        Type = NodeType.Leaf;
        Leaf = leaf;
    }

    internal Node(ParentNode parent)
    {
        Type = NodeType.Parent;
        Parent = parent;
    }

    internal NodeType Type { get; }

    /// <summary>leaf_node when <see cref="Type"/> is leaf, else null.</summary>
    internal UnverifiedLeafNode? Leaf { get; }

    /// <summary>parent_node when <see cref="Type"/> is parent, else null.</summary>
    internal ParentNode? Parent { get; }

    public int EncodedSize => 1 + (Leaf?.EncodedSize ?? Parent!.EncodedSize);

    public static Node Decode(scoped ref MlsReader reader) =>
        MlsCodec.ReadKnownEnum8<NodeType>(ref reader, "node_type") == NodeType.Leaf
            ? new Node(UnverifiedLeafNode.Decode(ref reader))
            : new Node(ParentNode.Decode(ref reader));

    public void Encode(ref MlsWriter writer)
    {
        MlsCodec.WriteEnum8(ref writer, Type);
        if (Leaf is not null) Leaf.Encode(ref writer);
        else Parent!.Encode(ref writer);
    }
}
