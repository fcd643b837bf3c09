// One erasure-code chunk on the wire (the Rust crate spqr's encoding::Chunk): a 16-bit index and 32 data bytes.
// Public data: pieces of an ML-KEM header, encapsulation key or ciphertext.
namespace NoFuture.Sessions.Spqr;

internal readonly struct SpqrChunk
{
    private readonly byte[]? _data;

    internal SpqrChunk(ushort index, ReadOnlySpan<byte> data)
    {
        Index = index;
        _data = data.ToArray();
    }

    internal ushort Index { get; }

    internal ReadOnlySpan<byte> Data => _data;
}
