// RFC 9420 §7.1 ParentNode:
//
//   struct {
//       HPKEPublicKey encryption_key;          // opaque <V>
//       opaque parent_hash<V>;
//       uint32 unmerged_leaves<V>;
//   } ParentNode;
//
// A parent node carries no signature of its own: it is covered by the tree hash and, through parent_hash, by the
// signature of the leaf that last set it (§7.9). Decoding does not check that the unmerged leaves are sorted, below
// the node or in range (§7.9.2 tree validation does). Fields are copied once: nodes live across epochs.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Tree;

internal sealed class ParentNode : IMlsEncodable<ParentNode>
{
    private readonly byte[] _encryptionKey;
    private readonly byte[] _parentHash;
    private readonly uint[] _unmergedLeaves;

    internal ParentNode(ReadOnlySpan<byte> encryptionKey, ReadOnlySpan<byte> parentHash, ReadOnlySpan<uint> unmergedLeaves)
        : this(encryptionKey, parentHash, unmergedLeaves.ToArray())
    {
    }

    // Decode's form: unmergedLeaves is the array WireVectors just read, kept rather than copied again.
    private ParentNode(ReadOnlySpan<byte> encryptionKey, ReadOnlySpan<byte> parentHash, uint[] unmergedLeaves)
    {
        _encryptionKey = encryptionKey.ToArray();
        _parentHash = parentHash.ToArray();
        _unmergedLeaves = unmergedLeaves;
    }

    internal ReadOnlySpan<byte> EncryptionKey => _encryptionKey;

    internal ReadOnlySpan<byte> ParentHash => _parentHash;

    /// <summary>unmerged_leaves: leaf indices, as read (not checked against the tree).</summary>
    internal ReadOnlySpan<uint> UnmergedLeaves => _unmergedLeaves;

    public int EncodedSize =>
        MlsWriter.OpaqueSize(_encryptionKey.Length) + MlsWriter.OpaqueSize(_parentHash.Length)
        + WireVectors.UInt32VectorSize(_unmergedLeaves);

    public static ParentNode Decode(scoped ref MlsReader reader)
    {
        ReadOnlySpan<byte> encryptionKey = reader.ReadOpaque("encryption_key");
        ReadOnlySpan<byte> parentHash = reader.ReadOpaque("parent_hash");
        uint[] unmergedLeaves = WireVectors.ReadUInt32Vector(ref reader, "unmerged_leaves");
        return new ParentNode(encryptionKey, parentHash, unmergedLeaves);
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteOpaque(_encryptionKey, "encryption_key");
        writer.WriteOpaque(_parentHash, "parent_hash");
        WireVectors.WriteUInt32Vector(ref writer, _unmergedLeaves, "unmerged_leaves");
    }
}
