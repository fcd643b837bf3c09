// Small structures for the codec tests, shaped like MLS ones: Extension-like {uint16 type; opaque data<V>} as an owned
// class (copies its opaque field once) and as a ref struct view (slices of the input, no copy).
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Tests.Codec;

internal enum SampleType : ushort
{
    First = 1,
    Second = 2,
}

internal sealed class OwnedSample(SampleType type, byte[] data) : IMlsEncodable<OwnedSample>
{
    public SampleType Type { get; } = type;

    public byte[] Data { get; } = data;

    public int EncodedSize => 2 + MlsWriter.OpaqueSize(Data.Length);

    public static OwnedSample Decode(scoped ref MlsReader reader)
    {
        SampleType type = MlsCodec.ReadEnum16<SampleType>(ref reader, "sample type");
        return new OwnedSample(type, reader.ReadOpaque("sample data").ToArray());
    }

    public void Encode(ref MlsWriter writer)
    {
        MlsCodec.WriteEnum16(ref writer, Type);
        writer.WriteOpaque(Data, nameof(Data));
    }
}

/// <summary>The same layout, but its type must be a named value (a select() discriminator).</summary>
internal ref struct SampleView : IMlsEncodable<SampleView>
{
    public SampleType Type;
    public ReadOnlySpan<byte> Data;

    public readonly int EncodedSize => 2 + MlsWriter.OpaqueSize(Data.Length);

    public static SampleView Decode(scoped ref MlsReader reader) => new()
    {
        Type = MlsCodec.ReadKnownEnum16<SampleType>(ref reader, "sample type"),
        Data = reader.ReadOpaque("sample data"),
    };

    public readonly void Encode(ref MlsWriter writer)
    {
        MlsCodec.WriteEnum16(ref writer, Type);
        writer.WriteOpaque(Data, nameof(Data));
    }
}
