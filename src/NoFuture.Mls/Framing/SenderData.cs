// RFC 9420 §6.3.2: struct { uint32 leaf_index; uint32 generation; opaque reuse_guard[4]; } SenderData, the plaintext
// of PrivateMessage.encrypted_sender_data (12 bytes, fixed). leaf_index and generation are the sender's claims, checked
// against the tree and the secret tree's ratchet by the receiver. A value type: nothing in it is secret.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Framing;

internal readonly struct SenderData : IMlsEncodable<SenderData>
{
    internal const int Size = 12;

    internal SenderData(uint leafIndex, uint generation, uint reuseGuard)
    {
        LeafIndex = leafIndex;
        Generation = generation;
        ReuseGuard = reuseGuard;
    }

    internal uint LeafIndex { get; }

    internal uint Generation { get; }

    /// <summary>reuse_guard, the four bytes as a big-endian value (XORed into the first four nonce bytes, §6.3.1).</summary>
    internal uint ReuseGuard { get; }

    public int EncodedSize => Size;

    public static SenderData Decode(scoped ref MlsReader reader)
    {
        uint leafIndex = reader.ReadUInt32("leaf_index");
        uint generation = reader.ReadUInt32("generation");
        return new SenderData(leafIndex, generation, reader.ReadUInt32("reuse_guard"));
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteUInt32(LeafIndex);
        writer.WriteUInt32(Generation);
        writer.WriteUInt32(ReuseGuard);
    }
}
