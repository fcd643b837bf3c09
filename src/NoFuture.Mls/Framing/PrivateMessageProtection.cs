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
// Secret plaintext into the returned content's own Secret; it is never in a heap array. The ratchet secrets live in the
// secret tree's Secrets; a message's own key and nonce (content and sender data) are derived onto stack scratch, used
// at once and wiped in finally (§9.2 deletes them once used).
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
    private const int MaxKeyNonceSize = 64; // Nk + Nn: at most 32 + 32 for the suites of RFC 9420 §17.1
    private const int MaxStackAad = 256; // a longer PrivateContentAAD (long group_id or authenticated_data) goes on the heap: it is public

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
        int aadSize = ContentAadSize(content.GroupId.Length, content.AuthenticatedData.Length);
        Span<byte> aad = aadSize <= MaxStackAad ? stackalloc byte[MaxStackAad] : new byte[aadSize];
        aad = aad[..aadSize];
        WriteContentAad(aad, content.GroupId, content.Epoch, content.ContentType, content.AuthenticatedData);

        using Secret? ownPlaintext = EncodePlaintext(content, auth, padding ?? MlsPaddingPolicy.None, work, out int ptLength);
        Secret plaintext = ownPlaintext ?? work;

        int tagSize = suite.Aead.TagSizeInBytes;
        int nk = suite.Aead.KeySizeInBytes, nonceSize = suite.Aead.NonceSizeInBytes;
        // Public output, every byte written by Seal below: no need to zero 1 MiB first.
        byte[] ciphertext = GC.AllocateUninitializedArray<byte>(ptLength + tagSize);
        uint generation;
        // The generation's key and nonce, then the sender data's, live only on this wiped stack scratch: each pair
        // seals one message at once and is deleted right after (§9.2), so neither needs a Secret of its own.
        Span<byte> keyNonce = stackalloc byte[MaxKeyNonceSize];
        Span<byte> senderData = stackalloc byte[SenderData.Size];
        byte[] encryptedSenderData = new byte[SenderData.Size + tagSize];
        try
        {
            Span<byte> kn = keyNonce[..(nk + nonceSize)];
            generation = tree.NextSenderKey(content.Sender.Index, RatchetFor(content.ContentType), kn);
            ApplyReuseGuard(kn[nk..], guard);
            using (SecretReadLease pt = plaintext.OpenRead())
                suite.Aead.Seal(kn[..nk], kn[nk..], pt.Span[..ptLength], ciphertext.AsSpan(0, ptLength), ciphertext.AsSpan(ptLength), aad);

            var sdWriter = new MlsWriter(senderData);
            new SenderData(content.Sender.Index, generation, guard).Encode(ref sdWriter);
            SenderDataKeys.Derive(suite, senderDataSecret, ciphertext, kn);
            int sdAadSize = aadSize - MlsWriter.OpaqueSize(content.AuthenticatedData.Length); // SenderDataAAD is its prefix
            suite.Aead.Seal(kn[..nk], kn[nk..], senderData, encryptedSenderData.AsSpan(0, SenderData.Size),
                encryptedSenderData.AsSpan(SenderData.Size), aad[..sdAadSize]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyNonce);
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
    /// a ratchet reason of <see cref="EpochSecretTree.ReceiverKey(uint, RatchetType, uint)"/> (nothing changed),
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
        int aadSize = ContentAadSize(message.GroupId.Length, message.AuthenticatedData.Length);
        Span<byte> aad = aadSize <= MaxStackAad ? stackalloc byte[MaxStackAad] : new byte[aadSize];
        aad = aad[..aadSize];
        WriteContentAad(aad, message.GroupId, message.Epoch, message.ContentType, message.AuthenticatedData);
        int sdAadSize = aadSize - MlsWriter.OpaqueSize(message.AuthenticatedData.Length); // SenderDataAAD is its prefix
        int nk = suite.Aead.KeySizeInBytes;
        Span<byte> sdKeys = stackalloc byte[MaxKeyNonceSize];
        try
        {
            Span<byte> kn = sdKeys[..(nk + suite.Aead.NonceSizeInBytes)];
            SenderDataKeys.Derive(suite, senderDataSecret, message.Ciphertext, kn);
            if (!suite.Aead.Open(kn[..nk], kn[nk..], esd[..SenderData.Size], esd[SenderData.Size..], senderDataBytes,
                    aad[..sdAadSize]))
                MlsThrowHelper.Protection(MlsError.SenderDataDecryptionFailed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sdKeys);
        }
        SenderData senderData = MlsCodec.DecodeExact<SenderData>(senderDataBytes, "SenderData");

        // §6.3.1: a plaintext holds at least the one-byte signature header, so a ciphertext of at most a tag is refused
        // before any ratchet key is taken.
        ReadOnlySpan<byte> ciphertext = message.Ciphertext;
        if (ciphertext.Length <= tagSize) MlsThrowHelper.Protection(MlsError.ContentDecryptionFailed);
        int ptLength = ciphertext.Length - tagSize;
        // One working Secret: the plaintext, then (once the content has its own copy of the data) SignContent for the
        // signature check, so it is sized for both; a large message costs one secret allocation here instead of two.
        int workLength = Math.Max(ptLength, FramedContentSignature.MaxPrivateSignContentSize(message.GroupId.Length,
            message.AuthenticatedData.Length, ptLength, context));
        if (workLength == int.MaxValue) workLength = ptLength; // Verify falls back to a Secret of its own
        using Secret plaintext = Secret.Allocate(workLength);
        Span<byte> keyNonce = stackalloc byte[MaxKeyNonceSize];
        try
        {
            // Take-then-commit (§9.2): the generation is consumed only once its message opened, so a forged message
            // under a genuine sender data cannot make the genuine message of that generation undecryptable. Its key
            // and nonce serve this one open, on wiped stack scratch.
            Span<byte> kn = keyNonce[..(nk + suite.Aead.NonceSizeInBytes)];
            using ReceiverKey taken = tree.ReceiverKey(senderData.LeafIndex, RatchetFor(message.ContentType), senderData.Generation, kn);
            ApplyReuseGuard(kn[nk..], senderData.ReuseGuard);
            bool opened;
            using (SecretWriteLease w = plaintext.OpenWrite())
                opened = suite.Aead.Open(kn[..nk], kn[nk..], ciphertext[..ptLength], ciphertext[ptLength..], w.Span[..ptLength], aad);
            if (!opened) MlsThrowHelper.Protection(MlsError.ContentDecryptionFailed);
            taken.Commit();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyNonce);
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

    /// <summary>XORs reuse_guard (big-endian) into the first four bytes of <paramref name="nonce"/> (§6.3.1).</summary>
    private static void ApplyReuseGuard(Span<byte> nonce, uint reuseGuard)
    {
        uint first = BinaryPrimitives.ReadUInt32BigEndian(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce, first ^ reuseGuard);
    }

    private static int ContentAadSize(int groupIdLength, int authenticatedDataLength) =>
        MlsWriter.OpaqueSize(groupIdLength) + 8 + 1 + MlsWriter.OpaqueSize(authenticatedDataLength);

    /// <summary>PrivateContentAAD (§6.3.1) into all of <paramref name="aad"/>; its prefix up to content_type is
    /// SenderDataAAD (§6.3.2).</summary>
    private static void WriteContentAad(Span<byte> aad, ReadOnlySpan<byte> groupId, ulong epoch, ContentType type,
        ReadOnlySpan<byte> authenticatedData)
    {
        var writer = new MlsWriter(aad);
        writer.WriteOpaque(groupId, "group_id");
        writer.WriteUInt64(epoch);
        MlsCodec.WriteEnum8(ref writer, type);
        writer.WriteOpaque(authenticatedData, "authenticated_data");
    }
}
