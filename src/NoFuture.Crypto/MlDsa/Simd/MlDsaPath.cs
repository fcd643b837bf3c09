// The implementation paths of ML-DSA's polynomial arithmetic and sampling: Vector256 and Vector128 paths with a
// scalar fallback, selected at run time, each tested on the same vectors. Every path computes the same values bit
// for bit (the vector code performs the scalar code's operations lane by lane), so signatures are identical.
namespace NoFuture.Crypto.MlDsa.Simd;

/// <summary>Which code computes ML-DSA's polynomials and Keccak sampling.</summary>
internal enum MlDsaPath
{
    /// <summary>Integer arithmetic only (Field, Ntt, Rounding) and one Keccak state at a time.</summary>
    Scalar,

    /// <summary>Vector128&lt;int&gt; arithmetic (4 coefficients, SSE4.1); scalar Keccak.</summary>
    Vector128,

    /// <summary>Vector256&lt;int&gt; arithmetic (8 coefficients, AVX2) and the 4-way Vector256&lt;ulong&gt; Keccak.</summary>
    Vector256,
}
