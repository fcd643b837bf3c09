// The receiving side of SPQR's erasure code (format in PolynomialCode.cs): collects chunks in any order until
// ceil(L / 32) distinct indices have arrived, then rebuilds the message.
//
// Choices:
// - A chunk gives one point (x = its index) to each of the 16 polynomials, so the decoder keeps whole chunks, sorted
//   by index, rather than per-polynomial point sets. A repeated index is ignored (the first chunk with an index
//   wins), and once enough chunks are held further ones are ignored: memory is bounded by the message size.
//   For chunks from an honest encoder this rebuilds exactly the crate's message; chunks are not authenticated here
//   (SPQR authenticates the rebuilt message with its MAC), so inconsistent chunks give a wrong message, not an error.
// - Indices are 16 bits on the wire's 32-bit field: anything else, or data that is not 32 bytes, is hostile input
//   and rejected with CryptoException (InvalidEncoding) before the decoder changes.
// - Values at x = 0 .. n_i - 1 that arrived in a chunk are copied; the others are evaluated from the lowest n_i
//   indices held (all of them, or all but the highest for the polynomials holding one value fewer).
// - Public data only: managed arrays.
using System.Buffers.Binary;

namespace NoFuture.Sessions.Spqr.Encoding;

/// <summary>Rebuilds one public message from SPQR erasure-coded chunks (SPQR's polynomial decoder).</summary>
internal sealed class PolyDecoder
{
    private readonly int _valueCount;
    private readonly ushort[] _indices;  // sorted, distinct; the first _count are in use
    private readonly ushort[] _values;   // chunk at _indices[c]: its 16 values at _values[16 c ..]
    private int _count;

    /// <summary>A decoder for a message of <paramref name="messageLength"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is odd, negative or above <see cref="PolynomialCode.MaxMessageSize"/>.</exception>
    internal PolyDecoder(int messageLength)
    {
        if (!PolynomialCode.IsValidLength(messageLength))
            SpqrThrowHelper.MessageLengthInvalid(nameof(messageLength), PolynomialCode.MaxMessageSize);
        _valueCount = messageLength / 2;
        ChunksNeeded = PolynomialCode.ChunksNeeded(_valueCount);
        _indices = new ushort[ChunksNeeded];
        _values = new ushort[ChunksNeeded * PolynomialCode.PolynomialCount];
    }

    /// <summary>An independent copy holding the same chunks (arrays copied), for copying a protocol state.</summary>
    internal PolyDecoder Copy() => new(this);

    private PolyDecoder(PolyDecoder other)
    {
        _valueCount = other._valueCount;
        ChunksNeeded = other.ChunksNeeded;
        _indices = (ushort[])other._indices.Clone();
        _values = (ushort[])other._values.Clone();
        _count = other._count;
    }

    /// <summary>Length of the message in bytes.</summary>
    internal int MessageLength => _valueCount * 2;

    /// <summary>Distinct chunks needed: ceil(length / 32).</summary>
    internal int ChunksNeeded { get; }

    /// <summary>Distinct chunks held (at most <see cref="ChunksNeeded"/>).</summary>
    internal int ChunkCount => _count;

    /// <summary>True once enough distinct chunks are held to rebuild the message.</summary>
    internal bool IsComplete => _count == ChunksNeeded;

