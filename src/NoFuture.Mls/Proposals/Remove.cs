// RFC 9420 §12.1.3: struct { uint32 removed; } Remove. The leaf index is the peer's claim; whether it names an occupied
// leaf of the tree is checked when the proposal is applied, not here (docs/mls.md, "Decoded is not validated").
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Proposals;

internal sealed class Remove : IMlsEncodable<Remove>
{
    internal Remove(uint removed) => Removed = removed;

    /// <summary>removed: the leaf index of the member to remove, as read.</summary>
    internal uint Removed { get; }

    public int EncodedSize => 4;

    public static Remove Decode(scoped ref MlsReader reader) => new(reader.ReadUInt32("removed"));

    public void Encode(ref MlsWriter writer) => writer.WriteUInt32(Removed);
}
