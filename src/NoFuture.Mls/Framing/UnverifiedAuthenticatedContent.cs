// RFC 9420 §6.1: struct { WireFormat wire_format; FramedContent content; FramedContentAuthData auth; }
// AuthenticatedContent. Unverified: the signature over FramedContentTBS has not been checked (docs/mls.md, "Decoded is
// not validated"). The verified form is produced by the signature check of message processing.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Wire;

namespace NoFuture.Mls.Framing;

internal sealed class UnverifiedAuthenticatedContent : IMlsEncodable<UnverifiedAuthenticatedContent>
{
    internal UnverifiedAuthenticatedContent(WireFormat wireFormat, FramedContent content, FramedContentAuthData auth)
    {
        if ((content.ContentType == ContentType.Commit) != auth.HasConfirmationTag)
            MlsThrowHelper.ArgumentOutOfRange(nameof(auth), "The auth data does not match the content type.");
        WireFormat = wireFormat;
        Content = content;
        Auth = auth;
    }

    internal WireFormat WireFormat { get; }

    internal FramedContent Content { get; }

    internal FramedContentAuthData Auth { get; }

    public int EncodedSize => 2 + Content.EncodedSize + Auth.EncodedSize;

    public static UnverifiedAuthenticatedContent Decode(scoped ref MlsReader reader)
    {
        WireFormat wireFormat = MlsCodec.ReadKnownEnum16<WireFormat>(ref reader, "wire_format");
        FramedContent content = FramedContent.Decode(ref reader);
        return new UnverifiedAuthenticatedContent(wireFormat, content, FramedContentAuthData.Decode(ref reader, content.ContentType));
    }

    public void Encode(ref MlsWriter writer)
    {
        MlsCodec.WriteEnum16(ref writer, WireFormat);
        Content.Encode(ref writer);
        Auth.Encode(ref writer, Content.ContentType);
    }
}
