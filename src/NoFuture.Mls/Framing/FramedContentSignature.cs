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
        ArgumentNullException.ThrowIfNull(content);
        if (NeedsContext(content.Sender.Type) != (context is not null))
            MlsThrowHelper.ArgumentOutOfRange(nameof(context), "The group context is signed exactly for a member or new_member_commit sender.");
        int tbsLength = 2 + 2 + content.EncodedSize + (context?.EncodedSize ?? 0);
        int labelSize = MlsWriter.OpaqueSize(Label.Length);
        int total = labelSize + MlsWriter.OpaqueSize(tbsLength);
        tbsOffset = total - tbsLength;
        Secret signContent = Secret.Allocate(total);
        try
        {
            using SecretWriteLease w = signContent.OpenWrite();
            var writer = new MlsWriter(w.Span);
            writer.WriteOpaque(Label, "label");
            writer.WriteLength(tbsLength, "FramedContentTBS");
            writer.WriteUInt16(GroupContext.Mls10);
            MlsCodec.WriteEnum16(ref writer, wireFormat);
            content.Encode(ref writer);
            context?.Encode(ref writer);
            return signContent;
        }
        catch
        {
            signContent.Dispose();
            throw;
        }
    }

    /// <summary>SignWithLabel(key, "FramedContentTBS", FramedContentTBS) over a SignContent from
    /// <see cref="EncodeSignContent"/>; the signature is public.</summary>
    internal static byte[] Sign(SigningKey key, Secret signContent)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(signContent);
        byte[] signature = new byte[key.Algorithm.SignatureSizeInBytes];
        int length;
        using (SecretReadLease lease = signContent.OpenRead())
            length = key.Sign(lease.Span, signature);
        return length == signature.Length ? signature : signature[..length];
    }

    /// <summary>VerifyWithLabel over FramedContentTBS with the sender's imported key; false for any bad signature.
    /// <see cref="AuthenticatedContent.Verify"/> is the way to turn the answer into verified content.</summary>
    internal static bool Verify(SignaturePublicKey signaturePublicKey, WireFormat wireFormat, FramedContent content,
        GroupContext? context, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(signaturePublicKey);
        using Secret signContent = EncodeSignContent(wireFormat, content, context, out _);
        using SecretReadLease lease = signContent.OpenRead();
        return signaturePublicKey.Verify(lease.Span, signature);
    }
}
