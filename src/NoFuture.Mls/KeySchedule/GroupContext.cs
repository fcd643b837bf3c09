// RFC 9420 §8.1 GroupContext: the state every member agrees on in an epoch, fed into the key schedule (§8) as the
// context of ExpandWithLabel for each epoch secret, and signed as part of GroupInfo (§12.4.3).
//
//   struct {
//       ProtocolVersion version = mls10;
//       CipherSuite cipher_suite;
//       opaque group_id<V>;
//       uint64 epoch;
//       opaque tree_hash<V>;
//       opaque confirmed_transcript_hash<V>;
//       Extension extensions<V>;
//   } GroupContext;
//
// Decoded is not validated (docs/mls.md): version and cipher_suite are kept as read (raw uint16 values), and the
// checks that they match the group belong to whoever receives them (GroupInfo and Welcome processing). A GroupContext
// lives for a whole epoch, so its opaque fields are copied once at decode rather than kept as slices of the input.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Extensions;

namespace NoFuture.Mls.KeySchedule;

internal sealed class GroupContext : IMlsEncodable<GroupContext>
{
    /// <summary>ProtocolVersion mls10 (RFC 9420 §6).</summary>
    internal const ushort Mls10 = 1;

    private readonly byte[] _groupId;
    private readonly byte[] _treeHash;
    private readonly byte[] _confirmedTranscriptHash;
    private readonly Extension[] _extensions;

    internal GroupContext(
        ushort version,
        ushort cipherSuite,
        ReadOnlySpan<byte> groupId,
        ulong epoch,
        ReadOnlySpan<byte> treeHash,
        ReadOnlySpan<byte> confirmedTranscriptHash,
        ReadOnlySpan<Extension> extensions)
    {
        Version = version;
        CipherSuite = cipherSuite;
        _groupId = groupId.ToArray();
        Epoch = epoch;
        _treeHash = treeHash.ToArray();
        _confirmedTranscriptHash = confirmedTranscriptHash.ToArray();
        _extensions = extensions.ToArray();
    }

    /// <summary>version (mls10 = 1 for RFC 9420), as read.</summary>
    internal ushort Version { get; }

    /// <summary>cipher_suite (RFC 9420 §17.1 code point), as read.</summary>
    internal ushort CipherSuite { get; }

    internal ReadOnlySpan<byte> GroupId => _groupId;

    internal ulong Epoch { get; }

    internal ReadOnlySpan<byte> TreeHash => _treeHash;

    internal ReadOnlySpan<byte> ConfirmedTranscriptHash => _confirmedTranscriptHash;

    internal ReadOnlySpan<Extension> Extensions => _extensions;

    public int EncodedSize =>
        2 + 2 + MlsWriter.OpaqueSize(_groupId.Length) + 8 + MlsWriter.OpaqueSize(_treeHash.Length)
        + MlsWriter.OpaqueSize(_confirmedTranscriptHash.Length) + MlsCodec.VectorSize<Extension>(_extensions, "extensions");

    public static GroupContext Decode(scoped ref MlsReader reader)
    {
        ushort version = reader.ReadUInt16("version");
        ushort cipherSuite = reader.ReadUInt16("cipher_suite");
        ReadOnlySpan<byte> groupId = reader.ReadOpaque("group_id");
        ulong epoch = reader.ReadUInt64("epoch");
        ReadOnlySpan<byte> treeHash = reader.ReadOpaque("tree_hash");
        ReadOnlySpan<byte> confirmedTranscriptHash = reader.ReadOpaque("confirmed_transcript_hash");
        using PooledVector<Extension> extensions = MlsCodec.ReadVector<Extension>(ref reader, "extensions");
        return new GroupContext(version, cipherSuite, groupId, epoch, treeHash, confirmedTranscriptHash, extensions.Span);
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteUInt16(Version);
        writer.WriteUInt16(CipherSuite);
        writer.WriteOpaque(_groupId, "group_id");
        writer.WriteUInt64(Epoch);
        writer.WriteOpaque(_treeHash, "tree_hash");
        writer.WriteOpaque(_confirmedTranscriptHash, "confirmed_transcript_hash");
        MlsCodec.WriteVector<Extension>(ref writer, _extensions, "extensions");
    }
}
