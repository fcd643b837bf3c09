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
// check (§6.2), and the bytes must round-trip. The header is Wire.MlsMessageHeader, shared with the key-package and
// welcome structures.
using NoFuture.Mls.Codec;
using NoFuture.Mls.KeyPackages;
using NoFuture.Mls.Welcomes;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Framing;

internal sealed class MlsMessage : IMlsEncodable<MlsMessage>
{
    private readonly IBody _body;

    private MlsMessage(MlsMessageHeader header, IBody body)
    {
        Header = header;
        _body = body;
    }

    internal MlsMessage(ushort version, UnverifiedPublicMessage publicMessage)
        : this(new MlsMessageHeader(version, WireFormat.PublicMessage), new Body<UnverifiedPublicMessage>(publicMessage)) { }

    internal MlsMessage(ushort version, PrivateMessage privateMessage)
        : this(new MlsMessageHeader(version, WireFormat.PrivateMessage), new Body<PrivateMessage>(privateMessage)) { }

    internal MlsMessage(ushort version, Welcome welcome)
        : this(new MlsMessageHeader(version, WireFormat.Welcome), new Body<Welcome>(welcome)) { }

    internal MlsMessage(ushort version, UnverifiedGroupInfo groupInfo)
        : this(new MlsMessageHeader(version, WireFormat.GroupInfo), new Body<UnverifiedGroupInfo>(groupInfo)) { }

    internal MlsMessage(ushort version, UnverifiedKeyPackage keyPackage)
        : this(new MlsMessageHeader(version, WireFormat.KeyPackage), new Body<UnverifiedKeyPackage>(keyPackage)) { }

    internal MlsMessageHeader Header { get; }

    /// <summary>version, as read.</summary>
    internal ushort Version => Header.Version;

    internal WireFormat WireFormat => Header.WireFormat;

    /// <summary>The public message when <see cref="WireFormat"/> is mls_public_message, else null.</summary>
    internal UnverifiedPublicMessage? PublicMessage => (_body as Body<UnverifiedPublicMessage>)?.Value;

    /// <summary>The private message when <see cref="WireFormat"/> is mls_private_message, else null.</summary>
    internal PrivateMessage? PrivateMessage => (_body as Body<PrivateMessage>)?.Value;

    /// <summary>The welcome when <see cref="WireFormat"/> is mls_welcome, else null.</summary>
    internal Welcome? Welcome => (_body as Body<Welcome>)?.Value;

    /// <summary>The group info when <see cref="WireFormat"/> is mls_group_info, else null.</summary>
    internal UnverifiedGroupInfo? GroupInfo => (_body as Body<UnverifiedGroupInfo>)?.Value;

    /// <summary>The key package when <see cref="WireFormat"/> is mls_key_package, else null.</summary>
    internal UnverifiedKeyPackage? KeyPackage => (_body as Body<UnverifiedKeyPackage>)?.Value;

    public int EncodedSize => MlsMessageHeader.Size + _body.EncodedSize;

    public static MlsMessage Decode(scoped ref MlsReader reader)
    {
        MlsMessageHeader header = MlsMessageHeader.Decode(ref reader);
        return header.WireFormat switch
        {
            WireFormat.PublicMessage => new MlsMessage(header, Body<UnverifiedPublicMessage>.Decode(ref reader)),
            WireFormat.PrivateMessage => new MlsMessage(header, Body<PrivateMessage>.Decode(ref reader)),
            WireFormat.Welcome => new MlsMessage(header, Body<Welcome>.Decode(ref reader)),
            WireFormat.GroupInfo => new MlsMessage(header, Body<UnverifiedGroupInfo>.Decode(ref reader)),
            _ => new MlsMessage(header, Body<UnverifiedKeyPackage>.Decode(ref reader)),
        };
    }

    public void Encode(ref MlsWriter writer)
    {
        Header.Encode(ref writer);
        _body.Encode(ref writer);
    }

    // The select()ed body behind one interface, so size and encode need no switch over the wire format.
    private interface IBody
    {
        int EncodedSize { get; }

        void Encode(ref MlsWriter writer);
    }

    private sealed class Body<T>(T value) : IBody
        where T : class, IMlsEncodable<T>
    {
        internal T Value { get; } = value;

        public int EncodedSize => Value.EncodedSize;

        internal static Body<T> Decode(scoped ref MlsReader reader) => new(T.Decode(ref reader));

        public void Encode(ref MlsWriter writer) => Value.Encode(ref writer);
    }
}
