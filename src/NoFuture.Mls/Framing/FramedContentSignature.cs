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
// the other way round. Everything here is public (the signature key stays in its SigningKey).
using NoFuture.Crypto;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Crypto;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Framing;

/// <summary>FramedContentTBS and its signature (RFC 9420 §6.1).</summary>
internal static class FramedContentSignature
{
    /// <summary>Whether FramedContentTBS carries the group context for this sender (member or new_member_commit).</summary>
    internal static bool NeedsContext(SenderType type) => type is SenderType.Member or SenderType.NewMemberCommit;

    /// <summary>Encodes FramedContentTBS; <paramref name="context"/> is given exactly when the sender needs it.</summary>
    /// <exception cref="ArgumentException">The context is missing or extra.</exception>
    internal static byte[] EncodeTbs(WireFormat wireFormat, FramedContent content, GroupContext? context)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (NeedsContext(content.Sender.Type) != (context is not null))
            MlsThrowHelper.ArgumentOutOfRange(nameof(context), "The group context is signed exactly for a member or new_member_commit sender.");
        byte[] tbs = new byte[2 + 2 + content.EncodedSize + (context?.EncodedSize ?? 0)];
        var writer = new MlsWriter(tbs);
        writer.WriteUInt16(GroupContext.Mls10);
        MlsCodec.WriteEnum16(ref writer, wireFormat);
        content.Encode(ref writer);
        context?.Encode(ref writer);
        return tbs;
    }

    /// <summary>SignWithLabel(key, "FramedContentTBS", tbs).</summary>
    internal static byte[] Sign(SigningKey key, ReadOnlySpan<byte> tbs)
    {
        ArgumentNullException.ThrowIfNull(key);
        return LabeledSignature.SignWithLabel(key, "FramedContentTBS"u8, tbs);
    }

    /// <summary>VerifyWithLabel over FramedContentTBS with the sender's imported key; false for any bad signature.
    /// <see cref="AuthenticatedContent.Verify"/> is the way to turn the answer into verified content.</summary>
    internal static bool Verify(SignaturePublicKey signaturePublicKey, WireFormat wireFormat, FramedContent content,
        GroupContext? context, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(signaturePublicKey);
        byte[] tbs = EncodeTbs(wireFormat, content, context);
        return LabeledSignature.VerifyWithLabel(signaturePublicKey, "FramedContentTBS"u8, tbs, signature);
    }
}
