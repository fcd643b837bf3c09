// RFC 9420 §6: enum { reserved(0), application(1), proposal(2), commit(3), (255) } ContentType. A select()
// discriminator of FramedContent, FramedContentAuthData and PrivateMessageContent: only named values are read.
namespace NoFuture.Mls.Framing;

internal enum ContentType : byte
{
    Application = 1,
    Proposal = 2,
    Commit = 3,
}
