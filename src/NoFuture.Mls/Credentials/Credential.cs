// RFC 9420 §5.3 Credential:
//
//   struct { opaque cert_data<V>; } Certificate;
//   struct {
//       CredentialType credential_type;
//       select (Credential.credential_type) {
//           case basic: opaque identity<V>;
//           case x509:  Certificate certificates<V>;
//       };
//   } Credential;
//
// Unknown credential types are refused with InvalidValue: the select() gives their content no length, so nothing
// after it could be read (§5.3 lets an application define new types, but a client that does not know one cannot parse
// the LeafNode carrying it; §7.2 then requires the type to be listed in every member's capabilities, which a client
// that cannot parse it never lists). Decoded is not validated (docs/mls.md): the identity and the certificate chain
// are whatever the peer claims; binding them to the signature key is the application's Authentication Service check.
// Fields are copied once at decode: a credential lives in the ratchet tree for as long as its leaf.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Credentials;

internal sealed class Credential : IMlsEncodable<Credential>
{
    private readonly byte[] _identity;
    private readonly byte[][] _certificates;

    private Credential(CredentialType type, byte[] identity, byte[][] certificates)
    {
        Type = type;
        _identity = identity;
        _certificates = certificates;
    }

    /// <summary>A basic credential: opaque identity&lt;V&gt;.</summary>
    internal static Credential Basic(ReadOnlySpan<byte> identity) => new(CredentialType.Basic, identity.ToArray(), []);

    /// <summary>An x509 credential: the chain's DER certificates, leaf first (RFC 9420 §5.3.1).</summary>
    internal static Credential X509(IEnumerable<byte[]> certificates) =>
        new(CredentialType.X509, [], [.. certificates.Select(c => (byte[])c.Clone())]);

    internal CredentialType Type { get; }

    /// <summary>identity of a basic credential (empty for x509).</summary>
    internal ReadOnlySpan<byte> Identity => _identity;

    /// <summary>The number of Certificates of an x509 credential (0 for basic).</summary>
    internal int CertificateCount => _certificates.Length;

    /// <summary>cert_data of the <paramref name="index"/>th Certificate of an x509 credential.</summary>
    internal ReadOnlySpan<byte> GetCertificate(int index) => _certificates[index];

    public int EncodedSize => 2 + (Type == CredentialType.Basic
        ? MlsWriter.OpaqueSize(_identity.Length)
        : WireVectors.OpaqueVectorSize(_certificates, "certificates"));

    public static Credential Decode(scoped ref MlsReader reader)
    {
        CredentialType type = MlsCodec.ReadKnownEnum16<CredentialType>(ref reader, "credential_type");
        return type == CredentialType.Basic
            ? new Credential(type, reader.ReadOpaque("identity").ToArray(), [])
            : new Credential(type, [], WireVectors.ReadOpaqueVector(ref reader, "certificates"));
    }

    public void Encode(ref MlsWriter writer)
    {
        MlsCodec.WriteEnum16(ref writer, Type);
        if (Type == CredentialType.Basic) writer.WriteOpaque(_identity, "identity");
        else WireVectors.WriteOpaqueVector(ref writer, _certificates, "certificates");
    }
}
