// RFC 9420 §7.2 Capabilities:
//
//   struct {
//       ProtocolVersion versions<V>;
//       CipherSuite cipher_suites<V>;
//       ExtensionType extensions<V>;
//       ProposalType proposals<V>;
//       CredentialType credentials<V>;
//   } Capabilities;
//
// Every list is kept as raw uint16 values: §13.5 has clients list GREASE code points here, and the whole structure is
// covered by the leaf's signature and the tree hash, so unknown values must survive a round trip unchanged.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Tree;

internal sealed class Capabilities : IMlsEncodable<Capabilities>
{
    private readonly ushort[] _versions;
    private readonly ushort[] _cipherSuites;
    private readonly ushort[] _extensions;
    private readonly ushort[] _proposals;
    private readonly ushort[] _credentials;

    internal Capabilities(
        ReadOnlySpan<ushort> versions,
        ReadOnlySpan<ushort> cipherSuites,
        ReadOnlySpan<ushort> extensions,
        ReadOnlySpan<ushort> proposals,
        ReadOnlySpan<ushort> credentials)
        : this(versions.ToArray(), cipherSuites.ToArray(), extensions.ToArray(), proposals.ToArray(), credentials.ToArray())
    {
    }

    // Decode's form: the arrays WireVectors just read, kept rather than copied again.
    private Capabilities(ushort[] versions, ushort[] cipherSuites, ushort[] extensions, ushort[] proposals, ushort[] credentials)
    {
        _versions = versions;
        _cipherSuites = cipherSuites;
        _extensions = extensions;
        _proposals = proposals;
        _credentials = credentials;
    }

    internal ReadOnlySpan<ushort> Versions => _versions;

    internal ReadOnlySpan<ushort> CipherSuites => _cipherSuites;

    internal ReadOnlySpan<ushort> Extensions => _extensions;

    internal ReadOnlySpan<ushort> Proposals => _proposals;

    internal ReadOnlySpan<ushort> Credentials => _credentials;

    public int EncodedSize =>
        WireVectors.UInt16VectorSize(_versions) + WireVectors.UInt16VectorSize(_cipherSuites)
        + WireVectors.UInt16VectorSize(_extensions) + WireVectors.UInt16VectorSize(_proposals)
        + WireVectors.UInt16VectorSize(_credentials);

    public static Capabilities Decode(scoped ref MlsReader reader) => new(
        WireVectors.ReadUInt16Vector(ref reader, "versions"),
        WireVectors.ReadUInt16Vector(ref reader, "cipher_suites"),
        WireVectors.ReadUInt16Vector(ref reader, "extensions"),
        WireVectors.ReadUInt16Vector(ref reader, "proposals"),
        WireVectors.ReadUInt16Vector(ref reader, "credentials"));

    public void Encode(ref MlsWriter writer)
    {
        WireVectors.WriteUInt16Vector(ref writer, _versions, "versions");
        WireVectors.WriteUInt16Vector(ref writer, _cipherSuites, "cipher_suites");
        WireVectors.WriteUInt16Vector(ref writer, _extensions, "extensions");
        WireVectors.WriteUInt16Vector(ref writer, _proposals, "proposals");
        WireVectors.WriteUInt16Vector(ref writer, _credentials, "credentials");
    }
}
