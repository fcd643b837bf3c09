// RFC 9420 §13: struct { ExtensionType extension_type; opaque extension_data<V>; } Extension. A plain container with
// nothing of its own to verify (docs/mls.md, "Decoded is not validated"): its meaning is checked by whoever interprets
// extension_data, under the signature or hash of the enclosing structure. extension_data is copied once at decode,
// because extensions outlive the message that carried them (they stay in the GroupContext for the epoch).
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Extensions;

internal sealed class Extension : IMlsEncodable<Extension>
{
    private readonly byte[] _data;

    internal Extension(ExtensionType type, ReadOnlySpan<byte> data)
    {
        Type = type;
        _data = data.ToArray();
    }

    /// <summary>extension_type, unknown values included.</summary>
    internal ExtensionType Type { get; }

    /// <summary>extension_data, not interpreted here.</summary>
    internal ReadOnlySpan<byte> Data => _data;

    public int EncodedSize => 2 + MlsWriter.OpaqueSize(_data.Length);

    public static Extension Decode(scoped ref MlsReader reader)
    {
        ExtensionType type = MlsCodec.ReadEnum16<ExtensionType>(ref reader, "extension_type");
        return new Extension(type, reader.ReadOpaque("extension_data"));
    }

    public void Encode(ref MlsWriter writer)
    {
        MlsCodec.WriteEnum16(ref writer, Type);
        writer.WriteOpaque(_data, "extension_data");
    }
}
