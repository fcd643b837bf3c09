// RFC 9420 §6.3: a PrivateMessage seals PrivateMessageContent (content, FramedContentAuthData, zero padding) and then
// the SenderData that says whose ratchet key sealed it.
//   §6.3.1: key, nonce = the secret tree's handshake (proposal, commit) or application ratchet of the sender's leaf at
//           generation; nonce[0..3] ^= reuse_guard;
//           struct { opaque group_id<V>; uint64 epoch; ContentType content_type; opaque authenticated_data<V>; }
//           PrivateContentAAD;  ciphertext = AEAD.Seal(key, nonce, PrivateContentAAD, PrivateMessageContent)
//   §6.3.2: sender_data_key/nonce from sender_data_secret and the ciphertext sample (SecretTree.SenderDataKeys);
//           struct { opaque group_id<V>; uint64 epoch; ContentType content_type; } SenderDataAAD;
//           encrypted_sender_data = AEAD.Seal(sender_data_key, sender_data_nonce, SenderDataAAD, SenderData)
// The signature inside is over FramedContentTBS with wire_format = mls_private_message (§6.1); the receiver checks it
// (AuthenticatedContent.Verify) with the key of the sender's leaf. The application data is the user's: it is read from
// the content's Secret, signed from a Secret SignContent, sealed from a Secret plaintext, and on receipt copied from the
// Secret plaintext into the returned content's own Secret; it is never in a heap array. The keys live in the secret
// tree's Secrets, the nonce on wiped stack scratch.
// An AEAD open failure is a refusal of the peer's message: MlsException with SenderDataDecryptionFailed or
// ContentDecryptionFailed (docs/mls-crypto.md, "Message protection").
using System.Buffers.Binary;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.SecretTree;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Framing;

/// <summary>Protects and unprotects PrivateMessage (RFC 9420 §6.3).</summary>
internal static class PrivateMessageProtection
{
    private const int MaxNonceSize = 32;

