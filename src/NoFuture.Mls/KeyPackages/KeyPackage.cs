// RFC 9420 §10 KeyPackage, verified: produced only by TryVerify, which makes the §10.1 checks that need nothing but the
// key package and the group's cipher suite:
//   - version is mls10 and cipher_suite is the group's suite;
//   - leaf_node is of source key_package and its signature over LeafNodeTBS verifies (§7.3);
//   - the signature over KeyPackageTBS (every field before signature) verifies under leaf_node.signature_key,
//     VerifyWithLabel(., "KeyPackageTBS", KeyPackageTBS) (§5.1.2);
//   - init_key differs from leaf_node.encryption_key.
// Left to the caller, which has what they need: the credential (Authentication Service), the lifetime against its
// clock, capabilities against the group's required ones. Any failure is false (docs/failure-policy.md).
using System.Diagnostics.CodeAnalysis;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Crypto;
using NoFuture.Mls.Tree;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.KeyPackages;

internal sealed class KeyPackage
{
    private KeyPackage(UnverifiedKeyPackage package, LeafNode leafNode)
    {
        Package = package;
        LeafNode = leafNode;
    }

    /// <summary>The decoded fields, now known to be signed by the leaf's signature key.</summary>
    internal UnverifiedKeyPackage Package { get; }

    /// <summary>leaf_node, verified.</summary>
    internal LeafNode LeafNode { get; }

    internal ushort CipherSuite => Package.CipherSuite;

    internal ReadOnlySpan<byte> InitKey => Package.InitKey;

    internal int EncodedSize => Package.EncodedSize;

    internal void Encode(ref MlsWriter writer) => Package.Encode(ref writer);

    /// <summary>Makes the §10.1 checks described in the file header; false if any fails.</summary>
    internal static bool TryVerify(UnverifiedKeyPackage package, MlsCipherSuite suite, [NotNullWhen(true)] out KeyPackage? verified)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(suite);
        verified = null;
        if (package.Version != MlsMessageHeader.Mls10 || package.CipherSuite != suite.Id) return false;
        if (package.InitKey.SequenceEqual(package.LeafNode.EncryptionKey)) return false;
        if (!LeafNode.TryVerifyInKeyPackage(package.LeafNode, suite, out LeafNode? leaf)) return false;
        byte[] tbs = new byte[package.ContentSize];
        var writer = new MlsWriter(tbs);
        package.EncodeContent(ref writer);
        if (!LabeledSignature.VerifyWithLabel(suite.Signature, leaf.SignatureKey, "KeyPackageTBS"u8, tbs, package.Signature))
            return false;
        verified = new KeyPackage(package, leaf);
        return true;
    }
}
