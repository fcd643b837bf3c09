// RFC 9420 §6: enum { reserved(0), member(1), external(2), new_member_proposal(3), new_member_commit(4), (255) }
// SenderType. A select() discriminator of Sender and PublicMessage: only named values are read.
namespace NoFuture.Mls.Framing;

internal enum SenderType : byte
{
    Member = 1,
    External = 2,
    NewMemberProposal = 3,
    NewMemberCommit = 4,
}
