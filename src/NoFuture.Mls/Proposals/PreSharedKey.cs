// RFC 9420 §12.1.4: struct { PreSharedKeyID psk; } PreSharedKey. Interim form: the body is kept as the exact bytes
// read (found by InterimScan), not yet typed; it round-trips byte for byte and is replaced by the typed structure of
// the key-package work when that is merged (docs/mls.md, "Framing and proposals").
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Proposals;

internal sealed class PreSharedKey : IMlsEncodable<PreSharedKey>
{
    private readonly byte[] _body;

    private PreSharedKey(byte[] body) => _body = body;

    /// <summary>psk, as its encoded bytes (not interpreted yet).</summary>
    internal ReadOnlySpan<byte> PreSharedKeyIdEncoding => _body;

    public int EncodedSize => _body.Length;

    public static PreSharedKey Decode(scoped ref MlsReader reader) => new(InterimScan.PreSharedKeyId(ref reader));

    public void Encode(ref MlsWriter writer) => writer.WriteFixed(_body);
}
