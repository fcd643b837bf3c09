// The slice of Protocol Buffers (proto2 wire format, https://protobuf.dev/programming-guides/encoding/) that libsignal's
// wire.proto needs: varint (wire type 0) and length-delimited (wire type 2) fields. Writer appends to a caller buffer;
// Reader walks a span without allocating and reports malformed input as false, never an exception, so callers map it to
// SessionError.Malformed. Unknown fields are skipped (wire types 0, 1, 2, 5), as proto2 parsers do.
namespace NoFuture.Sessions.Protocol;

internal ref struct ProtobufWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;

    internal int Written { get; private set; }

    internal static int VarintSize(ulong value)
    {
        int n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }
        return n;
    }

    internal static int UInt32FieldSize(int field, uint value) => VarintSize((ulong)(field << 3)) + VarintSize(value);

    internal static int BytesFieldSize(int field, int length) => VarintSize((ulong)(field << 3)) + VarintSize((ulong)length) + length;

    internal void Byte(byte value) => _destination[Written++] = value;

    internal void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _destination[Written++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _destination[Written++] = (byte)value;
    }

    internal void UInt32Field(int field, uint value)
    {
        Varint((ulong)(field << 3));
        Varint(value);
    }

    internal void BytesField(int field, ReadOnlySpan<byte> value)
    {
        Varint((ulong)((field << 3) | 2));
        Varint((ulong)value.Length);
        value.CopyTo(_destination[Written..]);
        Written += value.Length;
    }

    /// <summary>Starts a length-delimited field of known length; the caller writes the content next.</summary>
    internal void BytesFieldHeader(int field, int length)
    {
        Varint((ulong)((field << 3) | 2));
        Varint((ulong)length);
    }
}

internal ref struct ProtobufReader(ReadOnlySpan<byte> source)
{
    private readonly ReadOnlySpan<byte> _source = source;
    private int _position;

    internal readonly bool AtEnd => _position == _source.Length;

    /// <summary>Reads the next field: its number, wire type, varint value (type 0) or content offset and length (type 2).</summary>
    internal bool Next(out int field, out int wireType, out ulong value, out int offset, out int length)
    {
        field = wireType = offset = length = 0;
        value = 0;
        if (!Varint(out ulong key) || key > uint.MaxValue) return false;
        field = (int)(key >> 3);
        wireType = (int)(key & 7);
        if (field == 0) return false;
        switch (wireType)
        {
            case 0:
                return Varint(out value);
            case 1:
                if (_source.Length - _position < 8) return false;
                _position += 8;
                return true;
            case 5:
                if (_source.Length - _position < 4) return false;
                _position += 4;
                return true;
            case 2:
                if (!Varint(out ulong len) || len > (ulong)(_source.Length - _position)) return false;
                offset = _position;
                length = (int)len;
                _position += length;
                return true;
            default:
                return false;
        }
    }

    private bool Varint(out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position == _source.Length) return false;
            byte b = _source[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }
}
