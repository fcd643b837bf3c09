// RFC 9420 proposals (§12.1), Commit (§12.4), UpdatePath (§7.6) and framing (§6) against the working group's
// messages.json (mlswg/mls-implementations, commit cfd450286d1bfd9cd2519b95c80f9771f94a5b1a, test-vectors/messages.json;
// see mls/SOURCES.md): every entry's proposal, commit and message fields decode and re-encode byte for byte. Cut,
// extended and bit-flipped encodings fail only with MlsException, and a flipped encoding that still decodes
// re-encodes to itself (the encoding is canonical), so it can never pass for the original.
using System.Text.Json;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Extensions;
using NoFuture.Mls.Framing;
using NoFuture.Mls.KeyPackages;
using NoFuture.Mls.Proposals;
using NoFuture.Mls.Tree;
using NoFuture.Mls.Wire;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.Wire;

public class ProposalCommitFramingMessagesTests
{
    private static readonly Lazy<byte[][][]> Entries = new(Load);

    // The fields of messages.json this work decodes, in the file's naming. The three MLSMessage fields for Welcome,
    // GroupInfo and KeyPackage go through MlsMessage too, to check its select() over every wire format.
    public static readonly TheoryData<string> Fields =
    [
        "add_proposal", "update_proposal", "remove_proposal", "pre_shared_key_proposal", "re_init_proposal",
        "external_init_proposal", "group_context_extensions_proposal", "commit", "public_message_application",
        "public_message_proposal", "public_message_commit", "private_message", "mls_welcome", "mls_group_info",
        "mls_key_package",
    ];

