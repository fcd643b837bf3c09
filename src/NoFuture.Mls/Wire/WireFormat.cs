// RFC 9420 §6 / §17.2 WireFormat (uint16): the select() discriminator of MLSMessage, so an unknown value is refused.
namespace NoFuture.Mls.Wire;

internal enum WireFormat : ushort
{
    PublicMessage = 0x0001,
    PrivateMessage = 0x0002,
    Welcome = 0x0003,
    GroupInfo = 0x0004,
    KeyPackage = 0x0005,
}
