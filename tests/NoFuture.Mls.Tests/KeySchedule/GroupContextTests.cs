// RFC 9420 §8.1 GroupContext against the working group's key-schedule.json (mlswg/mls-implementations, commit
// cfd450286d1bfd9cd2519b95c80f9771f94a5b1a, test-vectors/key-schedule.json; see mls/SOURCES.md): every epoch of every
// suite decodes to the file's cipher suite, group_id, epoch (its index), tree_hash and confirmed_transcript_hash, and
// re-encodes byte for byte. The file's contexts have no extensions, so a built one with known and unknown (GREASE)
// types checks that path, and cut or extended encodings are refused.
using System.Text.Json;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Extensions;
using NoFuture.Mls.KeySchedule;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.KeySchedule;

public class GroupContextTests
{
    [Fact]
    public void KeyScheduleVectors_GroupContextDecodesAndReencodesExactly()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("mls/key-schedule.json")));
        int ran = 0, inFile = 0;
        foreach (JsonElement suite in doc.RootElement.EnumerateArray())
        {
            ushort cipherSuite = suite.GetProperty("cipher_suite").GetUInt16();
            byte[] groupId = Convert.FromHexString(suite.GetProperty("group_id").GetString()!);
            ulong epoch = 0;
            foreach (JsonElement entry in suite.GetProperty("epochs").EnumerateArray())
            {
                inFile++;
                byte[] encoded = Convert.FromHexString(entry.GetProperty("group_context").GetString()!);
                GroupContext context = MlsCodec.DecodeExact<GroupContext>(encoded, "group_context");
                Assert.Equal(GroupContext.Mls10, context.Version);
                Assert.Equal(cipherSuite, context.CipherSuite);
                Assert.Equal(groupId, context.GroupId.ToArray());
                Assert.Equal(epoch, context.Epoch);
                Assert.Equal(Convert.FromHexString(entry.GetProperty("tree_hash").GetString()!), context.TreeHash.ToArray());
                Assert.Equal(
                    Convert.FromHexString(entry.GetProperty("confirmed_transcript_hash").GetString()!),
                    context.ConfirmedTranscriptHash.ToArray());
                Assert.Equal(0, context.Extensions.Length);
                Assert.Equal(encoded.Length, context.EncodedSize);
                Assert.Equal(encoded, MlsCodec.EncodeToArray(context));
                epoch++;
                ran++;
            }
        }
        VectorCount.AllRan(ran, inFile, "key-schedule.json epochs");
    }

    private static GroupContext WithExtensions() => new(
        GroupContext.Mls10, 0x0003, [1, 2, 3], 0x0102030405060708, new byte[32], new byte[48],
        [new Extension(ExtensionType.ExternalSenders, [0xAA, 0xBB]), new Extension((ExtensionType)0x0A0A, [])]);

    [Fact]
    public void Extensions_KnownAndUnknownTypes_RoundTrip()
    {
        byte[] encoded = MlsCodec.EncodeToArray(WithExtensions());
        GroupContext decoded = MlsCodec.DecodeExact<GroupContext>(encoded, "group_context");
        Assert.Equal(2, decoded.Extensions.Length);
        Assert.Equal(ExtensionType.ExternalSenders, decoded.Extensions[0].Type);
        Assert.Equal([0xAA, 0xBB], decoded.Extensions[0].Data.ToArray());
        Assert.Equal((ExtensionType)0x0A0A, decoded.Extensions[1].Type);
        Assert.Equal(0x0102030405060708UL, decoded.Epoch);
        Assert.Equal(encoded, MlsCodec.EncodeToArray(decoded));
    }

    [Fact]
    public void EveryCutAndAnExtension_AreRefusedWithTheirReason()
    {
        byte[] encoded = MlsCodec.EncodeToArray(WithExtensions());
        for (int cut = 0; cut < encoded.Length; cut++)
        {
            var e = Assert.Throws<MlsException>(() => MlsCodec.DecodeExact<GroupContext>(encoded.AsSpan(0, cut), "group_context"));
            Assert.Equal(MlsError.Truncated, e.Error);
        }
        var trailing = Assert.Throws<MlsException>(() => MlsCodec.DecodeExact<GroupContext>([.. encoded, 0x00], "group_context"));
        Assert.Equal(MlsError.TrailingBytes, trailing.Error);
    }
}