    /// <summary>
    /// Adds a chunk received from the peer. Duplicated indices, and chunks arriving after completion, are ignored.
    /// </summary>
    /// <param name="index">The chunk's index as received (a 16-bit value in a wider field).</param>
    /// <param name="data">The chunk's data as received.</param>
    /// <returns><see cref="IsComplete"/> after the chunk.</returns>
    /// <exception cref="NoFuture.Crypto.CryptoException"><paramref name="index"/> is outside 0 .. 65535 or
    /// <paramref name="data"/> is not 32 bytes (<see cref="NoFuture.Crypto.CryptoError.InvalidEncoding"/>); the decoder is unchanged.</exception>
    internal bool AddChunk(long index, ReadOnlySpan<byte> data)
    {
        if (index is < 0 or > ushort.MaxValue) SpqrThrowHelper.EncodingRejected("SPQR chunk index");
        if (data.Length != PolynomialCode.ChunkDataSize) SpqrThrowHelper.EncodingRejected("SPQR chunk data");
        if (IsComplete) return true;
        int position = Array.BinarySearch(_indices, 0, _count, (ushort)index);
        if (position >= 0) return false; // a duplicate: the first one stays
        position = ~position;
        const int P = PolynomialCode.PolynomialCount;
        Array.Copy(_indices, position, _indices, position + 1, _count - position);
        Array.Copy(_values, position * P, _values, (position + 1) * P, (_count - position) * P);
        _indices[position] = (ushort)index;
        for (int i = 0; i < P; i++) _values[position * P + i] = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(2 * i, 2));
        _count++;
        return IsComplete;
    }

    /// <summary>The held chunk number <paramref name="ordinal"/> (in index order), to persist the decoder: a new decoder fed the same chunks is the same.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ordinal"/> is not below <see cref="ChunkCount"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is not 32 bytes.</exception>
    internal ushort GetChunk(int ordinal, Span<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, _count);
        if (data.Length != PolynomialCode.ChunkDataSize) SpqrThrowHelper.WrongSize(nameof(data), PolynomialCode.ChunkDataSize);
        const int P = PolynomialCode.PolynomialCount;
        for (int i = 0; i < P; i++) BinaryPrimitives.WriteUInt16BigEndian(data.Slice(2 * i, 2), _values[ordinal * P + i]);
        return _indices[ordinal];
    }

    /// <summary>Rebuilds the message into <paramref name="destination"/> (exactly <see cref="MessageLength"/> bytes).</summary>
    /// <exception cref="InvalidOperationException">The decoder is not complete.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong size.</exception>
    internal void DecodeMessage(Span<byte> destination)
    {
        if (!IsComplete) SpqrThrowHelper.NotComplete();
        if (destination.Length != MessageLength) SpqrThrowHelper.WrongSize(nameof(destination), MessageLength);
        const int P = PolynomialCode.PolynomialCount;
        int n = ChunksNeeded, remainder = _valueCount % P;
        int fullPolynomials = remainder == 0 ? P : remainder; // these hold n values, the rest n - 1
        ushort[]? weightsFull = null, weightsShort = null;
        Span<ushort> coefficients = n <= PolynomialCode.StackPoints ? stackalloc ushort[n] : new ushort[n];
        ReadOnlySpan<ushort> xs = _indices.AsSpan(0, n);
        for (int x = 0; x < n; x++)
        {
            int held = Array.BinarySearch(_indices, 0, n, (ushort)x);
            if (held >= 0)
            {
                for (int i = 0; i < P && x * P + i < _valueCount; i++)
                    BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2 * (x * P + i), 2), _values[held * P + i]);
                continue;
            }
            // Polynomials with n points: over all n held indices.
            weightsFull ??= Weights(xs);
            PolynomialCode.EvaluationCoefficients(xs, weightsFull, (ushort)x, coefficients);
            for (int i = 0; i < fullPolynomials; i++)
                BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2 * (x * P + i), 2), PolynomialCode.Combine(coefficients, _values, i, P));
            // Polynomials with n - 1 points hold a value at x only below n - 1: over the lowest n - 1 indices.
            if (fullPolynomials == P || x >= n - 1) continue;
            ReadOnlySpan<ushort> shortXs = xs[..(n - 1)];
            weightsShort ??= Weights(shortXs);
            Span<ushort> shortCoefficients = coefficients[..(n - 1)];
            PolynomialCode.EvaluationCoefficients(shortXs, weightsShort, (ushort)x, shortCoefficients);
            for (int i = fullPolynomials; i < P; i++)
                BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2 * (x * P + i), 2), PolynomialCode.Combine(shortCoefficients, _values, i, P));
        }
    }

    /// <summary>Rebuilds the message into a new array.</summary>
    /// <exception cref="InvalidOperationException">The decoder is not complete.</exception>
    internal byte[] DecodeMessage()
    {
        var message = new byte[MessageLength];
        DecodeMessage(message);
        return message;
    }

    private static ushort[] Weights(ReadOnlySpan<ushort> xs)
    {
        var weights = new ushort[xs.Length];
        PolynomialCode.Weights(xs, weights);
        return weights;
    }
}
