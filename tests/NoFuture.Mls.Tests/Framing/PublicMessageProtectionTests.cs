// RFC 9420 §6.1–§6.2 over every suite of message-protection.json: the given PublicMessages (proposal and commit) pass
// the membership tag and signature checks and carry the given content; our own protection of the same content is
// accepted by our own unprotection; a flipped bit in the tag, the signature or the content is refused; only the
// checks yield the verified AuthenticatedContent.
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Framing;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Tests.Framing;

public class PublicMessageProtectionTests
{
    private static UnverifiedPublicMessage DecodePublic(byte[] encoded)
    {
        MlsMessage message = MlsCodec.DecodeExact<MlsMessage>(encoded, "MLSMessage");
        Assert.Equal(WireFormat.PublicMessage, message.WireFormat);
        return message.PublicMessage!;
    }

    private static byte[] ContentBytes(FramedContent content) => content.ContentType switch
    {
        ContentType.Application => content.ApplicationData?.Read(0, static (span, _) => span.ToArray()) ?? [],
        ContentType.Proposal => MlsCodec.EncodeToArray(content.Proposal!),
        _ => MlsCodec.EncodeToArray(content.Commit!),
    };

    [Fact]
    public void EverySuite_UnprotectsGivenAndRoundTripsOwn()
    {
        int checks = 0;
        foreach (MessageProtectionVectors v in MessageProtectionVectors.Load())
        {
            using Secret membershipKey = v.SecretOf("membership_key");
            SignaturePublicKey signaturePub = v.SignaturePublicKey();
            using SigningKey signingKey = v.SigningKey();
            foreach (string kind in (string[])["proposal", "commit"])
            {
                string at = $"suite {v.Suite.Id} {kind}";
                UnverifiedPublicMessage given = DecodePublic(v.Hex(kind + "_pub"));
                Assert.Equal(SenderType.Member, given.Content.Sender.Type);
                AuthenticatedContent opened = PublicMessageProtection.Unprotect(v.Suite, given, v.Context, membershipKey, signaturePub);
                Assert.Equal(v.Hex(kind), ContentBytes(opened.Content));
                Assert.Equal(v.Context.GroupId.ToArray(), opened.Content.GroupId.ToArray());
                Assert.Equal(v.Context.Epoch, opened.Content.Epoch);

                // Ours: same content, fresh signature and tag; accepted, and carrying the same content.
                byte[]? confirmationTag = given.Auth.HasConfirmationTag ? given.Auth.ConfirmationTag.ToArray() : null;
                UnverifiedPublicMessage ours = PublicMessageProtection.Protect(v.Suite, signingKey, given.Content, confirmationTag, v.Context, membershipKey);
                byte[] wire = MlsCodec.EncodeToArray(new MlsMessage(GroupContext10, ours));
                AuthenticatedContent back = PublicMessageProtection.Unprotect(v.Suite, DecodePublic(wire), v.Context, membershipKey, signaturePub);
                Assert.Equal(v.Hex(kind), ContentBytes(back.Content));
                Assert.Equal(MlsCodec.EncodeToArray(given.Content), MlsCodec.EncodeToArray(back.Content));
                checks++;
            }
        }
        Assert.Equal(14, checks);
    }

    private const ushort GroupContext10 = 1;

