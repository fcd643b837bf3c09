// RFC 9420 §6.3:
//   struct {
//       opaque group_id<V>;
//       uint64 epoch;
//       ContentType content_type;
//       opaque authenticated_data<V>;
//       opaque encrypted_sender_data<V>;
//       opaque ciphertext<V>;
//   } PrivateMessage;
// No signature or MAC is exposed here: the content is sealed, and opening the sender data and the ciphertext (AEAD
// under the secret tree's keys, §6.3.1–§6.3.2) is what authenticates it and yields the AuthenticatedContent, whose
// signature is then checked. So this carrier has a single form; what comes out of decryption is unverified.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Framing;

internal sealed class PrivateMessage : IMlsEncodable<PrivateMessage>
{
    private readonly byte[] _groupId;
    private readonly byte[] _authenticatedData;
    private readonly byte[] _encryptedSenderData;
    private readonly byte[] _ciphertext;

    internal PrivateMessage(
        ReadOnlySpan<byte> groupId, ulong epoch, ContentType contentType, ReadOnlySpan<byte> authenticatedData,
        ReadOnlySpan<byte> encryptedSenderData, ReadOnlySpan<byte> ciphertext)
    {
        _groupId = groupId.ToArray();
        Epoch = epoch;
        ContentType = contentType;
        _authenticatedData = authenticatedData.ToArray();
        _encryptedSenderData = encryptedSenderData.ToArray();
        _ciphertext = ciphertext.ToArray();
    }

    private PrivateMessage(
        ReadOnlySpan<byte> groupId, ulong epoch, ContentType contentType, ReadOnlySpan<byte> authenticatedData,
        byte[] encryptedSenderData, byte[] ciphertext)
    {
        _groupId = groupId.ToArray();
        Epoch = epoch;
        ContentType = contentType;
        _authenticatedData = authenticatedData.ToArray();
        _encryptedSenderData = encryptedSenderData;
        _ciphertext = ciphertext;
    }

    /// <summary>A message that takes ownership of the two arrays a sealing has just filled (no copy: the ciphertext of
    /// a large message would otherwise be allocated twice on the large object heap). The caller keeps no reference.</summary>
    internal static PrivateMessage FromSealed(
        ReadOnlySpan<byte> groupId, ulong epoch, ContentType contentType, ReadOnlySpan<byte> authenticatedData,
        byte[] encryptedSenderData, byte[] ciphertext) =>
        new(groupId, epoch, contentType, authenticatedData, encryptedSenderData, ciphertext);

    internal ReadOnlySpan<byte> GroupId => _groupId;

    internal ulong Epoch { get; }

    internal ContentType ContentType { get; }

    internal ReadOnlySpan<byte> AuthenticatedData => _authenticatedData;

    internal ReadOnlySpan<byte> EncryptedSenderData => _encryptedSenderData;

    internal ReadOnlySpan<byte> Ciphertext => _ciphertext;

    public int EncodedSize =>
        MlsWriter.OpaqueSize(_groupId.Length) + 8 + 1 + MlsWriter.OpaqueSize(_authenticatedData.Length)
        + MlsWriter.OpaqueSize(_encryptedSenderData.Length) + MlsWriter.OpaqueSize(_ciphertext.Length);

    public static PrivateMessage Decode(scoped ref MlsReader reader)
    {
        ReadOnlySpan<byte> groupId = reader.ReadOpaque("group_id");
        ulong epoch = reader.ReadUInt64("epoch");
        ContentType contentType = MlsCodec.ReadKnownEnum8<ContentType>(ref reader, "content_type");
        ReadOnlySpan<byte> authenticatedData = reader.ReadOpaque("authenticated_data");
        ReadOnlySpan<byte> encryptedSenderData = reader.ReadOpaque("encrypted_sender_data");
        return new PrivateMessage(groupId, epoch, contentType, authenticatedData, encryptedSenderData, reader.ReadOpaque("ciphertext"));
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteOpaque(_groupId, "group_id");
        writer.WriteUInt64(Epoch);
        MlsCodec.WriteEnum8(ref writer, ContentType);
        writer.WriteOpaque(_authenticatedData, "authenticated_data");
        writer.WriteOpaque(_encryptedSenderData, "encrypted_sender_data");
        writer.WriteOpaque(_ciphertext, "ciphertext");
    }
}
