// RFC 9420 §12.4: enum { reserved(0), proposal(1), reference(2), (255) } ProposalOrRefType. A select() discriminator,
// so only these values are read.
namespace NoFuture.Mls.Proposals;

internal enum ProposalOrRefType : byte
{
    Proposal = 1,
    Reference = 2,
}
