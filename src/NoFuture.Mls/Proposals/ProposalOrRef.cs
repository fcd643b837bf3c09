// RFC 9420 §12.4:
//   struct {
//       ProposalOrRefType type;
//       select (ProposalOrRef.type) {
//           case proposal:  Proposal proposal;
//           case reference: ProposalRef reference;   // opaque HashReference<V> (§5.2)
//       };
//   } ProposalOrRef;
// A reference is the peer's claim that a proposal with that RefHash was sent in this epoch; resolving it against the
// proposals received is the commit processor's job, not the decoder's.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Proposals;

internal sealed class ProposalOrRef : IMlsEncodable<ProposalOrRef>
{
    private readonly Proposal? _proposal;
    private readonly byte[]? _reference;

    internal ProposalOrRef(Proposal proposal) => _proposal = proposal;

    internal ProposalOrRef(ReadOnlySpan<byte> reference) => _reference = reference.ToArray();

    internal ProposalOrRefType Type => _proposal is null ? ProposalOrRefType.Reference : ProposalOrRefType.Proposal;

    /// <summary>The proposal sent by value, or null for a reference.</summary>
    internal Proposal? Proposal => _proposal;

    /// <summary>The ProposalRef (empty for a proposal by value).</summary>
    internal ReadOnlySpan<byte> Reference => _reference;

    public int EncodedSize => 1 + (_proposal?.EncodedSize ?? MlsWriter.OpaqueSize(_reference!.Length));

    public static ProposalOrRef Decode(scoped ref MlsReader reader) =>
        MlsCodec.ReadKnownEnum8<ProposalOrRefType>(ref reader, "ProposalOrRef.type") == ProposalOrRefType.Proposal
            ? new ProposalOrRef(Proposal.Decode(ref reader))
            : new ProposalOrRef(reader.ReadOpaque("reference"));

    public void Encode(ref MlsWriter writer)
    {
        MlsCodec.WriteEnum8(ref writer, Type);
        if (_proposal is not null) _proposal.Encode(ref writer);
        else writer.WriteOpaque(_reference, "reference");
    }
}
