// RFC 9420 §12.1:
//   struct {
//       ProposalType proposal_type;
//       select (Proposal.proposal_type) {
//           case add: Add; case update: Update; case remove: Remove; case psk: PreSharedKey;
//           case reinit: ReInit; case external_init: ExternalInit;
//           case group_context_extensions: GroupContextExtensions;
//       };
//   } Proposal;
// An unknown proposal_type is InvalidValue: the select() gives it no body and no length, so nothing after it can be
// read. §13 lets new proposal types be registered, but a member only receives them once every member lists them in
// its Capabilities (§12.2: a commit with an unsupported proposal type is invalid), so a decoder that does not know a
// type may refuse it. GREASE proposal types (§13.5) appear only in Capabilities, never as a proposal.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Proposals;

internal sealed class Proposal : IMlsEncodable<Proposal>
{
    private readonly object _body;

    private Proposal(ProposalType type, object body)
    {
        Type = type;
        _body = body;
    }

    internal Proposal(Add add) : this(ProposalType.Add, add) { }

    internal Proposal(Update update) : this(ProposalType.Update, update) { }

    internal Proposal(Remove remove) : this(ProposalType.Remove, remove) { }

    internal Proposal(PreSharedKey psk) : this(ProposalType.PreSharedKey, psk) { }

    internal Proposal(ReInit reInit) : this(ProposalType.ReInit, reInit) { }

    internal Proposal(ExternalInit externalInit) : this(ProposalType.ExternalInit, externalInit) { }

    internal Proposal(GroupContextExtensions groupContextExtensions)
        : this(ProposalType.GroupContextExtensions, groupContextExtensions) { }

    /// <summary>proposal_type, always a named value.</summary>
    internal ProposalType Type { get; }

    /// <summary>The body when <see cref="Type"/> is add, else null.</summary>
    internal Add? Add => _body as Add;

    internal Update? Update => _body as Update;

    internal Remove? Remove => _body as Remove;

    internal PreSharedKey? PreSharedKey => _body as PreSharedKey;

    internal ReInit? ReInit => _body as ReInit;

    internal ExternalInit? ExternalInit => _body as ExternalInit;

    internal GroupContextExtensions? GroupContextExtensions => _body as GroupContextExtensions;

    public int EncodedSize => 2 + _body switch
    {
        Add b => b.EncodedSize,
        Update b => b.EncodedSize,
        Remove b => b.EncodedSize,
        PreSharedKey b => b.EncodedSize,
        ReInit b => b.EncodedSize,
        ExternalInit b => b.EncodedSize,
        _ => ((GroupContextExtensions)_body).EncodedSize,
    };

    public static Proposal Decode(scoped ref MlsReader reader) =>
        MlsCodec.ReadKnownEnum16<ProposalType>(ref reader, "proposal_type") switch
        {
            ProposalType.Add => new Proposal(Proposals.Add.Decode(ref reader)),
            ProposalType.Update => new Proposal(Proposals.Update.Decode(ref reader)),
            ProposalType.Remove => new Proposal(Proposals.Remove.Decode(ref reader)),
            ProposalType.PreSharedKey => new Proposal(Proposals.PreSharedKey.Decode(ref reader)),
            ProposalType.ReInit => new Proposal(Proposals.ReInit.Decode(ref reader)),
            ProposalType.ExternalInit => new Proposal(Proposals.ExternalInit.Decode(ref reader)),
            _ => new Proposal(Proposals.GroupContextExtensions.Decode(ref reader)),
        };

    public void Encode(ref MlsWriter writer)
    {
        MlsCodec.WriteEnum16(ref writer, Type);
        switch (_body)
        {
            case Add b: b.Encode(ref writer); break;
            case Update b: b.Encode(ref writer); break;
            case Remove b: b.Encode(ref writer); break;
            case PreSharedKey b: b.Encode(ref writer); break;
            case ReInit b: b.Encode(ref writer); break;
            case ExternalInit b: b.Encode(ref writer); break;
            default: ((GroupContextExtensions)_body).Encode(ref writer); break;
        }
    }
}
