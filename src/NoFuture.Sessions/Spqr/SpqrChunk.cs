// One erasure-code chunk on the wire (the Rust crate spqr's encoding::Chunk): a 16-bit index and 32 data bytes.
// Public data: pieces of an ML-KEM header, encapsulation key or ciphertext. A ref struct over the message bytes, so
// parsing a received message allocates nothing.
namespace NoFuture.Sessions.Spqr;

internal readonly ref struct SpqrChunk
{
    internal SpqrChunk(ushort index, ReadOnlySpan<byte> data)
    {
        Index = index;
        Data = data;
    }

    internal ushort Index { get; }

    internal ReadOnlySpan<byte> Data { get; }
}