    /// <summary>Signs and seals <paramref name="content"/> (a member sender) under the next generation of its leaf's
    /// ratchet.</summary>
    /// <param name="suite">The group's suite.</param>
    /// <param name="tree">The epoch's secret tree.</param>
    /// <param name="senderDataSecret">sender_data_secret of the epoch.</param>
    /// <param name="signingKey">The sender's signature key.</param>
    /// <param name="content">The content; its sender is a member (§6.3).</param>
    /// <param name="confirmationTag">The confirmation tag, exactly for a commit.</param>
    /// <param name="context">The group context (signed in FramedContentTBS).</param>
    /// <param name="padding">How much zero padding to append to the plaintext (§6.3.1), to hide the content's length;
    /// <see cref="MlsPaddingPolicy.None"/> when null.</param>
    /// <param name="reuseGuard">reuse_guard; random when null (§6.3.1 asks for fresh randomness).</param>
    /// <exception cref="ArgumentException">The sender is not a member, or an argument does not match the content.</exception>
    internal static PrivateMessage Protect(MlsCipherSuite suite, EpochSecretTree tree, Secret senderDataSecret,
        SigningKey signingKey, FramedContent content, byte[]? confirmationTag, GroupContext context,
        MlsPaddingPolicy? padding = null, uint? reuseGuard = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(senderDataSecret);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(context);
        if (content.Sender.Type != SenderType.Member)
            MlsThrowHelper.ArgumentOutOfRange(nameof(content), "A private message has a member sender (RFC 9420 section 6.3).");
        if ((content.ContentType == ContentType.Commit) != (confirmationTag is not null))
            MlsThrowHelper.ArgumentOutOfRange(nameof(confirmationTag), "A confirmation tag is given exactly for a commit.");

        // One working Secret: SignContent is written and signed in it, then overwritten by the plaintext when that fits
        // (it usually does: SignContent carries the same application data plus the group context), so a large message
        // costs one secret allocation here instead of two.
        int signSize = FramedContentSignature.SignContentSize(content, context, out _);
        using Secret work = Secret.Allocate(signSize);
        byte[] signature;
        using (SecretWriteLease w = work.OpenWrite())
        {
            int written = FramedContentSignature.WriteSignContent(w.Span, WireFormat.PrivateMessage, content, context);
            signature = FramedContentSignature.Sign(signingKey, w.Span[..written]);
        }
        var auth = new FramedContentAuthData(signature, confirmationTag);
        uint guard;
        if (reuseGuard is uint given)
        {
            guard = given;
        }
        else
        {
            Span<byte> random = stackalloc byte[4];
            RandomNumberGenerator.Fill(random);
            guard = BinaryPrimitives.ReadUInt32BigEndian(random);
        }
        byte[] aad = ContentAad(content.GroupId, content.Epoch, content.ContentType, content.AuthenticatedData);

        using Secret? ownPlaintext = EncodePlaintext(content, auth, padding ?? MlsPaddingPolicy.None, work, out int ptLength);
        Secret plaintext = ownPlaintext ?? work;

        int tagSize = suite.Aead.TagSizeInBytes;
        byte[] ciphertext = new byte[ptLength + tagSize];
        uint generation;
        Span<byte> nonce = stackalloc byte[MaxNonceSize];
        try
        {
            using AeadKeyNonce keys = tree.NextSenderKey(content.Sender.Index, RatchetFor(content.ContentType));
            generation = keys.Generation;
            int nn = GuardedNonce(keys.Nonce, guard, nonce);
            using SecretReadLease pt = plaintext.OpenRead();
            suite.Aead.Seal(keys.Key, nonce[..nn], pt.Span[..ptLength], ciphertext.AsSpan(0, ptLength), ciphertext.AsSpan(ptLength), aad);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(nonce);
        }

        Span<byte> senderData = stackalloc byte[SenderData.Size];
        var sdWriter = new MlsWriter(senderData);
        new SenderData(content.Sender.Index, generation, guard).Encode(ref sdWriter);
        byte[] encryptedSenderData = new byte[SenderData.Size + tagSize];
        using (AeadKeyNonce sdKeys = SenderDataKeys.Derive(suite, senderDataSecret, ciphertext))
        using (SecretReadLease sdNonce = sdKeys.Nonce.OpenRead())
        {
            suite.Aead.Seal(sdKeys.Key, sdNonce.Span, senderData, encryptedSenderData.AsSpan(0, SenderData.Size),
                encryptedSenderData.AsSpan(SenderData.Size), SenderDataAad(content.GroupId, content.Epoch, content.ContentType));
        }
        return PrivateMessage.FromSealed(content.GroupId, content.Epoch, content.ContentType, content.AuthenticatedData,
            encryptedSenderData, ciphertext);
    }

