// RFC 9420 §6.2:
//   struct {
//       FramedContent content;
//       FramedContentAuthData auth;
//       select (PublicMessage.content.sender.sender_type) {
//           case member: MAC membership_tag;   // MAC = opaque<V>
//           case external:
//           case new_member_commit:
//           case new_member_proposal: struct{};
//       };
//   } PublicMessage;
// Unverified: neither the membership tag (a MAC under the epoch's membership_key) nor the signature has been checked
// (docs/mls.md, "Decoded is not validated"); the verified form comes only from those checks.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Framing;

internal sealed class UnverifiedPublicMessage : IMlsEncodable<UnverifiedPublicMessage>
{
    private readonly byte[]? _membershipTag;

    /// <summary>A public message; <paramref name="membershipTag"/> is given exactly for a member sender.</summary>
    internal UnverifiedPublicMessage(FramedContent content, FramedContentAuthData auth, byte[]? membershipTag)
    {
        if ((content.ContentType == ContentType.Commit) != auth.HasConfirmationTag)
            MlsThrowHelper.ArgumentOutOfRange(nameof(auth), "The auth data does not match the content type.");
        if ((content.Sender.Type == SenderType.Member) != (membershipTag is not null))
            MlsThrowHelper.ArgumentOutOfRange(nameof(membershipTag), "A membership tag is present exactly for a member sender.");
        Content = content;
        Auth = auth;
        _membershipTag = membershipTag;
    }

    internal FramedContent Content { get; }

    internal FramedContentAuthData Auth { get; }

    /// <summary>membership_tag for a member sender; empty otherwise.</summary>
    internal ReadOnlySpan<byte> MembershipTag => _membershipTag;

    public int EncodedSize =>
        Content.EncodedSize + Auth.EncodedSize + (_membershipTag is null ? 0 : MlsWriter.OpaqueSize(_membershipTag.Length));

    public static UnverifiedPublicMessage Decode(scoped ref MlsReader reader)
    {
        FramedContent content = FramedContent.Decode(ref reader);
        FramedContentAuthData auth = FramedContentAuthData.Decode(ref reader, content.ContentType);
        byte[]? tag = content.Sender.Type == SenderType.Member ? reader.ReadOpaque("membership_tag").ToArray() : null;
        return new UnverifiedPublicMessage(content, auth, tag);
    }

    public void Encode(ref MlsWriter writer)
    {
        Content.Encode(ref writer);
        Auth.Encode(ref writer, Content.ContentType);
        if (_membershipTag is not null) writer.WriteOpaque(_membershipTag, "membership_tag");
    }
}