    private static byte[][][] Load()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("mls/messages.json")));
        var entries = new List<byte[][]>();
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            var fields = new byte[Fields.Count][];
            int i = 0;
            foreach (string field in Fields) fields[i++] = Convert.FromHexString(entry.GetProperty(field).GetString()!);
            entries.Add(fields);
        }
        return [.. entries];
    }

    private static int IndexOf(string field) => Fields.Select(row => row.Data).ToList().IndexOf(field);

    /// <summary>Decodes <paramref name="encoded"/> as the structure of <paramref name="field"/>, checks the exact
    /// size and returns the re-encoding.</summary>
    private static byte[] Reencode(string field, ReadOnlySpan<byte> encoded) => field switch
    {
        "add_proposal" => Reencode<Add>(encoded),
        "update_proposal" => Reencode<Update>(encoded),
        "remove_proposal" => Reencode<Remove>(encoded),
        "pre_shared_key_proposal" => Reencode<PreSharedKey>(encoded),
        "re_init_proposal" => Reencode<ReInit>(encoded),
        "external_init_proposal" => Reencode<ExternalInit>(encoded),
        "group_context_extensions_proposal" => Reencode<GroupContextExtensions>(encoded),
        "commit" => Reencode<Commit>(encoded),
        _ => Reencode<MlsMessage>(encoded),
    };

    private static byte[] Reencode<T>(ReadOnlySpan<byte> encoded)
        where T : class, IMlsEncodable<T>
    {
        T value = MlsCodec.DecodeExact<T>(encoded, typeof(T).Name);
        Assert.Equal(encoded.Length, value.EncodedSize);
        return MlsCodec.EncodeToArray(value);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void MessagesVectors_EveryEntryDecodesAndReencodesExactly(string field)
    {
        byte[][][] entries = Entries.Value;
        int column = IndexOf(field), ran = 0;
        foreach (byte[][] entry in entries)
        {
            Assert.Equal(entry[column], Reencode(field, entry[column]));
            ran++;
        }
        VectorCount.AllRan(ran, 300, $"messages.json {field}");
    }

    [Fact]
    public void MessagesVectors_MessagesHaveTheShapeTheirFieldNames()
    {
        int ran = 0, withPath = 0;
        foreach (byte[][] entry in Entries.Value)
        {
            MlsMessage application = MlsCodec.DecodeExact<MlsMessage>(entry[IndexOf("public_message_application")], "m");
            Assert.Equal(WireFormat.PublicMessage, application.WireFormat);
            Assert.Equal(ContentType.Application, application.PublicMessage!.Content.ContentType);
            Assert.False(application.PublicMessage.Auth.HasConfirmationTag);

            MlsMessage proposal = MlsCodec.DecodeExact<MlsMessage>(entry[IndexOf("public_message_proposal")], "m");
            Assert.Equal(ContentType.Proposal, proposal.PublicMessage!.Content.ContentType);
            Assert.NotNull(proposal.PublicMessage.Content.Proposal);

            MlsMessage commit = MlsCodec.DecodeExact<MlsMessage>(entry[IndexOf("public_message_commit")], "m");
            Assert.Equal(ContentType.Commit, commit.PublicMessage!.Content.ContentType);
            Assert.NotNull(commit.PublicMessage.Content.Commit);
            Assert.True(commit.PublicMessage.Auth.HasConfirmationTag);
            foreach (MlsMessage m in new[] { application, proposal, commit })
            {
                Assert.Equal(GroupContext_Mls10, m.Version);
                bool member = m.PublicMessage!.Content.Sender.Type == SenderType.Member;
                Assert.Equal(member, !m.PublicMessage.MembershipTag.IsEmpty);
            }

            MlsMessage privateMessage = MlsCodec.DecodeExact<MlsMessage>(entry[IndexOf("private_message")], "m");
            Assert.Equal(WireFormat.PrivateMessage, privateMessage.WireFormat);
            Assert.NotNull(privateMessage.PrivateMessage);

            Assert.IsType<UnverifiedKeyPackage>(
                MlsCodec.DecodeExact<MlsMessage>(entry[IndexOf("mls_key_package")], "m").KeyPackage);
            Assert.Equal(
                LeafNodeSource.Update,
                MlsCodec.DecodeExact<Update>(entry[IndexOf("update_proposal")], "update").LeafNode.Source);
            Assert.Equal(
                LeafNodeSource.KeyPackage,
                MlsCodec.DecodeExact<Add>(entry[IndexOf("add_proposal")], "add").KeyPackage.LeafNode.Source);
            Assert.True(Enum.IsDefined(
                MlsCodec.DecodeExact<PreSharedKey>(entry[IndexOf("pre_shared_key_proposal")], "psk").Psk.Type));
            UpdatePath? path = MlsCodec.DecodeExact<Commit>(entry[IndexOf("commit")], "commit").Path;
            if (path is not null)
            {
                Assert.Equal(LeafNodeSource.Commit, path.LeafNode.Source);
                withPath++;
            }

            Assert.NotNull(MlsCodec.DecodeExact<MlsMessage>(entry[IndexOf("mls_welcome")], "m").Welcome);
            Assert.NotNull(MlsCodec.DecodeExact<MlsMessage>(entry[IndexOf("mls_group_info")], "m").GroupInfo);
            ran++;
        }
        VectorCount.AllRan(ran, 300, "messages.json entries");
        Assert.True(withPath > 0, "no commit of messages.json has a path: UpdatePath went untested");
    }

    private const ushort GroupContext_Mls10 = 1;

    // A sample of entries (the first three and every 50th) keeps every bit of every field flipped within seconds.
    private static IEnumerable<byte[]> Samples(string field)
    {
        byte[][][] entries = Entries.Value;
        int column = IndexOf(field);
        for (int i = 0; i < entries.Length; i++)
            if (i < 3 || i % 50 == 0) yield return entries[i][column];
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void CutAndExtendedEncodings_AreRefusedWithTheirReason(string field)
    {
        foreach (byte[] encoded in Samples(field))
        {
            for (int cut = 0; cut < encoded.Length; cut++)
            {
                var e = Assert.Throws<MlsException>(() => Reencode(field, encoded.AsSpan(0, cut)));
                Assert.Equal(MlsError.Truncated, e.Error);
            }
            var trailing = Assert.Throws<MlsException>(() => Reencode(field, [.. encoded, 0x00]));
            Assert.Equal(MlsError.TrailingBytes, trailing.Error);
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void FlippedBits_FailOnlyWithMlsException_OrReencodeToTheFlippedBytes(string field)
    {
        int refused = 0;
        foreach (byte[] encoded in Samples(field))
        {
            byte[] flipped = (byte[])encoded.Clone();
            for (int bit = 0; bit < encoded.Length * 8; bit++)
            {
                flipped[bit >> 3] ^= (byte)(1 << (bit & 7));
                try
                {
                    Assert.Equal(flipped, Reencode(field, flipped));
                }
                catch (MlsException)
                {
                    refused++;
                }
                flipped[bit >> 3] ^= (byte)(1 << (bit & 7));
            }
        }
        // Every field but Remove (a bare uint32, where every value is well formed) has length headers or
        // discriminators a flip breaks; a decoder that refused none of those flips would be suspicious.
        Assert.Equal(field != "remove_proposal", refused > 0);
    }

    [Theory]
    [InlineData((ushort)0x0000)]
    [InlineData((ushort)0x0008)]
    [InlineData((ushort)0x0A0A)] // GREASE: only ever in Capabilities, never a proposal (§13.5)
    public void UnknownProposalType_IsInvalidValue(ushort type)
    {
        byte[] encoded = [(byte)(type >> 8), (byte)type, 0, 0, 0, 1];
        var e = Assert.Throws<MlsException>(() => MlsCodec.DecodeExact<Proposal>(encoded, "proposal"));
        Assert.Equal(MlsError.InvalidValue, e.Error);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00 })] // wire_format reserved(0)
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x06 })] // wire_format unregistered
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x05 })] // sender_type 5
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, 0x00, 0x04 })] // content_type 4
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x02, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x00 })] // private content_type 0
    public void UnknownDiscriminators_AreInvalidValue(byte[] encoded)
    {
        var e = Assert.Throws<MlsException>(() => MlsCodec.DecodeExact<MlsMessage>(encoded, "message"));
        Assert.Equal(MlsError.InvalidValue, e.Error);
    }

    [Fact]
    public void UnknownProposalOrRefType_IsInvalidValue()
    {
        var e = Assert.Throws<MlsException>(() => MlsCodec.DecodeExact<Commit>([0x02, 0x03, 0x00, 0x00], "commit"));
        Assert.Equal(MlsError.InvalidValue, e.Error);
    }

    [Theory]
    [InlineData((byte)2, 7u)] // external
    [InlineData((byte)3, 0u)] // new_member_proposal
    public void NonMemberSenders_CarryNoMembershipTag_AndRoundTrip(byte senderTypeValue, uint index)
    {
        var senderType = (SenderType)senderTypeValue;
        var content = FramedContent.ForProposal(
            [1, 2], 9, new Sender(senderType, index), [],
            new Proposal(new GroupContextExtensions([new Extension((ExtensionType)0x0A0A, [0xEE])])));
        var message = new MlsMessage(1, new UnverifiedPublicMessage(content, new FramedContentAuthData([0x51, 0x52], null), null));
        byte[] encoded = MlsCodec.EncodeToArray(message);
        MlsMessage decoded = MlsCodec.DecodeExact<MlsMessage>(encoded, "message");
        Assert.Equal(senderType, decoded.PublicMessage!.Content.Sender.Type);
        Assert.Equal(index, decoded.PublicMessage.Content.Sender.Index);
        Assert.True(decoded.PublicMessage.MembershipTag.IsEmpty);
        Assert.Equal(encoded, MlsCodec.EncodeToArray(decoded));
    }

    [Fact]
    public void MismatchedAuthDataOrTag_IsACallerMistake()
    {
        var member = new Sender(SenderType.Member, 0);
        var app = FramedContent.ForApplication([1], 0, member, [], [0x41]);
        // A confirmation tag belongs to a commit only.
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnverifiedPublicMessage(app, new FramedContentAuthData([1], [2]), [3]));
        // A member sender needs a membership tag.
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnverifiedPublicMessage(app, new FramedContentAuthData([1], null), null));
    }
}
