// RFC 9420 wire structures against the working group's messages.json (mlswg/mls-implementations, commit
// cfd450286d1bfd9cd2519b95c80f9771f94a5b1a, test-vectors/messages.json; see mls/SOURCES.md): for every one of the 300
// entries, mls_welcome, mls_group_info and mls_key_package (each wrapped in MLSMessage, §6), ratchet_tree (§12.4.3.3)
// and group_secrets (§12.4.3) decode and re-encode byte for byte. Then each encoding is damaged: cut by one byte and
// extended by one byte must be refused with MlsException (Truncated / TrailingBytes), and a flipped bit must either be
// refused with MlsException or decode to a structure whose encoding is the damaged input (so differs from the
// original); no other exception type may escape.
using System.Text.Json;
using NoFuture.Mls.Codec;
using NoFuture.Mls.KeyPackages;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.Tree;
using NoFuture.Mls.Welcomes;
using NoFuture.Mls.Wire;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.Wire;

public class KeyPackageWelcomeMessagesTests
{
    private const int FlipsPerEncoding = 4;

    /// <summary>Decodes a whole input as the field's structure and re-encodes it.</summary>
    private delegate byte[] RoundTrip(ReadOnlySpan<byte> encoded);

    private static readonly Dictionary<string, RoundTrip> Fields = new()
    {
        ["mls_key_package"] = encoded =>
        {
            UnverifiedKeyPackage kp = MlsMessageHeader.DecodeBody<UnverifiedKeyPackage>(encoded, WireFormat.KeyPackage, out MlsMessageHeader header);
            return MlsMessageHeader.EncodeToArray(header, kp);
        },
        ["mls_welcome"] = encoded =>
        {
            Welcome welcome = MlsMessageHeader.DecodeBody<Welcome>(encoded, WireFormat.Welcome, out MlsMessageHeader header);
            return MlsMessageHeader.EncodeToArray(header, welcome);
        },
        ["mls_group_info"] = encoded =>
        {
            UnverifiedGroupInfo info = MlsMessageHeader.DecodeBody<UnverifiedGroupInfo>(encoded, WireFormat.GroupInfo, out MlsMessageHeader header);
            return MlsMessageHeader.EncodeToArray(header, info);
        },
        ["ratchet_tree"] = encoded => MlsCodec.EncodeToArray(MlsCodec.DecodeExact<RatchetTree>(encoded, "ratchet_tree")),
        ["group_secrets"] = encoded => MlsCodec.EncodeToArray(MlsCodec.DecodeExact<GroupSecrets>(encoded, "group_secrets")),
    };

