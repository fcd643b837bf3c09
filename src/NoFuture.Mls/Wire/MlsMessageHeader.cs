// RFC 9420 §6 MLSMessage, the envelope of everything sent on the wire:
//
//   struct {
//       ProtocolVersion version = mls10;
//       WireFormat wire_format;
//       select (MLSMessage.wire_format) {
//           case mls_public_message:  PublicMessage public_message;
//           case mls_private_message: PrivateMessage private_message;
//           case mls_welcome:         Welcome welcome;
//           case mls_group_info:      GroupInfo group_info;
//           case mls_key_package:     KeyPackage key_package;
//       };
//   } MLSMessage;
//
// This is the four-byte header and the generic "header, then exactly one body of the announced format" helpers, so
// every body type (the Welcome, GroupInfo and KeyPackage here; PublicMessage and PrivateMessage with framing) reads
// its envelope the same way. version is kept as read: refusing a version other than mls10 is the receiver's check
// (§6.1), like the other "decoded is not validated" fields.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Wire;

internal readonly struct MlsMessageHeader(ushort version, WireFormat wireFormat) : IMlsEncodable<MlsMessageHeader>
{
    /// <summary>ProtocolVersion mls10 (RFC 9420 §6).</summary>
    internal const ushort Mls10 = 1;

    internal const int Size = 4;

    internal ushort Version { get; } = version;

    internal WireFormat WireFormat { get; } = wireFormat;

    public int EncodedSize => Size;

    public static MlsMessageHeader Decode(scoped ref MlsReader reader) =>
        new(reader.ReadUInt16("version"), MlsCodec.ReadKnownEnum16<WireFormat>(ref reader, "wire_format"));

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteUInt16(Version);
        MlsCodec.WriteEnum16(ref writer, WireFormat);
    }

    /// <summary>Decodes an MLSMessage that must fill <paramref name="source"/> and carry a body of
    /// <paramref name="expected"/> format; another (known) format is <see cref="MlsError.InvalidValue"/>.</summary>
    internal static T DecodeBody<T>(ReadOnlySpan<byte> source, WireFormat expected, out MlsMessageHeader header)
        where T : IMlsEncodable<T>
    {
        var reader = new MlsReader(source);
        header = Decode(ref reader);
        if (header.WireFormat != expected) MlsThrowHelper.Decode(MlsError.InvalidValue, "wire_format");
        T body = T.Decode(ref reader);
        reader.EnsureEnd("MLSMessage");
        return body;
    }

    /// <summary>Encodes an MLSMessage of <paramref name="header"/> and <paramref name="body"/> into a new array
    /// (public output only).</summary>
    internal static byte[] EncodeToArray<T>(MlsMessageHeader header, T body)
        where T : IMlsEncodable<T>
    {
        byte[] result = new byte[Size + body.EncodedSize];
        var writer = new MlsWriter(result);
        header.Encode(ref writer);
        body.Encode(ref writer);
        return result;
    }
}
