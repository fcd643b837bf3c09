// RFC 9420 §12.1.1: struct { KeyPackage key_package; } Add. Interim form: the body is kept as the exact bytes
// read (found by InterimScan), not yet typed; it round-trips byte for byte and is replaced by the typed structure of
// the key-package work when that is merged (docs/mls.md, "Framing and proposals").
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Proposals;

internal sealed class Add : IMlsEncodable<Add>
{
    private readonly byte[] _body;

    private Add(byte[] body) => _body = body;

    /// <summary>key_package, as its encoded bytes (not interpreted yet).</summary>
    internal ReadOnlySpan<byte> KeyPackageEncoding => _body;

    public int EncodedSize => _body.Length;

    public static Add Decode(scoped ref MlsReader reader) => new(InterimScan.KeyPackage(ref reader));

    public void Encode(ref MlsWriter writer) => writer.WriteFixed(_body);
}
