// RFC 9420 §12.1.5:
//   struct { opaque group_id<V>; ProtocolVersion version; CipherSuite cipher_suite; Extension extensions<V>; } ReInit;
// version and cipher_suite are kept as read (raw uint16): a ReInit names the parameters of a future group, which may
// be ones this library does not support, and whether to accept them is the application's decision.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Extensions;

namespace NoFuture.Mls.Proposals;

internal sealed class ReInit : IMlsEncodable<ReInit>
{
    private readonly byte[] _groupId;
    private readonly Extension[] _extensions;

    internal ReInit(ReadOnlySpan<byte> groupId, ushort version, ushort cipherSuite, ReadOnlySpan<Extension> extensions)
    {
        _groupId = groupId.ToArray();
        Version = version;
        CipherSuite = cipherSuite;
        _extensions = extensions.ToArray();
    }

    internal ReadOnlySpan<byte> GroupId => _groupId;

    internal ushort Version { get; }

    internal ushort CipherSuite { get; }

    internal ReadOnlySpan<Extension> Extensions => _extensions;

    public int EncodedSize =>
        MlsWriter.OpaqueSize(_groupId.Length) + 2 + 2 + MlsCodec.VectorSize<Extension>(_extensions, "extensions");

    public static ReInit Decode(scoped ref MlsReader reader)
    {
        ReadOnlySpan<byte> groupId = reader.ReadOpaque("group_id");
        ushort version = reader.ReadUInt16("version");
        ushort cipherSuite = reader.ReadUInt16("cipher_suite");
        using PooledVector<Extension> extensions = MlsCodec.ReadVector<Extension>(ref reader, "extensions");
        return new ReInit(groupId, version, cipherSuite, extensions.Span);
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteOpaque(_groupId, "group_id");
        writer.WriteUInt16(Version);
        writer.WriteUInt16(CipherSuite);
        MlsCodec.WriteVector<Extension>(ref writer, _extensions, "extensions");
    }
}
