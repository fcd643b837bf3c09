// RFC 9420 §6.3.1, the plaintext inside PrivateMessage.ciphertext:
//   struct {
//       select (PrivateMessage.content_type) {
//           case application: opaque application_data<V>;
//           case proposal:    Proposal proposal;
//           case commit:      Commit commit;
//       };
//       FramedContentAuthData auth;
//       opaque padding[length_of_padding];
//   } PrivateMessageContent;
// The content type comes from the enclosing PrivateMessage (it is not repeated), and the padding runs to the end of
// the plaintext; §6.3.1 requires it to be all zero, so a non-zero byte there is InvalidValue. A ref struct: the
// application data stays a slice of the caller's decrypted plaintext (no copy), so the caller decides where the
// plaintext lives; a proposal or commit is copied once, as everywhere else.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Proposals;

namespace NoFuture.Mls.Framing;

internal readonly ref struct PrivateMessageContent
{
    private PrivateMessageContent(
        ContentType contentType, ReadOnlySpan<byte> applicationData, Proposal? proposal, Commit? commit,
        FramedContentAuthData auth, int paddingLength)
    {
        if ((contentType == ContentType.Commit) != auth.HasConfirmationTag)
            MlsThrowHelper.ArgumentOutOfRange(nameof(auth), "The auth data does not match the content type.");
        if (paddingLength < 0) MlsThrowHelper.ArgumentOutOfRange(nameof(paddingLength), "The padding length is negative.");
        ContentType = contentType;
        ApplicationData = applicationData;
        Proposal = proposal;
        Commit = commit;
        Auth = auth;
        PaddingLength = paddingLength;
    }

    internal ContentType ContentType { get; }

    /// <summary>application_data, a slice of the plaintext (empty unless <see cref="ContentType"/> is application).</summary>
    internal ReadOnlySpan<byte> ApplicationData { get; }

    internal Proposal? Proposal { get; }

    internal Commit? Commit { get; }

    internal FramedContentAuthData Auth { get; }

    /// <summary>The number of zero padding bytes after the auth data.</summary>
    internal int PaddingLength { get; }

    internal static PrivateMessageContent ForApplication(ReadOnlySpan<byte> applicationData, FramedContentAuthData auth, int paddingLength) =>
        new(ContentType.Application, applicationData, null, null, auth, paddingLength);

    internal static PrivateMessageContent ForProposal(Proposal proposal, FramedContentAuthData auth, int paddingLength) =>
        new(ContentType.Proposal, default, proposal, null, auth, paddingLength);

    internal static PrivateMessageContent ForCommit(Commit commit, FramedContentAuthData auth, int paddingLength) =>
        new(ContentType.Commit, default, null, commit, auth, paddingLength);

    /// <summary>The plaintext size: content, auth data and padding.</summary>
    internal int EncodedSize =>
        ContentType switch
        {
            ContentType.Application => MlsWriter.OpaqueSize(ApplicationData.Length),
            ContentType.Proposal => Proposal!.EncodedSize,
            _ => Commit!.EncodedSize,
        } + Auth.EncodedSize + PaddingLength;

    /// <summary>Writes the plaintext, padding included (zero bytes).</summary>
    internal void Encode(ref MlsWriter writer)
    {
        switch (ContentType)
        {
            case ContentType.Application: writer.WriteOpaque(ApplicationData, "application_data"); break;
            case ContentType.Proposal: Proposal!.Encode(ref writer); break;
            default: Commit!.Encode(ref writer); break;
        }
        Auth.Encode(ref writer, ContentType);
        for (int i = 0; i < PaddingLength; i++) writer.WriteUInt8(0);
    }

    /// <summary>Decodes the whole of <paramref name="plaintext"/> as the content of a PrivateMessage whose
    /// content_type is <paramref name="contentType"/>.</summary>
    internal static PrivateMessageContent Decode(ReadOnlySpan<byte> plaintext, ContentType contentType)
    {
        var reader = new MlsReader(plaintext);
        ReadOnlySpan<byte> applicationData = default;
        Proposal? proposal = null;
        Commit? commit = null;
        switch (contentType)
        {
            case ContentType.Application: applicationData = reader.ReadOpaque("application_data"); break;
            case ContentType.Proposal: proposal = Proposal.Decode(ref reader); break;
            case ContentType.Commit: commit = Commit.Decode(ref reader); break;
            default: MlsThrowHelper.ArgumentOutOfRange(nameof(contentType), "Not a content type."); break;
        }
        FramedContentAuthData auth = FramedContentAuthData.Decode(ref reader, contentType);
        ReadOnlySpan<byte> padding = reader.Remaining;
        if (padding.ContainsAnyExcept((byte)0)) MlsThrowHelper.Decode(MlsError.InvalidValue, "padding");
        return new PrivateMessageContent(contentType, applicationData, proposal, commit, auth, padding.Length);
    }
}
