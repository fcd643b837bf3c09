// RFC 9420 §6.1:
//   struct {
//       opaque signature<V>;
//       select (FramedContent.content_type) {
//           case commit: MAC confirmation_tag;   // MAC = opaque<V>
//           case application:
//           case proposal: struct{};
//       };
//   } FramedContentAuthData;
// Its shape depends on the content type of the FramedContent it follows, so it is not a self-describing
// IMlsEncodable: Decode takes that type. The signature and the tag are checked by whoever verifies the enclosing
// content (§6.1, §8.2), never here.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Framing;

internal sealed class FramedContentAuthData
{
    private readonly byte[] _signature;
    private readonly byte[]? _confirmationTag;

    /// <summary>Auth data; <paramref name="confirmationTag"/> is given exactly for a commit.</summary>
    internal FramedContentAuthData(ReadOnlySpan<byte> signature, byte[]? confirmationTag)
    {
        _signature = signature.ToArray();
        _confirmationTag = confirmationTag;
    }

    internal ReadOnlySpan<byte> Signature => _signature;

    /// <summary>confirmation_tag for a commit; empty otherwise (<see cref="HasConfirmationTag"/> tells which).</summary>
    internal ReadOnlySpan<byte> ConfirmationTag => _confirmationTag;

    internal bool HasConfirmationTag => _confirmationTag is not null;

    internal int EncodedSize =>
        MlsWriter.OpaqueSize(_signature.Length) + (_confirmationTag is null ? 0 : MlsWriter.OpaqueSize(_confirmationTag.Length));

    internal static FramedContentAuthData Decode(scoped ref MlsReader reader, ContentType contentType)
    {
        ReadOnlySpan<byte> signature = reader.ReadOpaque("signature");
        byte[]? tag = contentType == ContentType.Commit ? reader.ReadOpaque("confirmation_tag").ToArray() : null;
        return new FramedContentAuthData(signature, tag);
    }

    /// <summary>Writes the auth data of content of type <paramref name="contentType"/>, which must be the type it
    /// was made for.</summary>
    internal void Encode(ref MlsWriter writer, ContentType contentType)
    {
        if ((contentType == ContentType.Commit) != HasConfirmationTag)
            MlsThrowHelper.ArgumentOutOfRange(nameof(contentType), "The auth data does not match the content type.");
        writer.WriteOpaque(_signature, "signature");
        if (_confirmationTag is not null) writer.WriteOpaque(_confirmationTag, "confirmation_tag");
    }
}
