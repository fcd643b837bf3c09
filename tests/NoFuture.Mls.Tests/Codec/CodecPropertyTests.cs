// CsCheck properties of the RFC 9420 §2.1 codec: varint headers round-trip in their shortest form over the whole range
// 0..2^30 − 1; random bytes read as any sequence of opaque/vector/optional fields fail only with MlsException; and a
// valid encoding of an opaque, a vector of structures or an optional, cut short or extended, is refused with
// Truncated or TrailingBytes.
using CsCheck;
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Tests.Codec;

public class CodecPropertyTests
{
    private static readonly int[] Boundaries = [0, 63, 64, 16383, 16384, VarInt.MaxValue];

    // Every size class, its boundaries, and the whole range.
    private static readonly Gen<int> Lengths = Gen.OneOf(
        Gen.Int[0, 63], Gen.Int[64, 16383], Gen.Int[16384, VarInt.MaxValue],
        Gen.Int[0, Boundaries.Length - 1].Select(i => Boundaries[i]), Gen.Int[0, VarInt.MaxValue]);

    [Fact]
    public void VarInt_RoundTripsInItsShortestForm()
    {
        Lengths.Sample(length =>
        {
            Span<byte> buffer = stackalloc byte[4];
            var writer = new MlsWriter(buffer);
            writer.WriteLength(length, nameof(length));
            int expectedSize = length < 64 ? 1 : length < 16384 ? 2 : 4;
            Assert.Equal(expectedSize, writer.Written);
            Assert.Equal(expectedSize, VarInt.SizeOf(length));

            var reader = new MlsReader(buffer[..writer.Written]);
            Assert.Equal(length, reader.ReadLength("length"));
            reader.EnsureEnd("length");
        }, iter: 20_000);
    }

    [Fact]
    public void RandomBytes_ReadAsAnyFieldSequence_FailOnlyWithMlsException()
    {
        // Inputs are biased towards short headers so that fields often parse and the reader goes deep into the input.
        Gen<byte[]> inputs = Gen.OneOf(Gen.Byte.Array[0, 64], Gen.Byte[0, 8].Array[0, 64], Gen.Byte.Array[0, 600]);
        Gen<int[]> operations = Gen.Int[0, 5].Array[1, 20];
        Gen.Select(inputs, operations).Sample((input, ops) =>
        {
            try
            {
                Run(input, ops);
            }
            catch (MlsException)
            {
                // The only failure a hostile input may cause.
            }
        }, iter: 20_000);
    }

    private static void Run(byte[] input, int[] ops)
    {
        var reader = new MlsReader(input);
        foreach (int op in ops)
        {
            switch (op)
            {
                case 0: reader.ReadOpaque("opaque"); break;
                case 1:
                    var inner = reader.ReadVector("vector");
                    while (!inner.IsEmpty) inner.ReadOpaque("element");
                    break;
                case 2: reader.ReadPresence("optional"); break;
                case 3: MlsCodec.ReadVector<OwnedSample>(ref reader, "samples").Dispose(); break;
                case 4: MlsCodec.ReadOptional<OwnedSample>(ref reader, "sample", out _); break;
                default: reader.EnsureEnd("input"); break;
            }
        }
    }

    private static readonly Gen<OwnedSample> Samples =
        Gen.Select(Gen.UShort, Gen.Byte.Array[0, 80], (type, data) => new OwnedSample((SampleType)type, data));

    // Each shape encodes a value to its bytes and decodes bytes that must hold exactly one such value.
    private static readonly Gen<(byte[] Encoding, int Shape)> Encodings = Gen.OneOf(
        Gen.Byte.Array[0, 20_000].Select(data => (Opaque(data), 0)),
        Samples.Array[0, 8].Select(items => (Vector(items), 1)),
        Gen.Select(Gen.Bool, Samples, (present, s) => (Optional(present ? s : null), 2)));

    private static byte[] Opaque(byte[] data)
    {
        byte[] encoded = new byte[MlsWriter.OpaqueSize(data.Length)];
        var writer = new MlsWriter(encoded);
        writer.WriteOpaque(data, nameof(data));
        return encoded;
    }

    private static byte[] Vector(OwnedSample[] items)
    {
        byte[] encoded = new byte[MlsCodec.VectorSize<OwnedSample>(items, nameof(items))];
        var writer = new MlsWriter(encoded);
        MlsCodec.WriteVector<OwnedSample>(ref writer, items, nameof(items));
        return encoded;
    }

    private static byte[] Optional(OwnedSample? item)
    {
        byte[] encoded = new byte[MlsCodec.OptionalSize(item)];
        var writer = new MlsWriter(encoded);
        MlsCodec.WriteOptional(ref writer, item);
        return encoded;
    }

    private static void DecodeExactly(ReadOnlySpan<byte> input, int shape)
    {
        var reader = new MlsReader(input);
        switch (shape)
        {
            case 0: reader.ReadOpaque("opaque"); break;
            case 1: MlsCodec.ReadVector<OwnedSample>(ref reader, "samples").Dispose(); break;
            default: MlsCodec.ReadOptional<OwnedSample>(ref reader, "sample", out _); break;
        }
        reader.EnsureEnd("input");
    }

    [Fact]
    public void AValidEncoding_DecodesExactly()
    {
        Encodings.Sample(e => DecodeExactly(e.Encoding, e.Shape), iter: 2_000);
    }

    [Fact]
    public void ATruncatedEncoding_IsTruncated()
    {
        Gen.Select(Encodings, Gen.Double[0, 1]).Sample((e, where) =>
        {
            int cut = (int)(where * e.Encoding.Length);   // 0 .. length − 1 bytes kept (where < 1 almost surely)
            if (cut == e.Encoding.Length) cut--;
            var ex = Assert.Throws<MlsException>(() => DecodeExactly(e.Encoding.AsSpan(0, cut), e.Shape));
            Assert.Equal(MlsError.Truncated, ex.Error);
        }, iter: 2_000);
    }

    [Fact]
    public void AnExtendedEncoding_HasTrailingBytes()
    {
        Gen.Select(Encodings, Gen.Byte.Array[1, 16]).Sample((e, extra) =>
        {
            var ex = Assert.Throws<MlsException>(() => DecodeExactly([.. e.Encoding, .. extra], e.Shape));
            Assert.Equal(MlsError.TrailingBytes, ex.Error);
        }, iter: 2_000);
    }
}
