// The sending side of SPQR's erasure code (format in PolynomialCode.cs): chunk k of a message, for any 16-bit k.
// Like the crate's encoder it counts the chunks it has handed out (a 32-bit counter whose low 16 bits are the next
// index, wrapping), so a session can send "the next chunk" with each message and persist the counter.
//
// Choices:
// - The message is public (an ML-KEM header, encapsulation key or ciphertext with its MAC): it is kept as its 16-bit
//   values in a managed array. No secret may be encoded with this type.
// - Chunks below n_i are copies of the message; others are evaluated with barycentric coefficients over the points
//   0 .. n - 1 (and 0 .. n - 2 for the polynomials holding one value fewer), whose weights are computed once, on the
//   first chunk that needs them.
using System.Buffers.Binary;

namespace NoFuture.Sessions.Spqr.Encoding;

/// <summary>Produces the erasure-coded chunks of one public message (SPQR's polynomial encoder).</summary>
internal sealed class PolyEncoder
{
    private readonly ushort[] _values;       // value v is polynomial v % 16 at x = v / 16
    private readonly int _pointsFull;        // n = ceil(V / 16): points of polynomials 0 .. V % 16 - 1 (all when V % 16 == 0)
    private ushort[]? _weightsFull, _weightsShort; // barycentric weights over x = 0 .. n - 1 and 0 .. n - 2

    /// <summary>Encodes <paramref name="message"/> (copied); the first chunk handed out by <see cref="NextChunk"/> is <paramref name="nextIndex"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is odd or above <see cref="PolynomialCode.MaxMessageSize"/>.</exception>
    internal PolyEncoder(ReadOnlySpan<byte> message, uint nextIndex = 0)
    {
        if (!PolynomialCode.IsValidLength(message.Length))
            SpqrThrowHelper.MessageLengthInvalid(nameof(message), PolynomialCode.MaxMessageSize);
        _values = new ushort[message.Length / 2];
        for (int v = 0; v < _values.Length; v++) _values[v] = BinaryPrimitives.ReadUInt16BigEndian(message.Slice(2 * v, 2));
        _pointsFull = PolynomialCode.ChunksNeeded(_values.Length);
        NextIndex = nextIndex;
    }

    /// <summary>A copy with the same message and counter, for copying a protocol state. The message values and the
    /// barycentric weights are shared: neither is ever written after it is set, and the counter is the copy's own.</summary>
    internal PolyEncoder Copy() => new(this);

    private PolyEncoder(PolyEncoder other)
    {
        _values = other._values;
        _pointsFull = other._pointsFull;
        _weightsFull = other._weightsFull;
        _weightsShort = other._weightsShort;
        _xs = other._xs;
        NextIndex = other.NextIndex;
    }

    /// <summary>Length of the encoded message in bytes.</summary>
    internal int MessageLength => _values.Length * 2;

    /// <summary>Chunks a decoder needs: ceil(length / 32).</summary>
    internal int ChunksNeeded => _pointsFull;

    /// <summary>Copies the encoded message into <paramref name="destination"/> (exactly <see cref="MessageLength"/> bytes), to persist the encoder with <see cref="NextIndex"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong size.</exception>
    internal void CopyMessage(Span<byte> destination)
    {
        if (destination.Length != MessageLength) SpqrThrowHelper.WrongSize(nameof(destination), MessageLength);
        for (int v = 0; v < _values.Length; v++) BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2 * v, 2), _values[v]);
    }

    /// <summary>The counter of chunks handed out; its low 16 bits are the index of the next chunk.</summary>
    internal uint NextIndex { get; private set; }

    /// <summary>Writes the next chunk's 32 bytes and returns its index; the counter advances (wrapping).</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is not 32 bytes (the counter does not advance).</exception>
    internal ushort NextChunk(Span<byte> data)
    {
        ushort index = (ushort)NextIndex;
        WriteChunk(index, data);
        NextIndex = unchecked(NextIndex + 1);
        return index;
    }

    /// <summary>Writes the 32 data bytes of chunk <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is not 32 bytes.</exception>
    internal void WriteChunk(ushort index, Span<byte> data)
    {
        if (data.Length != PolynomialCode.ChunkDataSize) SpqrThrowHelper.WrongSize(nameof(data), PolynomialCode.ChunkDataSize);
        const int P = PolynomialCode.PolynomialCount;
        int n = _pointsFull, remainder = _values.Length % P;
        int fullPolynomials = remainder == 0 ? P : remainder; // polynomials 0 .. fullPolynomials - 1 hold n points, the rest n - 1
        WriteGroup(index, 0, fullPolynomials, n, ref _weightsFull, data);
        if (fullPolynomials < P) WriteGroup(index, fullPolynomials, P, n - 1, ref _weightsShort, data);
    }

    /// <summary>Chunk values of polynomials first .. end - 1, which hold <paramref name="points"/> points each.</summary>
    private void WriteGroup(ushort index, int first, int end, int points, ref ushort[]? weights, Span<byte> data)
    {
        const int P = PolynomialCode.PolynomialCount;
        if (index < points)
        {
            for (int i = first; i < end; i++) BinaryPrimitives.WriteUInt16BigEndian(data.Slice(2 * i, 2), _values[index * P + i]);
            return;
        }
        if (points == 0)
        {
            data[(2 * first)..(2 * end)].Clear(); // the zero polynomial
            return;
        }
        ReadOnlySpan<ushort> xs = Xs(points);
        if (weights is null)
        {
            var w = new ushort[points];
            PolynomialCode.Weights(xs, w);
            weights = w;
        }
        Span<ushort> coefficients = points <= PolynomialCode.StackPoints ? stackalloc ushort[points] : new ushort[points];
        PolynomialCode.EvaluationCoefficients(xs, weights, index, coefficients);
        for (int i = first; i < end; i++)
            BinaryPrimitives.WriteUInt16BigEndian(data.Slice(2 * i, 2), PolynomialCode.Combine(coefficients, _values, i, P));
    }

    /// <summary>The points 0 .. n - 1 (x_j = j), n at most <see cref="_pointsFull"/>.</summary>
    private ReadOnlySpan<ushort> Xs(int n)
    {
        if (_xs is null)
        {
            var xs = new ushort[_pointsFull];
            for (int j = 0; j < xs.Length; j++) xs[j] = (ushort)j;
            _xs = xs;
        }
        return _xs.AsSpan(0, n);
    }

    private ushort[]? _xs;
}
