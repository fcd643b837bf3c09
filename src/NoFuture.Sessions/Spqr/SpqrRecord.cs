// Our own persistence format for SPQR state (not libsignal's protobuf): fixed-width big-endian fields written into
// the caller's secret memory. The reader throws SpqrException(StateDecode) on any short or out-of-range field.
using System.Buffers.Binary;

namespace NoFuture.Sessions.Spqr;

internal ref struct SpqrRecordWriter
{
    private readonly Span<byte> _destination;
    private int _position;

    internal SpqrRecordWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
    }

    internal readonly int Position => _position;

    internal void U8(byte value) => _destination[_position++] = value;

    internal void U32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_destination[_position..], value);
        _position += 4;
    }

    internal void U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_destination[_position..], value);
        _position += 8;
    }

    /// <summary>Reserves <paramref name="length"/> bytes and returns them for the caller to fill.</summary>
    internal Span<byte> Take(int length)
    {
        Span<byte> s = _destination.Slice(_position, length);
        _position += length;
        return s;
    }

    internal void Bytes(scoped ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

    /// <summary>A length-prefixed (u32) public byte string.</summary>
    internal void Blob(scoped ReadOnlySpan<byte> value)
    {
        U32((uint)value.Length);
        Bytes(value);
    }
}

internal ref struct SpqrRecordReader
{
    private readonly ReadOnlySpan<byte> _source;
    private int _position;

    internal SpqrRecordReader(ReadOnlySpan<byte> source)
    {
        _source = source;
        _position = 0;
    }

    internal readonly bool AtEnd => _position == _source.Length;

    internal ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > _source.Length - _position) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
        ReadOnlySpan<byte> s = _source.Slice(_position, length);
        _position += length;
        return s;
    }

    internal byte U8() => Take(1)[0];

    internal uint U32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    internal ulong U64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    internal bool Bool()
    {
        byte b = U8();
        if (b > 1) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
        return b == 1;
    }

    internal ReadOnlySpan<byte> Blob()
    {
        uint length = U32();
        if (length > int.MaxValue) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
        return Take((int)length);
    }

    internal readonly void End()
    {
        if (!AtEnd) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
    }
}
