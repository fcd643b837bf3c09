// SPQR's erasure code (PolyEncoder / PolyDecoder). Known answers derived by hand from the format of the
// SparsePostQuantumRatchet crate (src/encoding/polynomial.rs): the code is systematic (chunk k < n carries message
// bytes 32k .. 32k + 31), a polynomial holding one value is constant, one holding two values is the line through
// them; the crate's own tests ("abcdefghij" from chunks 1 and 2; 1088 bytes of 3 from chunks 35 .. 70). Then an
// independent Lagrange oracle, and properties: any sufficient subset in any order with duplicates decodes, fewer
// never completes, hostile indices and sizes are rejected without changing the decoder.
using System.Text;
using NoFuture.Crypto;
using NoFuture.Sessions.Spqr.Encoding;

namespace NoFuture.Sessions.Tests.Spqr;

public class PolynomialCodeTests
{
    private static byte[] Chunk(PolyEncoder encoder, int index)
    {
        var data = new byte[32];
        encoder.WriteChunk((ushort)index, data);
        return data;
    }

    [Fact]
    public void ShortMessage_EveryChunkIsTheMessageThenZeros_AndDecodesFromChunks1And2()
    {
        byte[] message = Encoding.ASCII.GetBytes("abcdefghij");
        var encoder = new PolyEncoder(message);
        byte[] expected = [.. message, .. new byte[22]]; // 5 constant polynomials, 11 zero ones
        foreach (int k in new[] { 0, 1, 2, 7, 65535 }) Assert.Equal(expected, Chunk(encoder, k));
        var decoder = new PolyDecoder(10);
        Assert.Equal(1, decoder.ChunksNeeded);
        Assert.True(decoder.AddChunk(1, Chunk(encoder, 1)));
        decoder.AddChunk(2, Chunk(encoder, 2)); // ignored: already complete
        Assert.Equal(message, decoder.DecodeMessage());
    }

    [Fact]
    public void ConstantMessage_EveryChunkIsConstant_AndDecodesFromChunks35To70()
    {
        byte[] message = Enumerable.Repeat((byte)3, 1088).ToArray();
        var encoder = new PolyEncoder(message);
        var decoder = new PolyDecoder(1088);
        Assert.Equal(34, decoder.ChunksNeeded);
        bool complete = false;
        for (int k = 35; k <= 70 && !complete; k++)
        {
            byte[] chunk = Chunk(encoder, k);
            Assert.All(chunk, b => Assert.Equal(3, b));
            complete = decoder.AddChunk(k, chunk);
            Assert.Equal(k - 35 + 1 == 34, complete);
        }
        Assert.True(complete);
        Assert.Equal(message, decoder.DecodeMessage());
    }

    [Fact]
    public void SystematicChunks_CarryTheMessageBytes()
    {
        byte[] message = new byte[1152];
        new Random(1152).NextBytes(message);
        var encoder = new PolyEncoder(message);
        for (int k = 0; k < 36; k++) Assert.Equal(message.AsSpan(32 * k, 32).ToArray(), Chunk(encoder, k));
    }

    [Fact]
    public void TwoValuesPerPolynomial_ChunkIsTheLineThroughThem()
    {
        // 64 bytes: polynomial i holds a_i at x = 0 and b_i at x = 1, so P_i(x) = a_i + (a_i + b_i) x.
        byte[] message = new byte[64];
        new Random(64).NextBytes(message);
        var encoder = new PolyEncoder(message);
        foreach (int k in new[] { 2, 3, 100, 4097, 65535 })
        {
            byte[] chunk = Chunk(encoder, k);
            for (int i = 0; i < 16; i++)
            {
                ushort a = (ushort)(message[2 * i] << 8 | message[2 * i + 1]);
                ushort b = (ushort)(message[32 + 2 * i] << 8 | message[32 + 2 * i + 1]);
                ushort expected = (ushort)(a ^ Gf16.Multiply((ushort)(a ^ b), (ushort)k));
                Assert.Equal(expected, (ushort)(chunk[2 * i] << 8 | chunk[2 * i + 1]));
            }
        }
    }

    /// <summary>Oracle: P(x) by the Lagrange basis formula, one division per term (no barycentric weights).</summary>
    private static ushort LagrangeAt(List<ushort> ys, ushort x)
    {
        ushort sum = 0;
        for (int j = 0; j < ys.Count; j++)
        {
            ushort term = ys[j];
            for (int k = 0; k < ys.Count; k++)
            {
                if (k == j) continue;
                term = Gf16.Multiply(term, Gf16.Divide((ushort)(x ^ k), (ushort)(j ^ k)));
            }
            sum ^= term;
        }
        return sum;
    }

