// RFC 9420 §6.1:
//   struct {
//       ProtocolVersion version = mls10;
//       WireFormat wire_format;
//       FramedContent content;
//       select (FramedContentTBS.content.sender.sender_type) {
//           case member:
//           case new_member_commit:   GroupContext context;
//           case external:
//           case new_member_proposal: struct{};
//       };
//   } FramedContentTBS;
//   signature = SignWithLabel(signature_key, "FramedContentTBS", FramedContentTBS)
// The wire format is part of what is signed, so a public message's content cannot be replayed as private content or
// the other way round. The TBS of application content holds the user's plaintext, so SignContent (§5.1.2: the labeled
// input that is actually signed) is built straight into a NoFuture.Memory Secret, never a heap array; the signature
// key stays in its SigningKey and the signature is public.
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Framing;

/// <summary>FramedContentTBS and its signature (RFC 9420 §6.1).</summary>
internal static class FramedContentSignature
{
    /// <summary>Whether FramedContentTBS carries the group context for this sender (member or new_member_commit).</summary>
    internal static bool NeedsContext(SenderType type) => type is SenderType.Member or SenderType.NewMemberCommit;

    private static ReadOnlySpan<byte> Label => "MLS 1.0 FramedContentTBS"u8;

    /// <summary>Encodes SignContent = { opaque label&lt;V&gt; = "MLS 1.0 FramedContentTBS"; opaque content&lt;V&gt; =
    /// FramedContentTBS } (§5.1.2) into a <see cref="Secret"/>: the TBS holds application data, so it is never built on
    /// the heap. FramedContentTBS itself starts at <paramref name="tbsOffset"/>. <paramref name="context"/> is given
    /// exactly when the sender needs it.</summary>
    /// <exception cref="ArgumentException">The context is missing or extra.</exception>
    internal static Secret EncodeSignContent(WireFormat wireFormat, FramedContent content, GroupContext? context, out int tbsOffset)
    {
        int total = SignContentSize(content, context, out tbsOffset);
        Secret signContent = Secret.Allocate(total);
        try
        {
            using SecretWriteLease w = signContent.OpenWrite();
            WriteSignContent(w.Span, wireFormat, content, context);
            return signContent;
        }
        catch
        {
            signContent.Dispose();
            throw;
        }
    }

    /// <summary>The size of SignContent (see <see cref="EncodeSignContent"/>); FramedContentTBS starts at
    /// <paramref name="tbsOffset"/>.</summary>
    /// <exception cref="ArgumentException">The context is missing or extra.</exception>
    internal static int SignContentSize(FramedContent content, GroupContext? context, out int tbsOffset)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (NeedsContext(content.Sender.Type) != (context is not null))
            MlsThrowHelper.ArgumentOutOfRange(nameof(context), "The group context is signed exactly for a member or new_member_commit sender.");
        int tbsLength = 2 + 2 + content.EncodedSize + (context?.EncodedSize ?? 0);
        int total = MlsWriter.OpaqueSize(Label.Length) + MlsWriter.OpaqueSize(tbsLength);
        tbsOffset = total - tbsLength;
        return total;
    }

    /// <summary>Writes SignContent into the start of <paramref name="destination"/> (secret memory: it holds the
    /// application data); returns its size.</summary>
    /// <exception cref="ArgumentException">The context is missing or extra, or the destination is too small.</exception>
    internal static int WriteSignContent(Span<byte> destination, WireFormat wireFormat, FramedContent content, GroupContext? context)
    {
        int total = SignContentSize(content, context, out int tbsOffset);
        int tbsLength = total - tbsOffset;
        var writer = new MlsWriter(destination[..total]);
        writer.WriteOpaque(Label, "label");
        writer.WriteLength(tbsLength, "FramedContentTBS");
        writer.WriteUInt16(GroupContext.Mls10);
        MlsCodec.WriteEnum16(ref writer, wireFormat);
        content.Encode(ref writer);
        context?.Encode(ref writer);
        return total;
    }

    /// <summary>SignWithLabel(key, "FramedContentTBS", FramedContentTBS) over a SignContent from
    /// <see cref="EncodeSignContent"/>; the signature is public.</summary>
    internal static byte[] Sign(SigningKey key, Secret signContent)
    {
        ArgumentNullException.ThrowIfNull(signContent);
        using SecretReadLease lease = signContent.OpenRead();
        return Sign(key, lease.Span);
    }

    /// <summary>The same over SignContent written by <see cref="WriteSignContent"/> into secret memory.</summary>
    internal static byte[] Sign(SigningKey key, ReadOnlySpan<byte> signContent)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] signature = new byte[key.Algorithm.SignatureSizeInBytes];
        int length = key.Sign(signContent, signature);
        return length == signature.Length ? signature : signature[..length];
    }

    /// <summary>An upper bound of SignContent's size for a PrivateMessage's content (a member sender, so with the
    /// context) decrypted from <paramref name="plaintextLength"/> bytes: the body (application data, proposal or commit)
    /// is part of the plaintext, so its encoding is at most that long. <see cref="int.MaxValue"/> if it does not fit.</summary>
    internal static int MaxPrivateSignContentSize(int groupIdLength, int authenticatedDataLength, int plaintextLength,
        GroupContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long framed = (long)MlsWriter.OpaqueSize(groupIdLength) + 8 + new Sender(SenderType.Member).EncodedSize
            + MlsWriter.OpaqueSize(authenticatedDataLength) + 1 + plaintextLength;
        long tbs = 2 + 2 + framed + context.EncodedSize;
        if (tbs > VarInt.MaxValue) return int.MaxValue;
        long total = MlsWriter.OpaqueSize(Label.Length) + MlsWriter.OpaqueSize((int)tbs);
        return total > int.MaxValue ? int.MaxValue : (int)total;
    }

    /// <summary>VerifyWithLabel over FramedContentTBS with the sender's imported key; false for any bad signature.
    /// <see cref="AuthenticatedContent.Verify"/> is the way to turn the answer into verified content. SignContent is
    /// built in <paramref name="scratch"/> when it is large enough (the caller's working secret, which it wipes), else in
    /// a new <see cref="Secret"/>: a large application message then costs no further secret allocation.</summary>
    internal static bool Verify(SignaturePublicKey signaturePublicKey, WireFormat wireFormat, FramedContent content,
        GroupContext? context, ReadOnlySpan<byte> signature, Secret? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(signaturePublicKey);
        int size = SignContentSize(content, context, out _);
        if (scratch is not null && scratch.Length >= size)
        {
            using SecretWriteLease w = scratch.OpenWrite();
            int written = WriteSignContent(w.Span, wireFormat, content, context);
            return signaturePublicKey.Verify(w.Span[..written], signature);
        }
        using Secret signContent = EncodeSignContent(wireFormat, content, context, out _);
        using SecretReadLease lease = signContent.OpenRead();
        return signaturePublicKey.Verify(lease.Span, signature);
    }
}
