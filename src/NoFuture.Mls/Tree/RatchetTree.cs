// RFC 9420 §12.4.3.3 the ratchet_tree extension's content: optional<Node> ratchet_tree<V>, the tree's nodes in the
// array order of §4.1 (leaves at even indices), a blank node as an absent optional.
//
// Only the encoding is checked. The §12.4.3.3 shape rules (the vector is a full tree's prefix: an odd number of nodes,
// its last node not blank, leaves at even indices and parents at odd ones) and everything of §7.9.2 are tree
// validation, which runs on the whole decoded tree against the group's tree hash: a decoder that refused a misplaced
// node would still have to leave the rest to validation, so it refuses nothing but bad bytes.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Tree;

internal sealed class RatchetTree : IMlsEncodable<RatchetTree>
{
    private readonly Node?[] _nodes;

    internal RatchetTree(ReadOnlySpan<Node?> nodes) => _nodes = nodes.ToArray();

    /// <summary>The nodes in array order; null for a blank node.</summary>
    internal ReadOnlySpan<Node?> Nodes => _nodes;

    public int EncodedSize => MlsWriter.OpaqueSize(ContentSize());

    public static RatchetTree Decode(scoped ref MlsReader reader)
    {
        MlsReader content = reader.ReadVector("ratchet_tree");
        using var nodes = default(PooledVector<Node?>);
        // Each element takes at least its presence byte, so this loop ends.
        while (!content.IsEmpty)
            nodes.Add(MlsCodec.ReadOptional<Node>(ref content, "ratchet_tree", out Node? node) ? node : null);
        return new RatchetTree(nodes.Span);
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteLength(ContentSize(), "ratchet_tree");
        foreach (Node? node in _nodes) MlsCodec.WriteOptional(ref writer, node);
    }

    private int ContentSize()
    {
        long total = 0;
        foreach (Node? node in _nodes)
        {
            total += MlsCodec.OptionalSize(node);
            if (total > VarInt.MaxValue) MlsThrowHelper.TooLong("ratchet_tree", VarInt.MaxValue);
        }
        return (int)total;
    }
}
