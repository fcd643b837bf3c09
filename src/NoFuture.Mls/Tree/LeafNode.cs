// RFC 9420 §7.2 LeafNode, verified: produced only by TryVerify, which checks the signature over LeafNodeTBS
//
//   struct {
//       ... every LeafNode field before signature ...
//       select (LeafNodeTBS.leaf_node_source) {
//           case key_package: struct{};
//           case update:      opaque group_id<V>; uint32 leaf_index;
//           case commit:      opaque group_id<V>; uint32 leaf_index;
//       };
//   } LeafNodeTBS;
//
// with VerifyWithLabel(signature_key, "LeafNodeTBS", LeafNodeTBS) (§5.1.2). This is the signature check of §7.3 only:
// the credential (Authentication Service), capabilities against the group, lifetime against the clock, key
// uniqueness in the tree and the parent hash are the caller's checks, made with the group state this type does not
// have. A bad signature is false, not an exception (docs/failure-policy.md).
using System.Diagnostics.CodeAnalysis;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Credentials;
using NoFuture.Mls.Crypto;
using NoFuture.Mls.Extensions;

namespace NoFuture.Mls.Tree;

internal sealed class LeafNode
{
    private LeafNode(UnverifiedLeafNode node) => Node = node;

    /// <summary>The decoded fields, now known to be signed by <see cref="SignatureKey"/>.</summary>
    internal UnverifiedLeafNode Node { get; }

    internal ReadOnlySpan<byte> EncryptionKey => Node.EncryptionKey;

    internal ReadOnlySpan<byte> SignatureKey => Node.SignatureKey;

    internal Credential Credential => Node.Credential;

    internal Capabilities Capabilities => Node.Capabilities;

    internal LeafNodeSource Source => Node.Source;

    internal Lifetime Lifetime => Node.Lifetime;

    internal ReadOnlySpan<byte> ParentHash => Node.ParentHash;

    internal ReadOnlySpan<Extension> Extensions => Node.Extensions;

    internal int EncodedSize => Node.EncodedSize;

    internal void Encode(ref MlsWriter writer) => Node.Encode(ref writer);

    /// <summary>Verifies a leaf of source key_package (in a KeyPackage: LeafNodeTBS has no group context).</summary>
    internal static bool TryVerifyInKeyPackage(
        UnverifiedLeafNode node, MlsCipherSuite suite, [NotNullWhen(true)] out LeafNode? verified)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(suite);
        verified = null;
        if (node.Source != LeafNodeSource.KeyPackage) return false;
        return TryVerifyCore(node, suite, [], 0, out verified);
    }

    /// <summary>Verifies a leaf of source update or commit, signed for <paramref name="groupId"/> at
    /// <paramref name="leafIndex"/>.</summary>
    internal static bool TryVerifyInGroup(
        UnverifiedLeafNode node, MlsCipherSuite suite, ReadOnlySpan<byte> groupId, uint leafIndex,
        [NotNullWhen(true)] out LeafNode? verified)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(suite);
        verified = null;
        if (node.Source == LeafNodeSource.KeyPackage) return false;
        return TryVerifyCore(node, suite, groupId, leafIndex, out verified);
    }

    private static bool TryVerifyCore(
        UnverifiedLeafNode node, MlsCipherSuite suite, ReadOnlySpan<byte> groupId, uint leafIndex,
        [NotNullWhen(true)] out LeafNode? verified)
    {
        bool inGroup = node.Source != LeafNodeSource.KeyPackage;
        // The TBS is public (the leaf's own fields), so a heap buffer is fine.
        byte[] tbs = new byte[node.ContentSize + (inGroup ? MlsWriter.OpaqueSize(groupId.Length) + 4 : 0)];
        var writer = new MlsWriter(tbs);
        node.EncodeContent(ref writer);
        if (inGroup)
        {
            writer.WriteOpaque(groupId, nameof(groupId));
            writer.WriteUInt32(leafIndex);
        }
        verified = LabeledSignature.VerifyWithLabel(suite.Signature, node.SignatureKey, "LeafNodeTBS"u8, tbs, node.Signature)
            ? new LeafNode(node)
            : null;
        return verified is not null;
    }
}
