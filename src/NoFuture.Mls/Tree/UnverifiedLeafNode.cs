// RFC 9420 §7.2 LeafNode, as decoded from a peer (docs/mls.md, "Decoded is not validated"):
//
//   struct {
//       HPKEPublicKey encryption_key;          // opaque <V>
//       SignaturePublicKey signature_key;      // opaque <V>
//       Credential credential;
//       Capabilities capabilities;
//       LeafNodeSource leaf_node_source;
//       select (LeafNode.leaf_node_source) {
//           case key_package: Lifetime lifetime;
//           case update:      struct{};
//           case commit:      opaque parent_hash<V>;
//       };
//       Extension extensions<V>;
//       /* SignWithLabel(., "LeafNodeTBS", LeafNodeTBS) */
//       opaque signature<V>;
//   } LeafNode;
//
// Nothing here is checked but the encoding: not the signature (whose LeafNodeTBS needs the group and leaf index for
// the update and commit sources), the credential, the capabilities, the lifetime or the parent hash (§7.3). A leaf
// lives in the ratchet tree across epochs, so its opaque fields are copied once at decode.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Credentials;
using NoFuture.Mls.Extensions;

namespace NoFuture.Mls.Tree;

internal sealed class UnverifiedLeafNode : IMlsEncodable<UnverifiedLeafNode>
{
    private readonly byte[] _encryptionKey;
    private readonly byte[] _signatureKey;
    private readonly byte[] _parentHash;
    private readonly Extension[] _extensions;
    private readonly byte[] _signature;

    internal UnverifiedLeafNode(
        ReadOnlySpan<byte> encryptionKey,
        ReadOnlySpan<byte> signatureKey,
        Credential credential,
        Capabilities capabilities,
        LeafNodeSource source,
        Lifetime lifetime,
        ReadOnlySpan<byte> parentHash,
        ReadOnlySpan<Extension> extensions,
        ReadOnlySpan<byte> signature)
    {
        _encryptionKey = encryptionKey.ToArray();
        _signatureKey = signatureKey.ToArray();
        Credential = credential;
        Capabilities = capabilities;
        Source = source;
        Lifetime = source == LeafNodeSource.KeyPackage ? lifetime : default;
        _parentHash = source == LeafNodeSource.Commit ? parentHash.ToArray() : [];
        _extensions = extensions.ToArray();
        _signature = signature.ToArray();
    }

    /// <summary>encryption_key: the leaf's HPKE public key, as claimed.</summary>
    internal ReadOnlySpan<byte> EncryptionKey => _encryptionKey;

    /// <summary>signature_key: the leaf's signature public key, as claimed.</summary>
    internal ReadOnlySpan<byte> SignatureKey => _signatureKey;

    internal Credential Credential { get; }

    internal Capabilities Capabilities { get; }

    internal LeafNodeSource Source { get; }

    /// <summary>lifetime (source key_package only; default otherwise).</summary>
    internal Lifetime Lifetime { get; }

    /// <summary>parent_hash (source commit only; empty otherwise).</summary>
    internal ReadOnlySpan<byte> ParentHash => _parentHash;

    internal ReadOnlySpan<Extension> Extensions => _extensions;

    internal ReadOnlySpan<byte> Signature => _signature;

    /// <summary>The size of the fields before signature: the common prefix of LeafNode and LeafNodeTBS (§7.2).</summary>
    internal int ContentSize =>
        MlsWriter.OpaqueSize(_encryptionKey.Length) + MlsWriter.OpaqueSize(_signatureKey.Length)
        + Credential.EncodedSize + Capabilities.EncodedSize + 1
        + Source switch
        {
            LeafNodeSource.KeyPackage => Lifetime.Size,
            LeafNodeSource.Commit => MlsWriter.OpaqueSize(_parentHash.Length),
            _ => 0,
        }
        + MlsCodec.VectorSize<Extension>(_extensions, "extensions");

    public int EncodedSize => ContentSize + MlsWriter.OpaqueSize(_signature.Length);

    public static UnverifiedLeafNode Decode(scoped ref MlsReader reader)
    {
        ReadOnlySpan<byte> encryptionKey = reader.ReadOpaque("encryption_key");
        ReadOnlySpan<byte> signatureKey = reader.ReadOpaque("signature_key");
        Credential credential = Credential.Decode(ref reader);
        Capabilities capabilities = Capabilities.Decode(ref reader);
        LeafNodeSource source = MlsCodec.ReadKnownEnum8<LeafNodeSource>(ref reader, "leaf_node_source");
        Lifetime lifetime = default;
        ReadOnlySpan<byte> parentHash = default;
        if (source == LeafNodeSource.KeyPackage) lifetime = Lifetime.Decode(ref reader);
        else if (source == LeafNodeSource.Commit) parentHash = reader.ReadOpaque("parent_hash");
        using PooledVector<Extension> extensions = MlsCodec.ReadVector<Extension>(ref reader, "extensions");
        ReadOnlySpan<byte> signature = reader.ReadOpaque("signature");
        return new UnverifiedLeafNode(
            encryptionKey, signatureKey, credential, capabilities, source, lifetime, parentHash, extensions.Span, signature);
    }

    /// <summary>Writes the fields before signature (see <see cref="ContentSize"/>).</summary>
    internal void EncodeContent(ref MlsWriter writer)
    {
        writer.WriteOpaque(_encryptionKey, "encryption_key");
        writer.WriteOpaque(_signatureKey, "signature_key");
        Credential.Encode(ref writer);
        Capabilities.Encode(ref writer);
        MlsCodec.WriteEnum8(ref writer, Source);
        if (Source == LeafNodeSource.KeyPackage) Lifetime.Encode(ref writer);
        else if (Source == LeafNodeSource.Commit) writer.WriteOpaque(_parentHash, "parent_hash");
        MlsCodec.WriteVector<Extension>(ref writer, _extensions, "extensions");
    }

    public void Encode(ref MlsWriter writer)
    {
        EncodeContent(ref writer);
        writer.WriteOpaque(_signature, "signature");
    }
}
