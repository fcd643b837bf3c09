// The wire codec (src/NoFuture.Sessions/Spqr/SpqrMessage.cs). Known answers: the varint vectors of the Rust crate
// spqr v1.5.3's src/v1/chunked/states/serialize.rs tests (encoding_varint, decoding_varint, decoding_varint_zero);
// the message layouts are written out by hand from its Message::serialize.
using NoFuture.Sessions.Spqr;

namespace NoFuture.Sessions.Tests.Spqr;

public sealed class SpqrMessageTests
{
    [Fact]
    public void VarintKnownAnswers()
    {
        byte[] b = new byte[10];
        Assert.Equal(2, SpqrMessage.WriteVarint(0x012C, b));
        Assert.Equal(new byte[] { 0xAC, 0x02 }, b[..2]);
        int at = 1;
        Assert.Equal(0x012Cul, SpqrMessage.ReadVarint(new byte[] { 0xFF, 0xAC, 0x02, 0xFF }, ref at));
        Assert.Equal(3, at);
        at = 0;
        Assert.Equal(0ul, SpqrMessage.ReadVarint(new byte[] { 0x00 }, ref at));
        Assert.Equal(1, at);
    }

    [Fact]
    public void VarintRoundTrip()
    {
        var rng = new Random(11);
        byte[] b = new byte[10];
        for (int i = 0; i < 10_000; i++)
        {
            ulong v = (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);
            int n = SpqrMessage.WriteVarint(v, b);
            int at = 0;
            Assert.Equal(v, SpqrMessage.ReadVarint(b.AsSpan(0, n), ref at));
            Assert.Equal(n, at);
        }
    }

    [Fact]
    public void LayoutWithChunk()
    {
        byte[] data = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var m = new SpqrMessage(300, 5, SpqrMessageType.Ek, new SpqrChunk(200, data));
        byte[] wire = m.Serialize();
        byte[] expected = [0x01, 0xAC, 0x02, 0x05, 0x02, 0xC8, 0x01, .. data];
        Assert.Equal(expected, wire);
        SpqrMessage back = SpqrMessage.Deserialize(wire);
        Assert.Equal(300ul, back.Epoch);
        Assert.Equal(5u, back.Index);
        Assert.Equal(SpqrMessageType.Ek, back.Type);
        Assert.Equal(200, back.Chunk.Index);
        Assert.Equal(data, back.Chunk.Data.ToArray());
    }

    [Fact]
    public void LayoutWithoutChunk()
    {
        Assert.Equal(new byte[] { 1, 1, 1, 0 }, new SpqrMessage(1, 1, SpqrMessageType.None, default).Serialize());
        Assert.Equal(new byte[] { 1, 2, 0x80, 0x01, 4 }, new SpqrMessage(2, 128, SpqrMessageType.Ct1Ack, default).Serialize());
    }

    [Fact]
    public void TrailingBytesAreAccepted()
    {
        byte[] wire = [1, 1, 1, 0, 0xEE, 0xEE];
        Assert.Equal(SpqrMessageType.None, SpqrMessage.Deserialize(wire).Type);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 2, 1, 1, 0 })]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 1, 0, 1, 0 })]             // epoch 0
    [InlineData(new byte[] { 1, 1, 1 })]                // no type
    [InlineData(new byte[] { 1, 1, 1, 7 })]             // unknown type
    [InlineData(new byte[] { 1, 1, 0x80 })]             // varint runs off the end
    [InlineData(new byte[] { 1, 1, 0x80, 0x80, 0x80, 0x80, 0x10, 0 })] // index above u32
    [InlineData(new byte[] { 1, 1, 1, 5, 0 })]          // chunk data missing
    [InlineData(new byte[] { 1, 1, 1, 5, 0x80, 0x80, 0x04 })] // chunk index above 65535
    public void MalformedMessagesAreRejected(byte[] wire)
    {
        Assert.Equal(SpqrError.MessageDecode, Assert.Throws<SpqrException>(() => SpqrMessage.Deserialize(wire)).Error);
    }

    [Fact]
    public void EveryTruncationOfAChunkMessageIsRejected()
    {
        byte[] wire = new SpqrMessage(7, 9, SpqrMessageType.Ct2, new SpqrChunk(3, new byte[32])).Serialize();
        for (int n = 0; n < wire.Length; n++)
        {
            Assert.Throws<SpqrException>(() => SpqrMessage.Deserialize(wire.AsSpan(0, n)));
        }
    }
}
