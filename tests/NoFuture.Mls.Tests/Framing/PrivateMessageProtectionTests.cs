// RFC 9420 §6.3 over every suite of message-protection.json: the given PrivateMessages (proposal, commit, application)
// open under the secret tree of encryption_secret (two leaves, as in the mlswg generator) and sender_data_secret,
// carry the given content and a signature that verifies with the group context; our own protection (with padding)
// opens again; flipped bits are refused with the reason of the layer that catches them, and a refused sender data
// changes nothing.
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Framing;
using NoFuture.Mls.SecretTree;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Tests.Framing;

public class PrivateMessageProtectionTests
{
    private const uint LeafCount = 2;

    private static readonly string[] Kinds = ["proposal", "commit", "application"];

    private static PrivateMessage DecodePrivate(byte[] encoded)
    {
        MlsMessage message = MlsCodec.DecodeExact<MlsMessage>(encoded, "MLSMessage");
        Assert.Equal(WireFormat.PrivateMessage, message.WireFormat);
        return message.PrivateMessage!;
    }

    private static byte[] ContentBytes(FramedContent content) => content.ContentType switch
    {
        ContentType.Application => content.ApplicationData?.Read(0, static (span, _) => span.ToArray()) ?? [],
        ContentType.Proposal => MlsCodec.EncodeToArray(content.Proposal!),
        _ => MlsCodec.EncodeToArray(content.Commit!),
    };

    private static AuthenticatedContent Open(MessageProtectionVectors v, Secret senderDataSecret, PrivateMessage message)
    {
        using var tree = new EpochSecretTree(v.Suite, LeafCount, v.Hex("encryption_secret"));
        return Unprotect(v, tree, senderDataSecret, message);
    }

    /// <summary>Unprotect with the vectors' signature key at every leaf.</summary>
    private static AuthenticatedContent Unprotect(MessageProtectionVectors v, EpochSecretTree tree, Secret senderDataSecret,
        PrivateMessage message)
    {
        SignaturePublicKey key = v.SignaturePublicKey();
        return PrivateMessageProtection.Unprotect(v.Suite, tree, senderDataSecret, message, v.Context, _ => key);
    }

    [Fact]
    public void EverySuite_UnprotectsGivenAndRoundTripsOwn()
    {
        int checks = 0;
        foreach (MessageProtectionVectors v in MessageProtectionVectors.Load())
        {
            using Secret senderDataSecret = v.SecretOf("sender_data_secret");
            using SigningKey signingKey = v.SigningKey();
            foreach (string kind in Kinds)
            {
                string at = $"suite {v.Suite.Id} {kind}";
                AuthenticatedContent opened = Open(v, senderDataSecret, DecodePrivate(v.Hex(kind + "_priv")));
                Assert.Equal(v.Hex(kind), ContentBytes(opened.Content));
                Assert.Equal(SenderType.Member, opened.Content.Sender.Type);
                Assert.Equal(WireFormat.PrivateMessage, opened.WireFormat);

                // Ours, with padding, sealed under a sender's tree and opened under a receiver's.
                byte[]? confirmationTag = opened.Auth.HasConfirmationTag ? opened.Auth.ConfirmationTag.ToArray() : null;
                using var senderTree = new EpochSecretTree(v.Suite, LeafCount, v.Hex("encryption_secret"));
                PrivateMessage ours = PrivateMessageProtection.Protect(v.Suite, senderTree, senderDataSecret, signingKey,
                    opened.Content, confirmationTag, v.Context, MlsPaddingPolicy.FixedBlock(13));
                byte[] wire = MlsCodec.EncodeToArray(new MlsMessage(1, ours));
                AuthenticatedContent back = Open(v, senderDataSecret, DecodePrivate(wire));
                Assert.Equal(MlsCodec.EncodeToArray(opened.Content), MlsCodec.EncodeToArray(back.Content));
                Assert.Equal(confirmationTag, back.Auth.HasConfirmationTag ? back.Auth.ConfirmationTag.ToArray() : null);
                checks++;
            }
        }
        Assert.Equal(21, checks);
    }

