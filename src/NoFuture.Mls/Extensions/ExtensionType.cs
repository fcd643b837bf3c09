// RFC 9420 §13.1 / §17.3 ExtensionType (uint16). Values outside this list are kept as read: the RFC has unknown
// extension types ignored but carried (§13: a GroupContext's extensions are hashed into the key schedule, and GREASE
// values, §13.5, must round-trip unchanged), so a decoder never refuses one.
namespace NoFuture.Mls.Extensions;

internal enum ExtensionType : ushort
{
    ApplicationId = 0x0001,
    RatchetTree = 0x0002,
    RequiredCapabilities = 0x0003,
    ExternalPub = 0x0004,
    ExternalSenders = 0x0005,
}
