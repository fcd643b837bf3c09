// The implementation paths of ML-KEM's arithmetic and sampling: Vector256 and Vector128 paths with a
// scalar fallback, selected at runtime, each tested. Every path computes the same values bit for bit: the SIMD
// code performs the scalar code's operations lane by lane, so tests compare paths byte for byte.
namespace NoFuture.Crypto.MlKem.Simd;

/// <summary>Which code computes ML-KEM's polynomials and Keccak sampling.</summary>
internal enum MlKemPath
{
    /// <summary>Integer arithmetic only, no vectors (PolyScalar), and one Keccak state at a time (KeccakF1600).</summary>
    Scalar,

    /// <summary>Vector128&lt;short&gt; arithmetic (8 coefficients); scalar Keccak.</summary>
    Vector128,

    /// <summary>Vector256&lt;short&gt; arithmetic (16 coefficients) and the 4-way Vector256&lt;ulong&gt; Keccak.</summary>
    Vector256,
}
