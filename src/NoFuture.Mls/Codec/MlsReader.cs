// A reader over a peer's bytes in the TLS presentation language (RFC 9420 §2.1). It never reads past its span: every
// read checks the remaining length first and reports a short input as MlsException(Truncated), so no other exception
// type escapes a decoder built on it.
using System.Buffers.Binary;

namespace NoFuture.Mls.Codec;

internal ref struct MlsReader
{
    private ReadOnlySpan<byte> _remaining;

    internal MlsReader(ReadOnlySpan<byte> source) => _remaining = source;

    /// <summary>The bytes not read yet.</summary>
    internal readonly ReadOnlySpan<byte> Remaining => _remaining;

    internal readonly bool IsEmpty => _remaining.IsEmpty;

    internal byte ReadUInt8(string what) => Take(1, what)[0];

    internal ushort ReadUInt16(string what) => BinaryPrimitives.ReadUInt16BigEndian(Take(2, what));

    internal uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32BigEndian(Take(4, what));

    internal ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64BigEndian(Take(8, what));

    /// <summary>A variable-length vector's length header (RFC 9420 §2.1.2).</summary>
    internal int ReadLength(string what)
    {
        if (!VarInt.TryRead(_remaining, out int value, out int size, what)) MlsThrowHelper.Decode(MlsError.Truncated, what);
        _remaining = _remaining[size..];
        return value;
    }

    /// <summary>opaque data&lt;V&gt;: a length header and that many bytes, as a slice of the input (no copy).</summary>
    internal ReadOnlySpan<byte> ReadOpaque(string what) => Take(ReadLength(what), what);

    /// <summary>A fixed number of bytes, as a slice of the input (no copy).</summary>
    internal ReadOnlySpan<byte> ReadFixed(int length, string what) => Take(length, what);

    /// <summary>A vector&lt;V&gt; of structures: a reader over exactly its bytes, to be read to its end.</summary>
    internal MlsReader ReadVector(string what) => new(ReadOpaque(what));

    /// <summary>optional&lt;T&gt;'s presence byte (RFC 9420 §2.1.3): 0 or 1, anything else is invalid.</summary>
    internal bool ReadPresence(string what)
    {
        byte b = ReadUInt8(what);
        if (b > 1) MlsThrowHelper.Decode(MlsError.InvalidValue, what);
        return b == 1;
    }

    /// <summary>Refuses bytes after the end of a structure that must fill its input.</summary>
    internal readonly void EnsureEnd(string what)
    {
        if (!_remaining.IsEmpty) MlsThrowHelper.Decode(MlsError.TrailingBytes, what);
    }

    private ReadOnlySpan<byte> Take(int length, string what)
    {
        if ((uint)length > (uint)_remaining.Length) MlsThrowHelper.Decode(MlsError.Truncated, what);
        ReadOnlySpan<byte> taken = _remaining[..length];
        _remaining = _remaining[length..];
        return taken;
    }
}
