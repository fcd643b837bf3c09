// RFC 9420 §6:
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
// version is kept as read (raw uint16), like GroupContext's: refusing a version other than mls10 is the receiver's
// check (§6.2), and the bytes must round-trip. Interim: Welcome, GroupInfo and KeyPackage bodies are kept as their
// encoded bytes (found by InterimScan) until the typed structures of the key-package work are merged.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Proposals;

namespace NoFuture.Mls.Framing;

internal sealed class MlsMessage : IMlsEncodable<MlsMessage>
{
    private readonly UnverifiedPublicMessage? _publicMessage;
    private readonly PrivateMessage? _privateMessage;
    private readonly byte[]? _otherBody;

    private MlsMessage(ushort version, WireFormat wireFormat, UnverifiedPublicMessage? publicMessage, PrivateMessage? privateMessage, byte[]? otherBody)
    {
        Version = version;
        WireFormat = wireFormat;
        _publicMessage = publicMessage;
        _privateMessage = privateMessage;
        _otherBody = otherBody;
    }

    internal MlsMessage(ushort version, UnverifiedPublicMessage publicMessage)
        : this(version, WireFormat.PublicMessage, publicMessage, null, null) { }

    internal MlsMessage(ushort version, PrivateMessage privateMessage)
        : this(version, WireFormat.PrivateMessage, null, privateMessage, null) { }

    /// <summary>version, as read.</summary>
    internal ushort Version { get; }

    internal WireFormat WireFormat { get; }

    /// <summary>The public message when <see cref="WireFormat"/> is mls_public_message, else null.</summary>
    internal UnverifiedPublicMessage? PublicMessage => _publicMessage;

    /// <summary>The private message when <see cref="WireFormat"/> is mls_private_message, else null.</summary>
    internal PrivateMessage? PrivateMessage => _privateMessage;

    /// <summary>Interim: the encoded Welcome, GroupInfo or KeyPackage body (empty for the other wire formats).</summary>
    internal ReadOnlySpan<byte> BodyEncoding => _otherBody;

    public int EncodedSize => 4 + (_publicMessage?.EncodedSize ?? _privateMessage?.EncodedSize ?? _otherBody!.Length);

    public static MlsMessage Decode(scoped ref MlsReader reader)
    {
        ushort version = reader.ReadUInt16("version");
        WireFormat wireFormat = MlsCodec.ReadKnownEnum16<WireFormat>(ref reader, "wire_format");
        return wireFormat switch
        {
            WireFormat.PublicMessage => new MlsMessage(version, UnverifiedPublicMessage.Decode(ref reader)),
            WireFormat.PrivateMessage => new MlsMessage(version, Framing.PrivateMessage.Decode(ref reader)),
            WireFormat.Welcome => new MlsMessage(version, wireFormat, null, null, InterimScan.Welcome(ref reader)),
            WireFormat.GroupInfo => new MlsMessage(version, wireFormat, null, null, InterimScan.GroupInfo(ref reader)),
            _ => new MlsMessage(version, wireFormat, null, null, InterimScan.KeyPackage(ref reader)),
        };
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteUInt16(Version);
        MlsCodec.WriteEnum16(ref writer, WireFormat);
        if (_publicMessage is not null) _publicMessage.Encode(ref writer);
        else if (_privateMessage is not null) _privateMessage.Encode(ref writer);
        else writer.WriteFixed(_otherBody);
    }
}
