// RFC 9420 §2.1.2 variable-length headers: every entry of the working group's deserialization.json, and the forms a
// decoder must refuse (non-minimal, the reserved 0b11 prefix, a header cut short) with MlsException and nothing else.
using System.Text.Json;
using NoFuture.Mls.Codec;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.Codec;

public class VarIntTests
{
    [Fact]
    public void DeserializationVectors_DecodeAndReencodeExactly()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("mls/deserialization.json")));
        int ran = 0;
        foreach (JsonElement entry in doc.RootElement.EnumerateArray())
        {
            byte[] header = Convert.FromHexString(entry.GetProperty("vlbytes_header").GetString()!);
            int length = entry.GetProperty("length").GetInt32();
            var reader = new MlsReader(header);
            Assert.Equal(length, reader.ReadLength("vector"));
            reader.EnsureEnd("vector");

            byte[] encoded = new byte[VarInt.SizeOf(length)];
            var writer = new MlsWriter(encoded);
            writer.WriteLength(length, "length");
            Assert.Equal(header, encoded);
            ran++;
        }
        VectorCount.AllRan(ran, doc.RootElement.GetArrayLength(), "deserialization.json");
    }

    [Theory]
    [InlineData("4000", MlsError.InvalidLengthHeader)]      // 0 in the 2-byte form: not minimal
    [InlineData("403f", MlsError.InvalidLengthHeader)]      // 63 in the 2-byte form
    [InlineData("80003fff", MlsError.InvalidLengthHeader)]  // 16383 in the 4-byte form
    [InlineData("c0", MlsError.InvalidLengthHeader)]        // the reserved 0b11 prefix (QUIC's 8-byte form)
    [InlineData("", MlsError.Truncated)]
    [InlineData("40", MlsError.Truncated)]
    [InlineData("800000", MlsError.Truncated)]
    [InlineData("05aabb", MlsError.Truncated)]              // announces 5 bytes, holds 2
    public void RefusedHeaders_AreMlsExceptionsWithTheirReason(string hex, MlsError expected)
    {
        byte[] input = Convert.FromHexString(hex);
        var e = Assert.Throws<MlsException>(() =>
        {
            var reader = new MlsReader(input);
            reader.ReadOpaque("vector");
        });
        Assert.Equal(expected, e.Error);
    }

    [Fact]
    public void TrailingBytesAfterAStructure_AreRefused()
    {
        var e = Assert.Throws<MlsException>(() =>
        {
            var reader = new MlsReader([0x01, 0xAA, 0xBB]);
            reader.ReadOpaque("vector");
            reader.EnsureEnd("vector");
        });
        Assert.Equal(MlsError.TrailingBytes, e.Error);
    }

    [Fact]
    public void ALengthOver2To30Minus1_IsACallerMistake()
    {
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new MlsWriter(new byte[8]);
            writer.WriteLength(VarInt.MaxValue + 1, "length");
        });
    }
}
