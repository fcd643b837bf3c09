// RFC 9420 §12.1 / §17.4 ProposalType (uint16). As the discriminator of Proposal's select() it must be a named value:
// the RFC gives an unknown proposal type no length, so its body cannot be skipped (docs/mls.md, "Framing and
// proposals"). Inside Capabilities, where unknown and GREASE values are carried, it is read with ReadEnum16 instead.
namespace NoFuture.Mls.Proposals;

internal enum ProposalType : ushort
{
    Add = 0x0001,
    Update = 0x0002,
    Remove = 0x0003,
    PreSharedKey = 0x0004,
    ReInit = 0x0005,
    ExternalInit = 0x0006,
    GroupContextExtensions = 0x0007,
}
