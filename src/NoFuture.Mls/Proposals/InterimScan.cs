// Interim: walks the encodings of PreSharedKeyID (§8.4), Welcome (§12.4.3.1) and GroupInfo (§12.4.3) without typing
// them, so that PreSharedKey and the Welcome/GroupInfo bodies of MLSMessage can carry the exact bytes read (an opaque
// view) until the typed structures of the key-package work are merged. None of these bodies has a length prefix, so
// the only way to find where one ends is to follow its fields; a select() discriminator this walk does not know is
// InvalidValue, as it would be for the typed decoder. Replaced by the typed structures when they land (docs/mls.md).
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Proposals;

internal static class InterimScan
{
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

}
