// Appends HPKE's encodings (raw bytes, I2OSP(n, 2), length-prefixed strings) into a span. A plain local, never a
// `using` variable: those are read-only, and the position must advance.
using System.Buffers.Binary;

namespace NoFuture.Crypto.Hpke;

internal ref struct HpkeWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _written;

    /// <summary>The bytes written so far.</summary>
    internal readonly ReadOnlySpan<byte> Written => _destination[.._written];

    /// <summary>Appends <paramref name="data"/>.</summary>
    internal void Append(scoped ReadOnlySpan<byte> data)
    {
        data.CopyTo(_destination[_written..]);
        _written += data.Length;
    }

    /// <summary>Appends I2OSP(<paramref name="value"/>, 2).</summary>
    internal void AppendUInt16(int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_destination[_written..], checked((ushort)value));
        _written += 2;
    }

    /// <summary>Appends lp(data) = I2OSP(len(data), 2) || data (draft-ietf-hpke-hpke).</summary>
    internal void AppendLengthPrefixed(scoped ReadOnlySpan<byte> data)
    {
        AppendUInt16(data.Length);
        Append(data);
    }

    /// <summary>Appends one byte.</summary>
    internal void AppendByte(byte value) => _destination[_written++] = value;
}
