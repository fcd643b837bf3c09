// A writer of the TLS presentation language (RFC 9420 §2.1) into a caller's buffer. Sizes are computed first
// (VarInt.SizeOf and the field sizes), so a structure is written once, with no growing buffer and no allocation.
using System.Buffers.Binary;

namespace NoFuture.Mls.Codec;

internal ref struct MlsWriter
{
    private readonly Span<byte> _destination;
    private int _written;

    internal MlsWriter(Span<byte> destination) => _destination = destination;

    /// <summary>How many bytes have been written.</summary>
    internal readonly int Written => _written;

    /// <summary>The size of opaque data&lt;V&gt; holding <paramref name="length"/> bytes.</summary>
    internal static int OpaqueSize(int length) => VarInt.SizeOf(length) + length;

    internal void WriteUInt8(byte value) => Next(1)[0] = value;

    internal void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Next(2), value);

    internal void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Next(4), value);

    internal void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Next(8), value);

    /// <summary>optional&lt;T&gt;'s presence byte (RFC 9420 §2.1.3).</summary>
    internal void WritePresence(bool present) => WriteUInt8(present ? (byte)1 : (byte)0);

    /// <summary>A variable-length vector's length header (RFC 9420 §2.1.2).</summary>
    internal void WriteLength(int length, string paramName)
    {
        if ((uint)length > VarInt.MaxValue) MlsThrowHelper.TooLong(paramName, VarInt.MaxValue);
        VarInt.Write(Next(VarInt.SizeOf(length)), length);
    }

    /// <summary>opaque data&lt;V&gt;.</summary>
    internal void WriteOpaque(ReadOnlySpan<byte> data, string paramName)
    {
        WriteLength(data.Length, paramName);
        data.CopyTo(Next(data.Length));
    }

    /// <summary>Bytes with no length header (a fixed-size field).</summary>
    internal void WriteFixed(ReadOnlySpan<byte> data) => data.CopyTo(Next(data.Length));

    private Span<byte> Next(int length)
    {
        if (length > _destination.Length - _written) MlsThrowHelper.DestinationTooSmall("destination");
        Span<byte> next = _destination.Slice(_written, length);
        _written += length;
        return next;
    }
}