    [Fact]
    public void FlippedBits_AreRefused_AndARefusedSenderDataChangesNothing()
    {
        foreach (MessageProtectionVectors v in MessageProtectionVectors.Load())
        {
            using Secret senderDataSecret = v.SecretOf("sender_data_secret");
            foreach (string kind in Kinds)
            {
                byte[] wire = v.Hex(kind + "_priv");
                PrivateMessage given = DecodePrivate(wire);
                using var tree = new EpochSecretTree(v.Suite, LeafCount, v.Hex("encryption_secret"));

                // Sender data flipped: refused before any ratchet key is taken...
                byte[] esd = given.EncryptedSenderData.ToArray();
                esd[0] ^= 0x01;
                var e = Assert.Throws<MlsException>(() => Unprotect(v, tree, senderDataSecret,
                    new PrivateMessage(given.GroupId, given.Epoch, given.ContentType, given.AuthenticatedData, esd, given.Ciphertext)));
                Assert.Equal(MlsError.SenderDataDecryptionFailed, e.Error);

                // ... and another epoch (in SenderDataAAD) likewise.
                e = Assert.Throws<MlsException>(() => Unprotect(v, tree, senderDataSecret,
                    new PrivateMessage(given.GroupId, given.Epoch + 1, given.ContentType, given.AuthenticatedData,
                        given.EncryptedSenderData, given.Ciphertext)));
                Assert.Equal(MlsError.SenderDataDecryptionFailed, e.Error);

                // So the genuine message still opens on the same tree; a replay of it is then refused.
                Unprotect(v, tree, senderDataSecret, given);
                e = Assert.Throws<MlsException>(() => Unprotect(v, tree, senderDataSecret, given));
                Assert.Equal(MlsError.GenerationReused, e.Error);

                // authenticated_data is only in PrivateContentAAD: the sender data opens, the content does not.
                e = Assert.Throws<MlsException>(() => Open(v, senderDataSecret,
                    new PrivateMessage(given.GroupId, given.Epoch, given.ContentType, [.. given.AuthenticatedData, 0x00],
                        given.EncryptedSenderData, given.Ciphertext)));
                Assert.Equal(MlsError.ContentDecryptionFailed, e.Error);

                // The content's tag (past the ciphertext sample, so the sender data still opens).
                byte[] ct = given.Ciphertext.ToArray();
                Assert.True(ct.Length > v.Suite.Kdf.HashSizeInBytes);
                ct[^1] ^= 0x80;
                e = Assert.Throws<MlsException>(() => Open(v, senderDataSecret,
                    new PrivateMessage(given.GroupId, given.Epoch, given.ContentType, given.AuthenticatedData, given.EncryptedSenderData, ct)));
                Assert.Equal(MlsError.ContentDecryptionFailed, e.Error);

                // Every single-bit flip after the MLSMessage header is refused (decoder, sender data or content).
                for (int i = MlsMessageHeader.Size; i < wire.Length; i++)
                {
                    byte[] bad = (byte[])wire.Clone();
                    bad[i] ^= (byte)(1 << (i % 8));
                    Assert.Throws<MlsException>(() => Open(v, senderDataSecret, DecodePrivate(bad)));
                }
            }
        }
    }

    [Fact]
    public void ForgedSignature_IsRefusedAfterDecryption_AndOnlyTheSendersKeyVerifies()
    {
        MessageProtectionVectors v = MessageProtectionVectors.Load()[0];
        using Secret senderDataSecret = v.SecretOf("sender_data_secret");
        AuthenticatedContent opened = Open(v, senderDataSecret, DecodePrivate(v.Hex("application_priv")));
        // Sealed correctly but signed by another key: the AEAD accepts it, the signature check does not.
        using SigningKey other = v.Suite.Signature.GenerateKey();
        SignaturePublicKey otherPub = v.Suite.Signature.ImportPublicKey(other.PublicKey);
        using var senderTree = new EpochSecretTree(v.Suite, LeafCount, v.Hex("encryption_secret"));
        PrivateMessage forged = PrivateMessageProtection.Protect(v.Suite, senderTree, senderDataSecret, other, opened.Content, null, v.Context);
        var e = Assert.Throws<MlsException>(() => Open(v, senderDataSecret, forged));
        Assert.Equal(MlsError.SignatureInvalid, e.Error);
        // The genuine message checked against another member's key is refused likewise, and a blank leaf is InvalidValue.
        PrivateMessage given = DecodePrivate(v.Hex("application_priv"));
        using (var tree = new EpochSecretTree(v.Suite, LeafCount, v.Hex("encryption_secret")))
        {
            e = Assert.Throws<MlsException>(() => PrivateMessageProtection.Unprotect(v.Suite, tree, senderDataSecret, given,
                v.Context, _ => otherPub));
            Assert.Equal(MlsError.SignatureInvalid, e.Error);
        }
        using (var tree = new EpochSecretTree(v.Suite, LeafCount, v.Hex("encryption_secret")))
        {
            e = Assert.Throws<MlsException>(() => PrivateMessageProtection.Unprotect(v.Suite, tree, senderDataSecret, given,
                v.Context, _ => null));
            Assert.Equal(MlsError.InvalidValue, e.Error);
        }
        // And the same content signed for a private message does not pass as public content (wire_format is signed).
        var asPublic = new UnverifiedAuthenticatedContent(WireFormat.PublicMessage, opened.Content, opened.Auth);
        e = Assert.Throws<MlsException>(() => AuthenticatedContent.Verify(v.Suite, asPublic, v.Context, v.SignaturePublicKey()));
        Assert.Equal(MlsError.SignatureInvalid, e.Error);
    }

