// RFC 9420 §6:
//   struct {
//       SenderType sender_type;
//       select (Sender.sender_type) {
//           case member:   uint32 leaf_index;
//           case external: uint32 sender_index;
//           case new_member_commit:
//           case new_member_proposal: struct{};
//       };
//   } Sender;
// The index is the peer's claim: that it names a member leaf (or an entry of external_senders) is checked with the
// signature, against the group's state.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Framing;

internal sealed class Sender : IMlsEncodable<Sender>
{
    internal Sender(SenderType type, uint index = 0)
    {
        Type = type;
        Index = HasIndex(type) ? index : 0;
    }

    internal SenderType Type { get; }

    /// <summary>leaf_index for a member, sender_index for an external sender, 0 otherwise.</summary>
    internal uint Index { get; }

    public int EncodedSize => HasIndex(Type) ? 5 : 1;

    public static Sender Decode(scoped ref MlsReader reader)
    {
        SenderType type = MlsCodec.ReadKnownEnum8<SenderType>(ref reader, "sender_type");
        return new Sender(type, HasIndex(type) ? reader.ReadUInt32("sender index") : 0);
    }

    public void Encode(ref MlsWriter writer)
    {
        MlsCodec.WriteEnum8(ref writer, Type);
        if (HasIndex(Type)) writer.WriteUInt32(Index);
    }

    private static bool HasIndex(SenderType type) => type is SenderType.Member or SenderType.External;
}