    [Fact]
    public void FlippedBits_AreRefusedWithTheirReason()
    {
        int checks = 0;
        foreach (MessageProtectionVectors v in MessageProtectionVectors.Load())
        {
            using Secret membershipKey = v.SecretOf("membership_key");
            SignaturePublicKey signaturePub = v.SignaturePublicKey();
            foreach (string kind in (string[])["proposal", "commit"])
            {
                byte[] wire = v.Hex(kind + "_pub");
                UnverifiedPublicMessage given = DecodePublic(wire);

                // The last byte of a member's PublicMessage is the last byte of its membership tag.
                byte[] badTag = (byte[])wire.Clone();
                badTag[^1] ^= 0x01;
                var e = Assert.Throws<MlsException>(() =>
                    PublicMessageProtection.Unprotect(v.Suite, DecodePublic(badTag), v.Context, membershipKey, signaturePub));
                Assert.Equal(MlsError.MembershipTagInvalid, e.Error);

                // A bad signature under a correct tag: re-tag a message whose signature was flipped.
                byte[] sig = given.Auth.Signature.ToArray();
                sig[0] ^= 0x80;
                var badAuth = new FramedContentAuthData(sig, given.Auth.HasConfirmationTag ? given.Auth.ConfirmationTag.ToArray() : null);
                var retagged = new UnverifiedPublicMessage(given.Content, badAuth, Retag(v, membershipKey, given.Content, badAuth));
                e = Assert.Throws<MlsException>(() =>
                    PublicMessageProtection.Unprotect(v.Suite, retagged, v.Context, membershipKey, signaturePub));
                Assert.Equal(MlsError.SignatureInvalid, e.Error);

                // The wrong group context (another epoch) changes FramedContentTBS: the tag no longer matches.
                var otherEpoch = new GroupContext(1, v.Suite.Id, v.Context.GroupId, v.Context.Epoch + 1,
                    v.Context.TreeHash, v.Context.ConfirmedTranscriptHash, v.Context.Extensions);
                e = Assert.Throws<MlsException>(() =>
                    PublicMessageProtection.Unprotect(v.Suite, given, otherEpoch, membershipKey, signaturePub));
                Assert.Equal(MlsError.MembershipTagInvalid, e.Error);

                // Every single-bit flip after the MLSMessage header (whose version is the receiver's §6.2 check, not
                // part of the protected message) is refused, by the decoder, the tag or the signature.
                for (int i = MlsMessageHeader.Size; i < wire.Length; i++)
                {
                    byte[] bad = (byte[])wire.Clone();
                    bad[i] ^= (byte)(1 << (i % 8));
                    Assert.Throws<MlsException>(() =>
                        PublicMessageProtection.Unprotect(v.Suite, DecodePublic(bad), v.Context, membershipKey, signaturePub));
                    checks++;
                }
            }
        }
        Assert.True(checks > 0);
    }

    [Fact]
    public void VerifiedContent_NeedsTheSendersKey()
    {
        MessageProtectionVectors v = MessageProtectionVectors.Load()[0];
        using Secret membershipKey = v.SecretOf("membership_key");
        UnverifiedPublicMessage given = DecodePublic(v.Hex("proposal_pub"));
        // A valid tag but another member's key: SignatureInvalid, no verified content.
        using SigningKey other = v.Suite.Signature.GenerateKey();
        SignaturePublicKey otherPub = v.Suite.Signature.ImportPublicKey(other.PublicKey);
        var e = Assert.Throws<MlsException>(() =>
            PublicMessageProtection.Unprotect(v.Suite, given, v.Context, membershipKey, otherPub));
        Assert.Equal(MlsError.SignatureInvalid, e.Error);
        // A key of another algorithm is the caller's mistake.
        SignatureAlgorithm otherAlgorithm = v.Suite.Signature == SignatureAlgorithm.Ed25519 ? SignatureAlgorithm.Ed448 : SignatureAlgorithm.Ed25519;
        using SigningKey wrongAlgorithm = otherAlgorithm.GenerateKey();
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PublicMessageProtection.Unprotect(v.Suite, given, v.Context, membershipKey, otherAlgorithm.ImportPublicKey(wrongAlgorithm.PublicKey)));
        // The unverified form of the same content verifies only through AuthenticatedContent.Verify.
        var unverified = new UnverifiedAuthenticatedContent(WireFormat.PublicMessage, given.Content, given.Auth);
        AuthenticatedContent verified = AuthenticatedContent.Verify(v.Suite, unverified, v.Context, v.SignaturePublicKey());
        Assert.Equal(WireFormat.PublicMessage, verified.WireFormat);
        e = Assert.Throws<MlsException>(() => AuthenticatedContent.Verify(v.Suite, unverified, v.Context, otherPub));
        Assert.Equal(MlsError.SignatureInvalid, e.Error);
    }

    private static byte[] Retag(MessageProtectionVectors v, Secret membershipKey, FramedContent content, FramedContentAuthData auth)
    {
        byte[] tbs;
        using (Secret signContent = FramedContentSignature.EncodeSignContent(WireFormat.PublicMessage, content, v.Context, out int offset))
            tbs = signContent.Read(offset, static (span, o) => span[o..].ToArray());
        byte[] tbm = [.. tbs, .. EncodeAuth(auth, content.ContentType)];
        byte[] tag = new byte[v.Suite.Kdf.HashSizeInBytes];
        using SecretReadLease key = membershipKey.OpenRead();
        // HMAC(key, data) = HKDF-Extract(salt = key, ikm = data) (RFC 5869 §2.2).
        v.Suite.Kdf.Extract(tbm, key.Span, tag);
        return tag;
    }

    private static byte[] EncodeAuth(FramedContentAuthData auth, ContentType type)
    {
        byte[] bytes = new byte[auth.EncodedSize];
        var writer = new MlsWriter(bytes);
        auth.Encode(ref writer, type);
        return bytes;
    }
}