    [Fact]
    public void ForgedContent_DoesNotConsumeTheGenuineGeneration()
    {
        foreach (MessageProtectionVectors v in MessageProtectionVectors.Load())
        {
            using Secret senderDataSecret = v.SecretOf("sender_data_secret");
            foreach (string kind in Kinds)
            {
                PrivateMessage given = DecodePrivate(v.Hex(kind + "_priv"));
                using var tree = new EpochSecretTree(v.Suite, LeafCount, v.Hex("encryption_secret"));
                // Same sender data (so the same leaf and generation), content tag flipped: the AEAD refuses it...
                byte[] ct = given.Ciphertext.ToArray();
                ct[^1] ^= 0x80;
                var forged = new PrivateMessage(given.GroupId, given.Epoch, given.ContentType, given.AuthenticatedData,
                    given.EncryptedSenderData, ct);
                var e = Assert.Throws<MlsException>(() => Unprotect(v, tree, senderDataSecret, forged));
                Assert.Equal(MlsError.ContentDecryptionFailed, e.Error);
                // ... and a second forgery is refused for the same reason (the key is still there, not "reused")...
                e = Assert.Throws<MlsException>(() => Unprotect(v, tree, senderDataSecret, forged));
                Assert.Equal(MlsError.ContentDecryptionFailed, e.Error);
                // ... so the genuine message of that generation still opens, and then its replay is refused.
                AuthenticatedContent opened = Unprotect(v, tree, senderDataSecret, given);
                Assert.Equal(v.Hex(kind), ContentBytes(opened.Content));
                e = Assert.Throws<MlsException>(() => Unprotect(v, tree, senderDataSecret, given));
                Assert.Equal(MlsError.GenerationReused, e.Error);
            }
        }
    }

    [Fact]
    public void ReceivedApplicationData_IsASecret_WipedWithTheVerifiedContent()
    {
        foreach (MessageProtectionVectors v in MessageProtectionVectors.Load())
        {
            using Secret senderDataSecret = v.SecretOf("sender_data_secret");
            AuthenticatedContent opened = Open(v, senderDataSecret, DecodePrivate(v.Hex("application_priv")));
            Secret data = Assert.IsType<Secret>(opened.ApplicationData);
            Assert.Same(data, opened.Content.ApplicationData);
            Assert.True(data.FixedTimeEquals(v.Hex("application")));
            opened.Dispose();
            Assert.True(data.IsDisposed);
            Assert.Throws<ObjectDisposedException>(() => data.OpenRead().Dispose());
            opened.Dispose(); // idempotent
        }
    }

    [Fact]
    public void SenderApplicationData_IsASecret_AndSignContentIsTheLabeledTbs()
    {
        MessageProtectionVectors v = MessageProtectionVectors.Load()[0];
        byte[] app = v.Hex("application");
        using var content = FramedContent.ForApplication(v.Context.GroupId, v.Context.Epoch, new Sender(SenderType.Member, 1), [], app);
        Assert.True(Assert.IsType<Secret>(content.ApplicationData).FixedTimeEquals(app));
        // SignContent = opaque label<V> || opaque content<V>: the TBS slice is version, wire format, then the content.
        using Secret signContent = FramedContentSignature.EncodeSignContent(WireFormat.PrivateMessage, content, v.Context, out int offset);
        byte[] bytes = signContent.Read(0, static (span, _) => span.ToArray());
        byte[] label = "MLS 1.0 FramedContentTBS"u8.ToArray();
        Assert.Equal([(byte)label.Length, .. label], bytes[..(label.Length + 1)]);
        Assert.Equal([0x00, 0x01, 0x00, (byte)WireFormat.PrivateMessage, .. MlsCodec.EncodeToArray(content), .. MlsCodec.EncodeToArray(v.Context)],
            bytes[offset..]);
        // An empty application message has no Secret, and still round-trips.
        using var empty = FramedContent.ForApplication(v.Context.GroupId, v.Context.Epoch, new Sender(SenderType.Member, 1), [], []);
        Assert.Null(empty.ApplicationData);
        Assert.Equal(0, empty.ApplicationDataLength);
        using SigningKey key = v.SigningKey();
        using var senderTree = new EpochSecretTree(v.Suite, LeafCount, v.Hex("encryption_secret"));
        using Secret senderDataSecret = v.SecretOf("sender_data_secret");
        using AuthenticatedContent back = Open(v, senderDataSecret,
            PrivateMessageProtection.Protect(v.Suite, senderTree, senderDataSecret, key, empty, null, v.Context));
        Assert.Null(back.ApplicationData);
        Assert.Equal(ContentType.Application, back.Content.ContentType);
    }
}