    private static List<(string Field, byte[] Encoded)> Encodings()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("mls/messages.json")));
        var list = new List<(string, byte[])>();
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            foreach (string field in Fields.Keys)
                list.Add((field, Convert.FromHexString(entry.GetProperty(field).GetString()!)));
        }
        return list;
    }

    [Fact]
    public void EveryEntry_DecodesAndReencodesExactly()
    {
        List<(string Field, byte[] Encoded)> encodings = Encodings();
        foreach ((string field, byte[] encoded) in encodings)
        {
            Assert.True(encoded.Length > 0, field);
            Assert.Equal(encoded, Fields[field](encoded));
        }
        VectorCount.AllRan(encodings.Count, 300 * Fields.Count, "messages.json encodings");
    }

    [Fact]
    public void KeyPackages_HaveTheKeyPackageShape()
    {
        foreach ((string field, byte[] encoded) in Encodings())
        {
            if (field != "mls_key_package") continue;
            UnverifiedKeyPackage kp = MlsMessageHeader.DecodeBody<UnverifiedKeyPackage>(encoded, WireFormat.KeyPackage, out MlsMessageHeader header);
            Assert.Equal(MlsMessageHeader.Mls10, header.Version);
            Assert.Equal(MlsMessageHeader.Mls10, kp.Version);
            Assert.Equal(LeafNodeSource.KeyPackage, kp.LeafNode.Source);
            Assert.Equal(encoded.Length - MlsMessageHeader.Size, kp.EncodedSize);
        }
    }

    [Fact]
    public void TreeValidationTrees_RoundTripAndCoverEveryNodeForm()
    {
        // messages.json's trees hold a single leaf; tree-validation.json's 98 trees (2 to 34 leaves) bring blanks,
        // parent nodes with unmerged leaves and commit-source leaves, so every arm of Node and LeafNode is decoded.
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("mls/tree-validation.json")));
        int ran = 0, inFile = 0, blanks = 0, parents = 0, unmerged = 0, commitLeaves = 0;
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            inFile++;
            byte[] encoded = Convert.FromHexString(entry.GetProperty("tree").GetString()!);
            RatchetTree tree = MlsCodec.DecodeExact<RatchetTree>(encoded, "tree");
            Assert.Equal(encoded, MlsCodec.EncodeToArray(tree));
            // §12.4.3.3: the vector drops the full tree's trailing blanks (tree_hashes covers the full tree), so it
            // is an odd-length prefix ending in a node.
            Assert.InRange(tree.Nodes.Length, 1, entry.GetProperty("tree_hashes").GetArrayLength());
            Assert.Equal(1, tree.Nodes.Length % 2);
            Assert.NotNull(tree.Nodes[^1]);
            foreach (Node? node in tree.Nodes)
            {
                if (node is null) blanks++;
                else if (node.Parent is not null) { parents++; unmerged += node.Parent.UnmergedLeaves.Length; }
                else if (node.Leaf!.Source == LeafNodeSource.Commit) commitLeaves++;
            }
            ran++;
        }
        VectorCount.AllRan(ran, inFile, "tree-validation.json trees");
        Assert.True(blanks > 0 && parents > 0 && unmerged > 0 && commitLeaves > 0,
            $"blanks {blanks}, parents {parents}, unmerged {unmerged}, commit leaves {commitLeaves}");
    }

    [Fact]
    public void PassiveClientWelcomes_RoundTrip()
    {
        // passive-client-welcome.json: real joins, some with the tree outside the Welcome (ratchet_tree null).
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("mls/passive-client-welcome.json")));
        int ran = 0, inFile = 0, trees = 0;
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            inFile++;
            foreach (string field in new[] { "key_package", "welcome" })
            {
                byte[] encoded = Convert.FromHexString(entry.GetProperty(field).GetString()!);
                Assert.Equal(encoded, Fields["mls_" + field](encoded));
            }
            if (entry.GetProperty("ratchet_tree").ValueKind == JsonValueKind.String)
            {
                byte[] tree = Convert.FromHexString(entry.GetProperty("ratchet_tree").GetString()!);
                Assert.Equal(tree, Fields["ratchet_tree"](tree));
                trees++;
            }
            ran++;
        }
        VectorCount.AllRan(ran, inFile, "passive-client-welcome.json entries");
        Assert.True(trees > 0);
    }

    [Fact]
    public void GroupSecrets_WithoutPathSecretAndWithEveryPskForm_RoundTrip()
    {
        // messages.json's group secrets all carry a path secret and one external PSK; the other forms are built.
        byte[] joinerSecret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
        PreSharedKeyId[] psks =
        [
            PreSharedKeyId.External([0xE1], [0xAA, 0xBB]),
            PreSharedKeyId.Resumption(ResumptionPskUsage.Branch, [0x67, 0x69, 0x64], 0x0102030405060708, [0xCC]),
        ];
        byte[] encoded = MlsCodec.EncodeToArray(new GroupSecrets(joinerSecret, false, default, psks));
        Assert.Equal(
            Convert.FromHexString("20" + Convert.ToHexString(joinerSecret) + "00" + "16"
                + "01" + "01e1" + "02aabb"
                + "02" + "03" + "03676964" + "0102030405060708" + "01cc"),
            encoded);
        GroupSecrets decoded = MlsCodec.DecodeExact<GroupSecrets>(encoded, "group_secrets");
        Assert.False(decoded.HasPathSecret);
        Assert.Equal(joinerSecret, decoded.JoinerSecret.ToArray());
        Assert.Equal(PskType.Resumption, decoded.Psks[1].Type);
        Assert.Equal(ResumptionPskUsage.Branch, decoded.Psks[1].Usage);
        Assert.Equal(0x0102030405060708UL, decoded.Psks[1].PskEpoch);
        Assert.Equal(encoded, MlsCodec.EncodeToArray(decoded));
        // An unknown psktype or resumption usage leaves nothing to read: refused.
        byte[] badUsage = (byte[])encoded.Clone();
        badUsage[1 + 32 + 1 + 1 + 5 + 1] = 0x04;
        Assert.Equal(MlsError.InvalidValue, Assert.Throws<MlsException>(() => MlsCodec.DecodeExact<GroupSecrets>(badUsage, "group_secrets")).Error);
    }

    [Fact]
    public void EveryEncoding_CutByOneByte_IsTruncated()
    {
        foreach ((string field, byte[] encoded) in Encodings())
        {
            MlsException e = DecodeFails(field, encoded.AsSpan(0, encoded.Length - 1));
            Assert.Equal(MlsError.Truncated, e.Error);
        }
    }

    [Fact]
    public void EveryEncoding_ExtendedByOneByte_HasTrailingBytes()
    {
        foreach ((string field, byte[] encoded) in Encodings())
        {
            MlsException e = DecodeFails(field, [.. encoded, 0x00]);
            Assert.Equal(MlsError.TrailingBytes, e.Error);
        }
    }

    [Fact]
    public void FlippedBits_AreRefusedOrDecodeToTheDamagedEncoding()
    {
        var random = new Random(9420);
        int refused = 0, decoded = 0;
        foreach ((string field, byte[] encoded) in Encodings())
        {
            for (int i = 0; i < FlipsPerEncoding; i++)
            {
                byte[] damaged = (byte[])encoded.Clone();
                int bit = random.Next(damaged.Length * 8);
                damaged[bit / 8] ^= (byte)(1 << (bit % 8));
                byte[]? reencoded = null;
                try
                {
                    reencoded = Fields[field](damaged);
                }
                catch (Exception e)
                {
                    Assert.IsType<MlsException>(e, exactMatch: true);
                    refused++;
                    continue;
                }
                Assert.Equal(damaged, reencoded);
                Assert.NotEqual(encoded, reencoded);
                decoded++;
            }
        }
        // Both outcomes occur over thousands of flips (a flip inside a key or signature decodes; one in a length
        // header or a discriminator is refused), so neither branch is dead.
        Assert.True(refused > 0 && decoded > 0, $"refused {refused}, decoded {decoded}");
    }

    private static MlsException DecodeFails(string field, ReadOnlySpan<byte> input)
    {
        try
        {
            Fields[field](input);
        }
        catch (Exception e)
        {
            return Assert.IsType<MlsException>(e, exactMatch: true);
        }
        Assert.Fail($"{field}: a damaged encoding decoded");
        return null!;
    }
}
