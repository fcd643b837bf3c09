// The composite forms of RFC 9420 §2.1 built on IMlsEncodable<T>: vector<V> of structures (§2.1.2, the header counts
// bytes), optional<T> (§2.1.3, presence byte 0 or 1), enumerations kept or refused, and a whole input holding exactly
// one structure. Every refusal is an MlsException with its reason.
using System.Runtime.CompilerServices;
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Tests.Codec;

public class CodecContractTests
{
    [Fact]
    public void AVectorOfStructures_RoundTripsByteExactly()
    {
        OwnedSample[] items = [new(SampleType.First, [0xAA]), new(SampleType.Second, []), new((SampleType)0x0A0A, new byte[70])];
        int size = MlsCodec.VectorSize<OwnedSample>(items, "items");
        Assert.Equal(2 + (2 + 1 + 1) + (2 + 1) + (2 + 2 + 70), size);   // 81 content bytes: a 2-byte header

        byte[] buffer = new byte[size];
        var writer = new MlsWriter(buffer);
        MlsCodec.WriteVector<OwnedSample>(ref writer, items, "items");
        Assert.Equal(size, writer.Written);
        Assert.Equal([0x40, 81, 0x00, 0x01, 0x01, 0xAA], buffer[..6]);

        var reader = new MlsReader(buffer);
        using PooledVector<OwnedSample> pooled = MlsCodec.ReadVector<OwnedSample>(ref reader, "items");
        OwnedSample[] decoded = pooled.Span.ToArray();
        reader.EnsureEnd("items");
        Assert.Equal(3, decoded.Length);
        Assert.Equal((SampleType)0x0A0A, decoded[2].Type);          // an unknown value is kept, not refused
        Assert.Equal(items[2].Data, decoded[2].Data);
    }

    [Fact]
    public void AnEmptyVector_IsOneZeroByte()
    {
        var reader = new MlsReader([0x00]);
        using PooledVector<OwnedSample> pooled = MlsCodec.ReadVector<OwnedSample>(ref reader, "items");
        Assert.True(pooled.Span.IsEmpty);
        Assert.Equal(1, MlsCodec.VectorSize<OwnedSample>([], "items"));
    }

    [Fact]
    public void AnElementCutByTheVectorsEnd_IsTruncated_EvenWhenTheInputGoesOn()
    {
        // The vector announces 3 bytes; the element needs 2 + 1 + 1. The byte after the vector must not be borrowed.
        var e = Assert.Throws<MlsException>(() =>
        {
            var reader = new MlsReader([0x03, 0x00, 0x01, 0x01, 0xAA]);
            MlsCodec.ReadVector<OwnedSample>(ref reader, "items");
        });
        Assert.Equal(MlsError.Truncated, e.Error);
    }

    [Fact]
    public void ViewsSliceTheInput_WithoutCopying()
    {
        byte[] input = [0x08, 0x00, 0x01, 0x01, 0xAA, 0x00, 0x02, 0x01, 0xBB];
        var reader = new MlsReader(input);
        int seen = 0;
        foreach (SampleView view in new MlsVectorReader<SampleView>(reader.ReadVector("items"), "items"))
        {
            Assert.True(Unsafe.AreSame(ref Unsafe.AsRef(in view.Data[0]), ref input[4 + (4 * seen)]));
            seen++;
        }
        Assert.Equal(2, seen);
        reader.EnsureEnd("items");
    }

    [Fact]
    public void ASelectDiscriminatorWithAnUnknownValue_IsInvalidValue()
    {
        var e = Assert.Throws<MlsException>(() => MlsCodec.DecodeExact<SampleView>([0x00, 0x03, 0x00], "sample"));
        Assert.Equal(MlsError.InvalidValue, e.Error);
    }

    [Fact]
    public void Optional_AbsentPresentAndInvalidPresence()
    {
        OwnedSample sample = new(SampleType.Second, [1, 2]);
        byte[] buffer = new byte[MlsCodec.OptionalSize(sample) + MlsCodec.OptionalSize<OwnedSample>(null)];
        var writer = new MlsWriter(buffer);
        MlsCodec.WriteOptional(ref writer, sample);
        MlsCodec.WriteOptional<OwnedSample>(ref writer, null);
        Assert.Equal([0x01, 0x00, 0x02, 0x02, 0x01, 0x02, 0x00], buffer);

        var reader = new MlsReader(buffer);
        Assert.True(MlsCodec.ReadOptional<OwnedSample>(ref reader, "sample", out OwnedSample? present));
        Assert.Equal([1, 2], present.Data);
        Assert.False(MlsCodec.ReadOptional<OwnedSample>(ref reader, "sample", out OwnedSample? absent));
        Assert.Null(absent);
        reader.EnsureEnd("sample");

        var e = Assert.Throws<MlsException>(() =>
        {
            var bad = new MlsReader([0x02, 0x00, 0x01, 0x00]);
            MlsCodec.ReadOptional<OwnedSample>(ref bad, "sample", out OwnedSample? _);
        });
        Assert.Equal(MlsError.InvalidValue, e.Error);
    }

    [Fact]
    public void DecodeExact_RefusesTrailingBytes_AndEncodeToArrayRoundTrips()
    {
        byte[] encoded = MlsCodec.EncodeToArray(new OwnedSample(SampleType.First, [9]));
        Assert.Equal([0x00, 0x01, 0x01, 0x09], encoded);
        Assert.Equal([9], MlsCodec.DecodeExact<OwnedSample>(encoded, "sample").Data);
        var e = Assert.Throws<MlsException>(() => MlsCodec.DecodeExact<OwnedSample>([.. encoded, 0x00], "sample"));
        Assert.Equal(MlsError.TrailingBytes, e.Error);
    }

    [Fact]
    public void AVectorOver2To30Minus1Bytes_IsACallerMistake()
    {
        // 17 items of 2^26 bytes each pass 2^30 − 1 together; only the declared sizes are summed, no buffer is made.
        OwnedSample big = new(SampleType.First, new byte[1 << 26]);
        OwnedSample[] items = [.. Enumerable.Repeat(big, 17)];
        Assert.Throws<ArgumentException>(() => MlsCodec.VectorSize<OwnedSample>(items, "items"));
    }
}