    [Theory]
    [InlineData(96)]   // header + MAC
    [InlineData(160)]  // c2 + MAC
    [InlineData(960)]  // c1
    [InlineData(1152)] // encapsulation key vector
    [InlineData(98)]   // uneven spread: 49 values, polynomial 0 holds 4, the rest 3
    [InlineData(30)]   // fewer values than polynomials
    [InlineData(2)]    // one value: polynomials 1-15 are zero
    [InlineData(2048)] // 64 points, the largest that the encoder evaluates by its precomputed rows
    [InlineData(2082)] // 1041 values, 66 points: evaluated product by product
    public void NonSystematicChunks_MatchTheLagrangeOracle(int length)
    {
        var rng = new Random(length);
        byte[] message = new byte[length];
        rng.NextBytes(message);
        var encoder = new PolyEncoder(message);
        int values = length / 2;
        for (int round = 0; round < 4; round++)
        {
            int k = round == 0 ? 65535 : rng.Next(encoder.ChunksNeeded, 5000);
            byte[] chunk = Chunk(encoder, k);
            for (int i = 0; i < 16; i++)
            {
                var ys = new List<ushort>();
                for (int v = i; v < values; v += 16) ys.Add((ushort)(message[2 * v] << 8 | message[2 * v + 1]));
                Assert.Equal(LagrangeAt(ys, (ushort)k), (ushort)(chunk[2 * i] << 8 | chunk[2 * i + 1]));
            }
        }
    }

    [Theory]
    [InlineData(96)]
    [InlineData(160)]
    [InlineData(960)]
    [InlineData(1152)]
    [InlineData(1088)]
    [InlineData(2)]
    [InlineData(34)]
    [InlineData(66)]
    [InlineData(98)]
    public void AnySufficientSubset_InAnyOrder_WithDuplicates_Decodes(int length)
    {
        var rng = new Random(length * 7);
        for (int trial = 0; trial < 25; trial++)
        {
            byte[] message = new byte[length];
            rng.NextBytes(message);
            var encoder = new PolyEncoder(message);
            int needed = encoder.ChunksNeeded;
            // Distinct indices from a range around the systematic ones, sometimes including the extremes.
            var indices = new HashSet<int>();
            if (trial % 5 == 0) indices.Add(65535);
            while (indices.Count < needed) indices.Add(rng.Next(0, 3 * needed + 2));
            var deliveries = indices.SelectMany(k => rng.Next(4) == 0 ? new[] { k, k } : new[] { k }).OrderBy(_ => rng.Next()).ToList();
            var decoder = new PolyDecoder(length);
            var seen = new HashSet<int>();
            foreach (int k in deliveries)
            {
                Assert.False(decoder.IsComplete);
                seen.Add(k);
                bool complete = decoder.AddChunk(k, Chunk(encoder, k));
                Assert.Equal(seen.Count == needed, complete);
                if (complete) break;
            }
            Assert.True(decoder.IsComplete);
            Assert.Equal(message, decoder.DecodeMessage());
        }
    }

    [Theory]
    [InlineData(96)]
    [InlineData(1152)]
    [InlineData(98)]
    public void InsufficientSubsets_NeverComplete(int length)
    {
        var rng = new Random(length + 1);
        byte[] message = new byte[length];
        rng.NextBytes(message);
        var encoder = new PolyEncoder(message);
        int needed = encoder.ChunksNeeded;
        var decoder = new PolyDecoder(length);
        var indices = Enumerable.Range(0, 4 * needed).OrderBy(_ => rng.Next()).Take(needed - 1).ToList();
        foreach (int k in indices.Concat(indices)) Assert.False(decoder.AddChunk(k, Chunk(encoder, k)));
        Assert.Equal(needed - 1, decoder.ChunkCount);
        Assert.Throws<InvalidOperationException>(() => decoder.DecodeMessage());
    }

    [Fact]
    public void HostileChunks_AreRejected_AndChangeNothing()
    {
        byte[] message = new byte[96];
        new Random(3).NextBytes(message);
        var encoder = new PolyEncoder(message);
        var decoder = new PolyDecoder(96);
        decoder.AddChunk(4, Chunk(encoder, 4));
        foreach (long bad in new long[] { -1, 65536, int.MaxValue, uint.MaxValue })
            Assert.Equal(CryptoError.InvalidEncoding, Assert.Throws<CryptoException>(() => decoder.AddChunk(bad, Chunk(encoder, 0))).Error);
        Assert.Equal(CryptoError.InvalidEncoding, Assert.Throws<CryptoException>(() => decoder.AddChunk(5, new byte[31])).Error);
        Assert.Equal(CryptoError.InvalidEncoding, Assert.Throws<CryptoException>(() => decoder.AddChunk(5, new byte[33])).Error);
        Assert.Equal(1, decoder.ChunkCount);
        decoder.AddChunk(9, Chunk(encoder, 9));
        decoder.AddChunk(0, Chunk(encoder, 0));
        Assert.Equal(message, decoder.DecodeMessage());
    }

