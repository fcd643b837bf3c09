// RFC 9420 §6.2: a PublicMessage is FramedContent, its FramedContentAuthData (the §6.1 signature over FramedContentTBS
// with wire_format = mls_public_message) and, for a member sender, the membership tag:
//   struct { FramedContentTBS content_tbs; FramedContentAuthData auth; } AuthenticatedContentTBM;
//   membership_tag = MAC(membership_key, AuthenticatedContentTBM)
// MAC is Crypto/MlsMac (HMAC with the suite's KDF hash, §5.1), which compares in constant time; membership_key never
// leaves its Secret except into a lease for the one MAC.
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Crypto;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Framing;

/// <summary>Protects and unprotects PublicMessage (RFC 9420 §6.2).</summary>
internal static class PublicMessageProtection
{
    /// <summary>Signs <paramref name="content"/> and, for a member sender, adds the membership tag.</summary>
    /// <param name="suite">The group's suite.</param>
    /// <param name="signingKey">The sender's signature key.</param>
    /// <param name="content">The content to send.</param>
    /// <param name="confirmationTag">The confirmation tag, exactly for a commit (§6.1).</param>
    /// <param name="context">The group context, exactly for a member or new_member_commit sender.</param>
    /// <param name="membershipKey">membership_key of the epoch, exactly for a member sender.</param>
    /// <exception cref="ArgumentException">An argument does not match the sender type or the content type.</exception>
    internal static UnverifiedPublicMessage Protect(MlsCipherSuite suite, SigningKey signingKey, FramedContent content,
        byte[]? confirmationTag, GroupContext? context, Secret? membershipKey)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(content);
        bool member = content.Sender.Type == SenderType.Member;
        if (member != (membershipKey is not null))
            MlsThrowHelper.ArgumentOutOfRange(nameof(membershipKey), "A membership key is used exactly for a member sender.");
        using Secret signContent = FramedContentSignature.EncodeSignContent(WireFormat.PublicMessage, content, context, out int tbsOffset);
        var auth = new FramedContentAuthData(FramedContentSignature.Sign(signingKey, signContent), confirmationTag);
        if ((content.ContentType == ContentType.Commit) != auth.HasConfirmationTag)
            MlsThrowHelper.ArgumentOutOfRange(nameof(confirmationTag), "A confirmation tag is given exactly for a commit.");
        byte[]? tag = null;
        if (member)
        {
            tag = new byte[suite.Kdf.HashSizeInBytes];
            using SecretReadLease tbs = signContent.OpenRead();
            using SecretReadLease key = membershipKey!.OpenRead();
            MlsMac.Compute(suite, key.Span, AuthenticatedContentTbm(tbs.Span[tbsOffset..], auth), tag);
        }
        return new UnverifiedPublicMessage(content, auth, tag);
    }

    /// <summary>Checks the membership tag (member sender) and the signature of <paramref name="message"/>; returns its
    /// verified authenticated content (the one way from a PublicMessage to <see cref="AuthenticatedContent"/>). The confirmation tag of a commit is not checked here (§8.2: it needs the next epoch).</summary>
    /// <param name="suite">The group's suite.</param>
    /// <param name="message">The received message.</param>
    /// <param name="context">The group context, exactly for a member or new_member_commit sender.</param>
    /// <param name="membershipKey">membership_key of the epoch, exactly for a member sender.</param>
    /// <param name="signaturePublicKey">The sender's imported signature key (from its leaf, or the external sender's).</param>
    /// <exception cref="MlsException"><see cref="MlsError.MembershipTagInvalid"/> or <see cref="MlsError.SignatureInvalid"/>.</exception>
    /// <exception cref="ArgumentException">An argument does not match the sender type, or the key is not of the suite's
    /// signature algorithm.</exception>
    internal static AuthenticatedContent Unprotect(MlsCipherSuite suite, UnverifiedPublicMessage message,
        GroupContext? context, Secret? membershipKey, SignaturePublicKey signaturePublicKey)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(message);
        bool member = message.Content.Sender.Type == SenderType.Member;
        if (member != (membershipKey is not null))
            MlsThrowHelper.ArgumentOutOfRange(nameof(membershipKey), "A membership key is used exactly for a member sender.");
        if (member)
        {
            // A PublicMessage is public (§6.2: application data never travels in one), so its TBM may be a heap array.
            byte[] tbm;
            using (Secret signContent = FramedContentSignature.EncodeSignContent(WireFormat.PublicMessage, message.Content, context, out int tbsOffset))
            using (SecretReadLease tbs = signContent.OpenRead())
                tbm = AuthenticatedContentTbm(tbs.Span[tbsOffset..], message.Auth);
            bool valid;
            using (SecretReadLease key = membershipKey!.OpenRead())
                valid = MlsMac.Verify(suite, key.Span, tbm, message.MembershipTag);
            if (!valid) MlsThrowHelper.Protection(MlsError.MembershipTagInvalid);
        }
        // §6.2: the tag first (cheap, keyed to the epoch), then the signature.
        return AuthenticatedContent.Verify(suite, new UnverifiedAuthenticatedContent(WireFormat.PublicMessage, message.Content,
            message.Auth), context, signaturePublicKey);
    }

    /// <summary>AuthenticatedContentTBM = FramedContentTBS || FramedContentAuthData (§6.2), the input of membership_tag =
    /// MAC(membership_key, AuthenticatedContentTBM).</summary>
    private static byte[] AuthenticatedContentTbm(ReadOnlySpan<byte> tbs, FramedContentAuthData auth)
    {
        byte[] tbm = new byte[tbs.Length + auth.EncodedSize];
        tbs.CopyTo(tbm);
        var writer = new MlsWriter(tbm.AsSpan(tbs.Length));
        // auth.Encode checks the tag against the content type; TBS already fixed it, so pass the matching type.
        auth.Encode(ref writer, auth.HasConfirmationTag ? ContentType.Commit : ContentType.Application);
        return tbm;
    }
}
