// RFC 9420 §10 KeyPackage, as decoded from a peer (docs/mls.md, "Decoded is not validated"):
//
//   struct {
//       ProtocolVersion version;
//       CipherSuite cipher_suite;
//       HPKEPublicKey init_key;                // opaque <V>
//       LeafNode leaf_node;
//       Extension extensions<V>;
//       /* SignWithLabel(., "KeyPackageTBS", KeyPackageTBS) */
//       opaque signature<V>;
//   } KeyPackage;
//
// version and cipher_suite are kept as read (raw uint16); the §10.1 checks (supported version and suite, signature
// under leaf_node.signature_key, leaf_node_source = key_package, init_key ≠ encryption_key, lifetime) belong to the
// validation that turns it into a KeyPackage. A key package is kept until used, so fields are copied once at decode.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Extensions;
using NoFuture.Mls.Tree;

namespace NoFuture.Mls.KeyPackages;

internal sealed class UnverifiedKeyPackage : IMlsEncodable<UnverifiedKeyPackage>
{
    private readonly byte[] _initKey;
    private readonly Extension[] _extensions;
    private readonly byte[] _signature;

    internal UnverifiedKeyPackage(
        ushort version,
        ushort cipherSuite,
        ReadOnlySpan<byte> initKey,
        UnverifiedLeafNode leafNode,
        ReadOnlySpan<Extension> extensions,
        ReadOnlySpan<byte> signature)
    {
        Version = version;
        CipherSuite = cipherSuite;
        _initKey = initKey.ToArray();
        LeafNode = leafNode;
        _extensions = extensions.ToArray();
        _signature = signature.ToArray();
    }

    /// <summary>version (mls10 = 1), as read.</summary>
    internal ushort Version { get; }

    /// <summary>cipher_suite (RFC 9420 §17.1 code point), as read.</summary>
    internal ushort CipherSuite { get; }

    /// <summary>init_key: the HPKE public key a Welcome is encrypted to, as claimed.</summary>
    internal ReadOnlySpan<byte> InitKey => _initKey;

    internal UnverifiedLeafNode LeafNode { get; }

    internal ReadOnlySpan<Extension> Extensions => _extensions;

    internal ReadOnlySpan<byte> Signature => _signature;

    /// <summary>The size of KeyPackageTBS (§10): every field before signature.</summary>
    internal int ContentSize =>
        2 + 2 + MlsWriter.OpaqueSize(_initKey.Length) + LeafNode.EncodedSize
        + MlsCodec.VectorSize<Extension>(_extensions, "extensions");

    public int EncodedSize => ContentSize + MlsWriter.OpaqueSize(_signature.Length);

    public static UnverifiedKeyPackage Decode(scoped ref MlsReader reader)
    {
        ushort version = reader.ReadUInt16("version");
        ushort cipherSuite = reader.ReadUInt16("cipher_suite");
        ReadOnlySpan<byte> initKey = reader.ReadOpaque("init_key");
        UnverifiedLeafNode leafNode = UnverifiedLeafNode.Decode(ref reader);
        using PooledVector<Extension> extensions = MlsCodec.ReadVector<Extension>(ref reader, "extensions");
        ReadOnlySpan<byte> signature = reader.ReadOpaque("signature");
        return new UnverifiedKeyPackage(version, cipherSuite, initKey, leafNode, extensions.Span, signature);
    }

    /// <summary>Writes KeyPackageTBS (see <see cref="ContentSize"/>).</summary>
    internal void EncodeContent(ref MlsWriter writer)
    {
        writer.WriteUInt16(Version);
        writer.WriteUInt16(CipherSuite);
        writer.WriteOpaque(_initKey, "init_key");
        LeafNode.Encode(ref writer);
        MlsCodec.WriteVector<Extension>(ref writer, _extensions, "extensions");
    }

    public void Encode(ref MlsWriter writer)
    {
        EncodeContent(ref writer);
        writer.WriteOpaque(_signature, "signature");
    }
}