    [Fact]
    public void CorruptedChunk_GivesAWrongMessage_NotAnError()
    {
        // Chunks carry no authentication of their own (SPQR MACs the rebuilt message): a corrupted chunk is detected there.
        byte[] message = new byte[96];
        new Random(5).NextBytes(message);
        var encoder = new PolyEncoder(message);
        var decoder = new PolyDecoder(96);
        byte[] bad = Chunk(encoder, 10);
        bad[3] ^= 0x40;
        decoder.AddChunk(10, bad);
        decoder.AddChunk(11, Chunk(encoder, 11));
        decoder.AddChunk(12, Chunk(encoder, 12));
        Assert.NotEqual(message, decoder.DecodeMessage());
    }

    [Fact]
    public void CallerMistakes_AreArgumentExceptions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyEncoder(new byte[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyDecoder(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyDecoder(-2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyDecoder(PolynomialCode.MaxMessageSize + 2));
        var encoder = new PolyEncoder(new byte[32]);
        Assert.Throws<ArgumentException>(() => encoder.WriteChunk(0, new byte[31]));
        Assert.Throws<ArgumentException>(() => encoder.NextChunk(new byte[33]));
        Assert.Equal(0u, encoder.NextIndex);
        var decoder = new PolyDecoder(32);
        Assert.Throws<InvalidOperationException>(() => decoder.DecodeMessage());
        decoder.AddChunk(0, new byte[32]);
        Assert.Throws<ArgumentException>(() => decoder.DecodeMessage(new byte[31]));
    }

    [Fact]
    public void NextChunk_CountsAndWrapsAt16Bits()
    {
        byte[] message = new byte[64];
        new Random(9).NextBytes(message);
        var encoder = new PolyEncoder(message, nextIndex: 65534);
        var data = new byte[32];
        Assert.Equal(65534, encoder.NextChunk(data));
        Assert.Equal(Chunk(encoder, 65534), data);
        Assert.Equal(65535, encoder.NextChunk(data));
        Assert.Equal(0, encoder.NextChunk(data));
        Assert.Equal(message[..32], data);
        Assert.Equal(65537u, encoder.NextIndex);
    }

    [Fact]
    public void EmptyMessage_IsCompleteAtOnce()
    {
        var decoder = new PolyDecoder(0);
        Assert.True(decoder.IsComplete);
        Assert.Empty(decoder.DecodeMessage());
        var encoder = new PolyEncoder([]);
        Assert.Equal(new byte[32], Chunk(encoder, 5));
    }

    [Fact]
    public void HeldChunks_RestoreAnEquivalentDecoder()
    {
        byte[] message = new byte[960];
        new Random(960).NextBytes(message);
        var encoder = new PolyEncoder(message);
        var decoder = new PolyDecoder(960);
        foreach (int k in new[] { 40, 3, 17, 3, 100, 8 }) decoder.AddChunk(k, Chunk(encoder, k));
        var restored = new PolyDecoder(960);
        var data = new byte[32];
        for (int c = 0; c < decoder.ChunkCount; c++)
        {
            ushort index = decoder.GetChunk(c, data);
            Assert.Equal(Chunk(encoder, index), data);
            restored.AddChunk(index, data);
        }
        Assert.Equal(5, restored.ChunkCount);
        for (int k = 200; !restored.IsComplete; k++) restored.AddChunk(k, Chunk(encoder, k));
        Assert.Equal(message, restored.DecodeMessage());
    }

    [Fact]
    public void MessageLimit_IsTheCratesOneMebibyte()
    {
        // The crate refuses messages longer than 2^16 * 16 bytes (MessageLengthTooLong).
        Assert.Equal(1 << 20, PolynomialCode.MaxMessageSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyDecoder((1 << 20) + 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyEncoder(new byte[(1 << 20) + 2]));
        Assert.Equal(1 << 15, new PolyDecoder(1 << 20).ChunksNeeded);
    }

    [Fact]
    public void Encoder_PersistsAsMessageAndCounter()
    {
        byte[] message = new byte[160];
        new Random(160).NextBytes(message);
        var encoder = new PolyEncoder(message);
        var data = new byte[32];
        for (int i = 0; i < 7; i++) encoder.NextChunk(data);
        byte[] copy = new byte[160];
        encoder.CopyMessage(copy);
        Assert.Equal(message, copy);
        Assert.Throws<ArgumentException>(() => encoder.CopyMessage(new byte[158]));
        var restored = new PolyEncoder(copy, encoder.NextIndex);
        var expected = new byte[32];
        Assert.Equal(encoder.NextChunk(expected), restored.NextChunk(data));
        Assert.Equal(expected, data);
    }
}
