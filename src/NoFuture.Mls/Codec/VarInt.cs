// The variable-length integer of RFC 9420 §2.1.2 (QUIC's, RFC 9000 §16, without the 8-byte form): the top two bits of
// the first byte give the size (0b00: 1 byte, 6 bits; 0b01: 2 bytes, 14 bits; 0b10: 4 bytes, 30 bits; 0b11: invalid),
// and the value must be encoded in the fewest bytes that hold it. MLS uses it for the length of every vector<V>.
using System.Buffers.Binary;

namespace NoFuture.Mls.Codec;

internal static class VarInt
{
    /// <summary>The largest value the 4-byte form holds: 2^30 − 1.</summary>
    internal const int MaxValue = (1 << 30) - 1;

    /// <summary>The number of bytes <paramref name="value"/> takes (1, 2 or 4); the caller has checked the range.</summary>
    internal static int SizeOf(int value) => value < 64 ? 1 : value < 16384 ? 2 : 4;

    /// <summary>Writes the shortest encoding of <paramref name="value"/> (0 ≤ value ≤ <see cref="MaxValue"/>); returns its size.</summary>
    internal static int Write(Span<byte> destination, int value)
    {
        if (value < 64)
        {
            destination[0] = (byte)value;
            return 1;
        }
        if (value < 16384)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(0x4000 | value));
            return 2;
        }
        BinaryPrimitives.WriteUInt32BigEndian(destination, 0x8000_0000u | (uint)value);
        return 4;
    }

    /// <summary>Reads a length header; false (nothing consumed) when the input is too short, and
    /// <see cref="MlsError.InvalidLengthHeader"/> for the reserved prefix or a non-minimal form.</summary>
    internal static bool TryRead(ReadOnlySpan<byte> source, out int value, out int size, string what)
    {
        value = 0;
        size = 0;
        if (source.IsEmpty) return false;
        int prefix = source[0] >> 6;
        switch (prefix)
        {
            case 0:
                value = source[0];
                size = 1;
                return true;
            case 1:
                if (source.Length < 2) return false;
                value = BinaryPrimitives.ReadUInt16BigEndian(source) & 0x3FFF;
                if (value < 64) MlsThrowHelper.Decode(MlsError.InvalidLengthHeader, what);
                size = 2;
                return true;
            case 2:
                if (source.Length < 4) return false;
                value = (int)(BinaryPrimitives.ReadUInt32BigEndian(source) & 0x3FFF_FFFF);
                if (value < 16384) MlsThrowHelper.Decode(MlsError.InvalidLengthHeader, what);
                size = 4;
                return true;
            default:
                MlsThrowHelper.Decode(MlsError.InvalidLengthHeader, what);
                return false;
        }
    }
}
