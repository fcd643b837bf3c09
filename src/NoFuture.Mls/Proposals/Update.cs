// RFC 9420 §12.1.2: struct { LeafNode leaf_node; } Update. Interim form: the body is kept as the exact bytes
// read (found by InterimScan), not yet typed; it round-trips byte for byte and is replaced by the typed structure of
// the key-package work when that is merged (docs/mls.md, "Framing and proposals").
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Proposals;

internal sealed class Update : IMlsEncodable<Update>
{
    private readonly byte[] _body;

    private Update(byte[] body) => _body = body;

    /// <summary>leaf_node, as its encoded bytes (not interpreted yet).</summary>
    internal ReadOnlySpan<byte> LeafNodeEncoding => _body;

    public int EncodedSize => _body.Length;

    public static Update Decode(scoped ref MlsReader reader) => new(InterimScan.LeafNode(ref reader));

    public void Encode(ref MlsWriter writer) => writer.WriteFixed(_body);
}
