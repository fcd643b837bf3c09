// RFC 9420 §5.3 / §17.5 CredentialType (uint16). A Credential's credential_type is a select() discriminator: the RFC
// defines no length for the content of an unknown type, so a decoder cannot skip it and refuses it (InvalidValue).
// Capabilities.credentials (§7.2) lists code points as plain uint16 values, unknown and GREASE ones included.
namespace NoFuture.Mls.Credentials;

internal enum CredentialType : ushort
{
    Basic = 0x0001,
    X509 = 0x0002,
}