    /// <summary>Opens the sender data and the content of <paramref name="message"/>, then verifies its signature with
    /// the key <paramref name="senderKey"/> gives for the sender's leaf: the result is verified content. group_id and
    /// epoch are the caller's check against its state (§6.2).</summary>
    /// <param name="suite">The group's suite.</param>
    /// <param name="tree">The epoch's secret tree.</param>
    /// <param name="senderDataSecret">sender_data_secret of the epoch.</param>
    /// <param name="message">The received message.</param>
    /// <param name="context">The group context (signed in FramedContentTBS).</param>
    /// <param name="senderKey">The signature key of the member at a leaf index, or null when the leaf is blank.</param>
    /// <exception cref="MlsException"><see cref="MlsError.SenderDataDecryptionFailed"/> (nothing changed),
    /// a ratchet reason of <see cref="EpochSecretTree.ReceiverKey"/> (nothing changed),
    /// <see cref="MlsError.ContentDecryptionFailed"/> (nothing changed: the generation stays usable for the genuine
    /// message, see docs/mls-crypto.md), a decoding reason for a malformed plaintext, <see cref="MlsError.InvalidValue"/>
    /// for a blank sender leaf, or <see cref="MlsError.SignatureInvalid"/> (in these last three the generation is
    /// consumed: the AEAD authenticated the message as a group member's).</exception>
    internal static AuthenticatedContent Unprotect(MlsCipherSuite suite, EpochSecretTree tree,
        Secret senderDataSecret, PrivateMessage message, GroupContext context, Func<uint, SignaturePublicKey?> senderKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(senderKey);
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(senderDataSecret);
        ArgumentNullException.ThrowIfNull(message);
        int tagSize = suite.Aead.TagSizeInBytes;

        // §6.3.2: sender data first; it is public once opened (leaf, generation, reuse guard).
        ReadOnlySpan<byte> esd = message.EncryptedSenderData;
        if (esd.Length != SenderData.Size + tagSize) MlsThrowHelper.Protection(MlsError.SenderDataDecryptionFailed);
        Span<byte> senderDataBytes = stackalloc byte[SenderData.Size];
        using (AeadKeyNonce sdKeys = SenderDataKeys.Derive(suite, senderDataSecret, message.Ciphertext))
        using (SecretReadLease sdNonce = sdKeys.Nonce.OpenRead())
        {
            if (!suite.Aead.Open(sdKeys.Key, sdNonce.Span, esd[..SenderData.Size], esd[SenderData.Size..], senderDataBytes,
                    SenderDataAad(message.GroupId, message.Epoch, message.ContentType)))
                MlsThrowHelper.Protection(MlsError.SenderDataDecryptionFailed);
        }
        SenderData senderData = MlsCodec.DecodeExact<SenderData>(senderDataBytes, "SenderData");

        // §6.3.1: a plaintext holds at least the one-byte signature header, so a ciphertext of at most a tag is refused
        // before any ratchet key is taken.
        ReadOnlySpan<byte> ciphertext = message.Ciphertext;
        if (ciphertext.Length <= tagSize) MlsThrowHelper.Protection(MlsError.ContentDecryptionFailed);
        int ptLength = ciphertext.Length - tagSize;
        byte[] aad = ContentAad(message.GroupId, message.Epoch, message.ContentType, message.AuthenticatedData);
        // One working Secret: the plaintext, then (once the content has its own copy of the data) SignContent for the
        // signature check, so it is sized for both; a large message costs one secret allocation here instead of two.
        int workLength = Math.Max(ptLength, FramedContentSignature.MaxPrivateSignContentSize(message.GroupId.Length,
            message.AuthenticatedData.Length, ptLength, context));
        if (workLength == int.MaxValue) workLength = ptLength; // Verify falls back to a Secret of its own
        using Secret plaintext = Secret.Allocate(workLength);
        Span<byte> nonce = stackalloc byte[MaxNonceSize];
        try
        {
            // Take-then-commit (§9.2): the generation is consumed only once its message opened, so a forged message
            // under a genuine sender data cannot make the genuine message of that generation undecryptable.
            using ReceiverKey taken = tree.ReceiverKey(senderData.LeafIndex, RatchetFor(message.ContentType), senderData.Generation);
            AeadKeyNonce keys = taken.KeyNonce;
            int nn = GuardedNonce(keys.Nonce, senderData.ReuseGuard, nonce);
            bool opened;
            using (SecretWriteLease w = plaintext.OpenWrite())
                opened = suite.Aead.Open(keys.Key, nonce[..nn], ciphertext[..ptLength], ciphertext[ptLength..], w.Span[..ptLength], aad);
            if (!opened) MlsThrowHelper.Protection(MlsError.ContentDecryptionFailed);
            taken.Commit();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(nonce);
        }

        FramedContent content;
        FramedContentAuthData auth;
        using (SecretReadLease pt = plaintext.OpenRead())
        {
            PrivateMessageContent inner = PrivateMessageContent.Decode(pt.Span[..ptLength], message.ContentType);
            var sender = new Sender(SenderType.Member, senderData.LeafIndex);
            auth = inner.Auth;
            // ForApplication copies the data from the Secret plaintext into the content's own Secret.
            content = inner.ContentType switch
            {
                ContentType.Application => FramedContent.ForApplication(message.GroupId, message.Epoch, sender, message.AuthenticatedData, inner.ApplicationData),
                ContentType.Proposal => FramedContent.ForProposal(message.GroupId, message.Epoch, sender, message.AuthenticatedData, inner.Proposal!),
                _ => FramedContent.ForCommit(message.GroupId, message.Epoch, sender, message.AuthenticatedData, inner.Commit!),
            };
        }
        try
        {
            SignaturePublicKey? key = senderKey(senderData.LeafIndex);
            if (key is null) MlsThrowHelper.Decode(MlsError.InvalidValue, "The sender's leaf (blank)");
            return AuthenticatedContent.Verify(suite, new UnverifiedAuthenticatedContent(WireFormat.PrivateMessage, content, auth),
                context, key, plaintext);
        }
        catch
        {
            content.Dispose(); // a refused message's plaintext is wiped, not left to the GC
            throw;
        }
    }

