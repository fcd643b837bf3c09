// RFC 9420 §6 / §17.2: enum { reserved(0), mls_public_message(1), mls_private_message(2), mls_welcome(3),
// mls_group_info(4), mls_key_package(5), (65535) } WireFormat. The discriminator of MLSMessage: an unregistered value
// leaves the body unreadable (no length), so only named values are read.
namespace NoFuture.Mls.Framing;

internal enum WireFormat : ushort
{
    PublicMessage = 1,
    PrivateMessage = 2,
    Welcome = 3,
    GroupInfo = 4,
    KeyPackage = 5,
}
