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
// check (§6.2), and the bytes must round-trip. The header is the key-package work's MlsMessageHeader. Interim:
// Welcome and GroupInfo bodies are kept as their encoded bytes (found by InterimScan) until their typed structures
// are merged.
using NoFuture.Mls.Codec;
using NoFuture.Mls.KeyPackages;
using NoFuture.Mls.Proposals;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Framing;

internal sealed class MlsMessage : IMlsEncodable<MlsMessage>
{
    private readonly UnverifiedPublicMessage? _publicMessage;
    private readonly PrivateMessage? _privateMessage;
    private readonly UnverifiedKeyPackage? _keyPackage;
    private readonly byte[]? _otherBody;

    private MlsMessage(
        MlsMessageHeader header, UnverifiedPublicMessage? publicMessage, PrivateMessage? privateMessage,
        UnverifiedKeyPackage? keyPackage, byte[]? otherBody)
    {
        Header = header;
        _publicMessage = publicMessage;
        _privateMessage = privateMessage;
        _keyPackage = keyPackage;
        _otherBody = otherBody;
    }

    internal MlsMessage(ushort version, UnverifiedPublicMessage publicMessage)
        : this(new MlsMessageHeader(version, WireFormat.PublicMessage), publicMessage, null, null, null) { }

    internal MlsMessage(ushort version, PrivateMessage privateMessage)
        : this(new MlsMessageHeader(version, WireFormat.PrivateMessage), null, privateMessage, null, null) { }

    internal MlsMessage(ushort version, UnverifiedKeyPackage keyPackage)
        : this(new MlsMessageHeader(version, WireFormat.KeyPackage), null, null, keyPackage, null) { }

    internal MlsMessageHeader Header { get; }

    /// <summary>version, as read.</summary>
    internal ushort Version => Header.Version;

    internal WireFormat WireFormat => Header.WireFormat;

    /// <summary>The public message when <see cref="WireFormat"/> is mls_public_message, else null.</summary>
    internal UnverifiedPublicMessage? PublicMessage => _publicMessage;

    /// <summary>The private message when <see cref="WireFormat"/> is mls_private_message, else null.</summary>
    internal PrivateMessage? PrivateMessage => _privateMessage;

    /// <summary>The key package when <see cref="WireFormat"/> is mls_key_package, else null.</summary>
    internal UnverifiedKeyPackage? KeyPackage => _keyPackage;

    /// <summary>Interim: the encoded Welcome or GroupInfo body (empty for the other wire formats).</summary>
    internal ReadOnlySpan<byte> BodyEncoding => _otherBody;

    public int EncodedSize =>
        MlsMessageHeader.Size
        + (_publicMessage?.EncodedSize ?? _privateMessage?.EncodedSize ?? _keyPackage?.EncodedSize ?? _otherBody!.Length);

    public static MlsMessage Decode(scoped ref MlsReader reader)
    {
        MlsMessageHeader header = MlsMessageHeader.Decode(ref reader);
        return header.WireFormat switch
        {
            WireFormat.PublicMessage => new MlsMessage(header, UnverifiedPublicMessage.Decode(ref reader), null, null, null),
            WireFormat.PrivateMessage => new MlsMessage(header, null, Framing.PrivateMessage.Decode(ref reader), null, null),
            WireFormat.KeyPackage => new MlsMessage(header, null, null, UnverifiedKeyPackage.Decode(ref reader), null),
            WireFormat.Welcome => new MlsMessage(header, null, null, null, InterimScan.Welcome(ref reader)),
            _ => new MlsMessage(header, null, null, null, InterimScan.GroupInfo(ref reader)),
        };
    }

    public void Encode(ref MlsWriter writer)
    {
        Header.Encode(ref writer);
        if (_publicMessage is not null) _publicMessage.Encode(ref writer);
        else if (_privateMessage is not null) _privateMessage.Encode(ref writer);
        else if (_keyPackage is not null) _keyPackage.Encode(ref writer);
        else writer.WriteFixed(_otherBody);
    }
}