    /// <summary>PrivateMessageContent, padded as <paramref name="padding"/> says, written into <paramref name="work"/>
    /// when it fits (returns null) or else into a new Secret (returned); <paramref name="length"/> is its size. The
    /// application data goes from the content's Secret to it through a lease.</summary>
    private static Secret? EncodePlaintext(FramedContent content, FramedContentAuthData auth, MlsPaddingPolicy padding,
        Secret work, out int length)
    {
        Secret? app = content.ApplicationData;
        SecretReadLease lease = app is null ? default : app.OpenRead();
        Secret? plaintext = null;
        try
        {
            ReadOnlySpan<byte> applicationData = app is null ? default : lease.Span;
            PrivateMessageContent unpadded = Inner(content, applicationData, auth, 0);
            // The policy applies to the encoded PrivateMessageContent without padding (MlsPaddingPolicy).
            int paddingLength = padding.PaddedLength(unpadded.EncodedSize) - unpadded.EncodedSize;
            PrivateMessageContent inner = Inner(content, applicationData, auth, paddingLength);
            length = inner.EncodedSize;
            if (length > work.Length) plaintext = Secret.Allocate(length);
            using (SecretWriteLease w = (plaintext ?? work).OpenWrite())
            {
                var writer = new MlsWriter(w.Span[..length]);
                inner.Encode(ref writer);
            }
            Secret? result = plaintext;
            plaintext = null;
            return result;
        }
        finally
        {
            if (app is not null) lease.Dispose();
            plaintext?.Dispose();
        }
    }

    private static PrivateMessageContent Inner(FramedContent content, ReadOnlySpan<byte> applicationData,
        FramedContentAuthData auth, int paddingLength) =>
        content.ContentType switch
        {
            ContentType.Application => PrivateMessageContent.ForApplication(applicationData, auth, paddingLength),
            ContentType.Proposal => PrivateMessageContent.ForProposal(content.Proposal!, auth, paddingLength),
            _ => PrivateMessageContent.ForCommit(content.Commit!, auth, paddingLength),
        };

    private static RatchetType RatchetFor(ContentType type) =>
        type == ContentType.Application ? RatchetType.Application : RatchetType.Handshake;

    /// <summary>The ratchet nonce with reuse_guard XORed into its first four bytes (§6.3.1); returns its length.</summary>
    private static int GuardedNonce(Secret ratchetNonce, uint reuseGuard, Span<byte> nonce)
    {
        using SecretReadLease lease = ratchetNonce.OpenRead();
        lease.Span.CopyTo(nonce);
        Span<byte> guard = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(guard, reuseGuard);
        for (int i = 0; i < 4; i++) nonce[i] ^= guard[i];
        return lease.Span.Length;
    }

    private static byte[] ContentAad(ReadOnlySpan<byte> groupId, ulong epoch, ContentType type, ReadOnlySpan<byte> authenticatedData)
    {
        byte[] aad = new byte[MlsWriter.OpaqueSize(groupId.Length) + 8 + 1 + MlsWriter.OpaqueSize(authenticatedData.Length)];
        var writer = new MlsWriter(aad);
        writer.WriteOpaque(groupId, "group_id");
        writer.WriteUInt64(epoch);
        MlsCodec.WriteEnum8(ref writer, type);
        writer.WriteOpaque(authenticatedData, "authenticated_data");
        return aad;
    }

    private static byte[] SenderDataAad(ReadOnlySpan<byte> groupId, ulong epoch, ContentType type)
    {
        byte[] aad = new byte[MlsWriter.OpaqueSize(groupId.Length) + 8 + 1];
        var writer = new MlsWriter(aad);
        writer.WriteOpaque(groupId, "group_id");
        writer.WriteUInt64(epoch);
        MlsCodec.WriteEnum8(ref writer, type);
        return aad;
    }
}
