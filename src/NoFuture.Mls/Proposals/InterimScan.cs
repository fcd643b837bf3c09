// Interim: walks the encodings of KeyPackage (§10), LeafNode (§7.2), PreSharedKeyID (§8.4), Welcome and GroupInfo without typing them,
// so that Add, Update and PreSharedKey can carry their body as the exact bytes read (an opaque view) until the typed
// structures of the key-package work are merged. None of these bodies has a length prefix, so the only way to find
// where one ends is to follow its fields; a select() discriminator this walk does not know is InvalidValue, as it
// would be for the typed decoder. Replaced by the typed structures when they land (docs/mls.md).
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Proposals;

internal static class InterimScan
{
    /// <summary>Reads one KeyPackage and returns its bytes, copied.</summary>
    internal static byte[] KeyPackage(ref MlsReader reader)
    {
        ReadOnlySpan<byte> start = reader.Remaining;
        reader.ReadUInt16("version");
        reader.ReadUInt16("cipher_suite");
        reader.ReadOpaque("init_key");
        SkipLeafNode(ref reader);
        reader.ReadOpaque("extensions");
        reader.ReadOpaque("signature");
        return start[..(start.Length - reader.Remaining.Length)].ToArray();
    }

    /// <summary>Reads one Welcome (§12.4.3.1: cipher_suite, EncryptedGroupSecrets secrets&lt;V&gt;,
    /// encrypted_group_info&lt;V&gt;) and returns its bytes, copied.</summary>
    internal static byte[] Welcome(ref MlsReader reader)
    {
        ReadOnlySpan<byte> start = reader.Remaining;
        reader.ReadUInt16("cipher_suite");
        reader.ReadOpaque("secrets");
        reader.ReadOpaque("encrypted_group_info");
        return start[..(start.Length - reader.Remaining.Length)].ToArray();
    }

    /// <summary>Reads one GroupInfo (§12.4.3: GroupContext, extensions&lt;V&gt;, confirmation_tag, signer,
    /// signature&lt;V&gt;) and returns its bytes, copied.</summary>
    internal static byte[] GroupInfo(ref MlsReader reader)
    {
        ReadOnlySpan<byte> start = reader.Remaining;
        KeySchedule.GroupContext.Decode(ref reader);
        reader.ReadOpaque("extensions");
        reader.ReadOpaque("confirmation_tag");
        reader.ReadUInt32("signer");
        reader.ReadOpaque("signature");
        return start[..(start.Length - reader.Remaining.Length)].ToArray();
    }

    /// <summary>Reads one LeafNode and returns its bytes, copied.</summary>
    internal static byte[] LeafNode(ref MlsReader reader)
    {
        ReadOnlySpan<byte> start = reader.Remaining;
        SkipLeafNode(ref reader);
        return start[..(start.Length - reader.Remaining.Length)].ToArray();
    }

    /// <summary>Reads one PreSharedKeyID and returns its bytes, copied.</summary>
    internal static byte[] PreSharedKeyId(ref MlsReader reader)
    {
        ReadOnlySpan<byte> start = reader.Remaining;
        switch (reader.ReadUInt8("psktype"))
        {
            case 1: // external
                reader.ReadOpaque("psk_id");
                break;
            case 2: // resumption
                reader.ReadUInt8("usage");
                reader.ReadOpaque("psk_group_id");
                reader.ReadUInt64("psk_epoch");
                break;
            default:
                MlsThrowHelper.Decode(MlsError.InvalidValue, "psktype");
                break;
        }
        reader.ReadOpaque("psk_nonce");
        return start[..(start.Length - reader.Remaining.Length)].ToArray();
    }

    private static void SkipLeafNode(ref MlsReader reader)
    {
        reader.ReadOpaque("encryption_key");
        reader.ReadOpaque("signature_key");
        switch (reader.ReadUInt16("credential_type"))
        {
            case 1: // basic: opaque identity<V>
                reader.ReadOpaque("identity");
                break;
            case 2: // x509: Certificate certificates<V>
                reader.ReadOpaque("certificates");
                break;
            default:
                MlsThrowHelper.Decode(MlsError.InvalidValue, "credential_type");
                break;
        }
        // Capabilities: versions, cipher_suites, extensions, proposals, credentials.
        for (int i = 0; i < 5; i++) reader.ReadOpaque("capabilities");
        switch (reader.ReadUInt8("leaf_node_source"))
        {
            case 1: // key_package: Lifetime { uint64 not_before; uint64 not_after; }
                reader.ReadUInt64("not_before");
                reader.ReadUInt64("not_after");
                break;
            case 2: // update
                break;
            case 3: // commit
                reader.ReadOpaque("parent_hash");
                break;
            default:
                MlsThrowHelper.Decode(MlsError.InvalidValue, "leaf_node_source");
                break;
        }
        reader.ReadOpaque("extensions");
        reader.ReadOpaque("signature");
    }
}
