// Dispatch of ML-KEM's polynomial operations to the chosen path (MlKemPath): PolyScalar (integer arithmetic,
// congruent to the reference code in Ntt and FieldArithmetic), or PolyVector128 / PolyVector256 (equal to the
// reference value for value). The path is public configuration, never secret.
using System.Runtime.CompilerServices;

namespace NoFuture.Crypto.MlKem.Simd;

internal static class PolyOps
{
    /// <summary>FIPS 203, Algorithm 9 (Ntt.Forward).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Forward(MlKemPath path, Span<short> f)
    {
        if (path == MlKemPath.Vector256) PolyVector256.Forward(f);
        else if (path == MlKemPath.Vector128) PolyVector128.Forward(f);
        else PolyScalar.Forward(f);
    }

    /// <summary>FIPS 203, Algorithm 10 times R (Ntt.InverseToMontgomery).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void InverseToMontgomery(MlKemPath path, Span<short> f)
    {
        if (path == MlKemPath.Vector256) PolyVector256.InverseToMontgomery(f);
        else if (path == MlKemPath.Vector128) PolyVector128.InverseToMontgomery(f);
        else PolyScalar.InverseToMontgomery(f);
    }

    /// <summary>FIPS 203, Algorithms 11-12, accumulated (Ntt.MultiplyAccumulate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void MultiplyAccumulate(MlKemPath path, ReadOnlySpan<short> f, ReadOnlySpan<short> g, Span<short> h)
    {
        if (path == MlKemPath.Vector256) PolyVector256.MultiplyAccumulate(f, g, h);
        else if (path == MlKemPath.Vector128) PolyVector128.MultiplyAccumulate(f, g, h);
        else Ntt.MultiplyAccumulate(f, g, h);
    }

    /// <summary>
    /// h = sum over e &lt; k of f_e x g_e R^-1 (Algorithms 11-12 over a vector of k polynomials, h overwritten),
    /// in (-q, q). f and g hold k polynomials each, with coefficients in (-q, q).
    /// </summary>
    internal static void InnerProduct(MlKemPath path, ReadOnlySpan<short> f, ReadOnlySpan<short> g, int k, Span<short> h)
    {
        if (path == MlKemPath.Scalar)
        {
            PolyScalar.InnerProduct(f, g, k, h);
            return;
        }
        h.Clear();
        for (int e = 0; e < k; e++) MultiplyAccumulate(path, f.Slice(e * Ntt.N, Ntt.N), g.Slice(e * Ntt.N, Ntt.N), h);
        Reduce(path, h);
    }

    /// <summary>FieldArithmetic.Reduce.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Reduce(MlKemPath path, Span<short> f)
    {
        if (path == MlKemPath.Vector256) PolyVector256.Reduce(f);
        else if (path == MlKemPath.Vector128) PolyVector128.Reduce(f);
        else PolyScalar.Reduce(f);
    }

    /// <summary>FieldArithmetic.Normalize.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Normalize(MlKemPath path, Span<short> f)
    {
        if (path == MlKemPath.Vector256) PolyVector256.Normalize(f);
        else if (path == MlKemPath.Vector128) PolyVector128.Normalize(f);
        else PolyScalar.Normalize(f);
    }

    /// <summary>FieldArithmetic.ToMontgomery.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ToMontgomery(MlKemPath path, Span<short> f)
    {
        if (path == MlKemPath.Vector256) PolyVector256.ToMontgomery(f);
        else if (path == MlKemPath.Vector128) PolyVector128.ToMontgomery(f);
        else PolyScalar.ToMontgomery(f);
    }

    /// <summary>FieldArithmetic.Add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Add(MlKemPath path, Span<short> f, ReadOnlySpan<short> g)
    {
        if (path == MlKemPath.Vector256) PolyVector256.Add(f, g);
        else if (path == MlKemPath.Vector128) PolyVector128.Add(f, g);
        else PolyScalar.Add(f, g);
    }

    /// <summary>FieldArithmetic.SubtractFrom.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SubtractFrom(MlKemPath path, Span<short> f, ReadOnlySpan<short> g)
    {
        if (path == MlKemPath.Vector256) PolyVector256.SubtractFrom(f, g);
        else if (path == MlKemPath.Vector128) PolyVector128.SubtractFrom(f, g);
        else PolyScalar.SubtractFrom(f, g);
    }

    /// <summary>PolyEncoding.CompressAndEncode: ByteEncode_d(Compress_d(f)) for f in [0, q).</summary>
    internal static void CompressAndEncode(MlKemPath path, ReadOnlySpan<short> f, int d, Span<byte> b, Span<short> scratch)
    {
        if (path == MlKemPath.Vector256) PolyVector256.Compress(f, d, scratch);
        else if (path == MlKemPath.Vector128) PolyVector128.Compress(f, d, scratch);
        else
        {
            PolyEncoding.CompressAndEncode(f, d, b, scratch);
            return;
        }
        PolyEncoding.ByteEncode(scratch, d, b);
    }

    /// <summary>PolyEncoding.DecodeAndDecompress: Decompress_d(ByteDecode_d(b)).</summary>
    internal static void DecodeAndDecompress(MlKemPath path, ReadOnlySpan<byte> b, int d, Span<short> f)
    {
        if (path == MlKemPath.Vector256)
        {
            PolyEncoding.ByteDecode(b, d, f);
            PolyVector256.Decompress(f, d);
        }
        else if (path == MlKemPath.Vector128)
        {
            PolyEncoding.ByteDecode(b, d, f);
            PolyVector128.Decompress(f, d);
        }
        else
        {
            PolyEncoding.DecodeAndDecompress(b, d, f);
        }
    }
}
