// RFC 9420 §12.1.2: struct { LeafNode leaf_node; } Update. The leaf node is unverified (its signature, source =
// update and key uniqueness are checked when the proposal is validated, §12.1.2, §7.3), and Update has nothing of its
// own to verify, so it has a single form around the UnverifiedLeafNode.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Tree;

namespace NoFuture.Mls.Proposals;

internal sealed class Update : IMlsEncodable<Update>
{
    internal Update(UnverifiedLeafNode leafNode) => LeafNode = leafNode;

    internal UnverifiedLeafNode LeafNode { get; }

    public int EncodedSize => LeafNode.EncodedSize;

    public static Update Decode(scoped ref MlsReader reader) => new(UnverifiedLeafNode.Decode(ref reader));

    public void Encode(ref MlsWriter writer) => LeafNode.Encode(ref writer);
}
