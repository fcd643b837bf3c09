// SPQR's erasure code (the SparsePostQuantumRatchet crate, src/encoding/polynomial.rs): a systematic Reed-Solomon
// style code over GF(2^16) (Gf16) that cuts a message into 32-byte chunks, any sufficient set of which rebuilds it.
//
// The code, as the crate defines it (facts of the format; the arithmetic below is ours):
// - The message (even length L) is read as V = L / 2 big-endian 16-bit values; value v belongs to polynomial
//   v mod 16 at the point x = v div 16. Polynomial i thus holds n_i = V div 16 (+ 1 when i < V mod 16) values, at
//   x = 0 .. n_i - 1, and is the unique polynomial of degree below n_i through them (the zero polynomial if n_i = 0).
// - Chunk k (a 16-bit index) carries, for i = 0 .. 15, polynomial i evaluated at x = k, big-endian, at bytes
//   2i, 2i + 1: 32 bytes. For k below n_i that is the message value itself (the code is systematic).
// - Any ceil(V / 16) chunks with distinct indices determine every polynomial, so the message.
//
// Evaluation uses the barycentric form of Lagrange interpolation: with weights w_j = 1 / prod_{k != j}(x_j - x_k),
// P(x) = sum_j y_j w_j prod_{k != j}(x - x_k) for x outside the points. The products over k != j come from prefix
// and suffix products, so no division is needed per evaluation; only the weights take n inversions.
using System.Diagnostics;

namespace NoFuture.Sessions.Spqr.Encoding;

/// <summary>Sizes and the interpolation arithmetic shared by <see cref="PolyEncoder"/> and <see cref="PolyDecoder"/>.</summary>
internal static class PolynomialCode
{
    /// <summary>Bytes of data in one chunk: one 16-bit value of each of the 16 polynomials.</summary>
    internal const int ChunkDataSize = 32;

    /// <summary>Number of polynomials a message is spread over.</summary>
    internal const int PolynomialCount = 16;

    /// <summary>Largest message, the crate's limit: 2^16 * 16 bytes (1 MiB; 2^15 points per polynomial).</summary>
    internal const int MaxMessageSize = (1 << 16) * PolynomialCount;

    /// <summary>Up to this many points, scratch vectors go on the stack.</summary>
    internal const int StackPoints = 128;

    /// <summary>True when <paramref name="length"/> is a valid message length (even, 0 .. <see cref="MaxMessageSize"/>).</summary>
    internal static bool IsValidLength(int length) => length >= 0 && length <= MaxMessageSize && length % 2 == 0;

    /// <summary>n_i: how many message values polynomial <paramref name="polynomial"/> holds out of <paramref name="valueCount"/>.</summary>
    internal static int PointsOf(int polynomial, int valueCount) =>
        valueCount / PolynomialCount + (polynomial < valueCount % PolynomialCount ? 1 : 0);

    /// <summary>Chunks needed to rebuild a message of <paramref name="valueCount"/> values: ceil(V / 16).</summary>
    internal static int ChunksNeeded(int valueCount) => (valueCount + PolynomialCount - 1) / PolynomialCount;

    /// <summary>Barycentric weights w_j = 1 / prod_{k != j}(x_j - x_k) of distinct points <paramref name="xs"/>.</summary>
    internal static void Weights(ReadOnlySpan<ushort> xs, Span<ushort> weights)
    {
        Debug.Assert(weights.Length == xs.Length);
        for (int j = 0; j < xs.Length; j++)
        {
            ushort product = 1;
            for (int k = 0; k < xs.Length; k++)
                if (k != j) product = Gf16.Multiply(product, (ushort)(xs[j] ^ xs[k]));
            weights[j] = Gf16.Inverse(product);
        }
    }

    /// <summary>
    /// Coefficients c_j = w_j prod_{k != j}(x - x_k), so that P(x) = sum_j c_j y_j for the polynomial through
    /// (xs[j], y_j). <paramref name="x"/> must not be one of <paramref name="xs"/>.
    /// </summary>
    internal static void EvaluationCoefficients(ReadOnlySpan<ushort> xs, ReadOnlySpan<ushort> weights, ushort x, Span<ushort> coefficients)
    {
        int n = xs.Length;
        Debug.Assert(weights.Length == n && coefficients.Length == n);
        // coefficients[j] = prod_{k < j}(x - x_k), then times prod_{k > j}(x - x_k) from the right, then times w_j.
        ushort prefix = 1;
        for (int j = 0; j < n; j++)
        {
            coefficients[j] = prefix;
            prefix = Gf16.Multiply(prefix, (ushort)(x ^ xs[j]));
        }
        ushort suffix = 1;
        for (int j = n - 1; j >= 0; j--)
        {
            coefficients[j] = Gf16.Multiply(Gf16.Multiply(coefficients[j], suffix), weights[j]);
            suffix = Gf16.Multiply(suffix, (ushort)(x ^ xs[j]));
        }
    }

    /// <summary>sum_j c_j y_j where y_j = values[first + j * stride].</summary>
    internal static ushort Combine(ReadOnlySpan<ushort> coefficients, ReadOnlySpan<ushort> values, int first, int stride)
    {
        ushort sum = 0;
        for (int j = 0; j < coefficients.Length; j++) sum ^= Gf16.Multiply(coefficients[j], values[first + j * stride]);
        return sum;
    }
}
