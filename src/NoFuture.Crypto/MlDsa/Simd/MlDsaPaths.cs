// Run-time selection of the ML-DSA path: Vector256 where AVX2 is available, else Vector128 where SSE4.1 is, else
// scalar. The vector paths use x86 intrinsics (pmuldq for the 32 x 32 -> 64-bit products of Montgomery reduction,
// and in-register shuffles for the last NTT layers), so unlike ML-KEM's they are only usable where those
// instructions exist; tests skip an unavailable path. Nothing here is mutable.
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.MlDsa.Simd;

internal static class MlDsaPaths
{
    /// <summary>The fastest path this machine supports.</summary>
    internal static MlDsaPath Best { get; } =
        IsAvailable(MlDsaPath.Vector256) ? MlDsaPath.Vector256 :
        IsAvailable(MlDsaPath.Vector128) ? MlDsaPath.Vector128 : MlDsaPath.Scalar;

    /// <summary>True when <paramref name="path"/> can run here (always true for Scalar).</summary>
    internal static bool IsAvailable(MlDsaPath path) => path switch
    {
        MlDsaPath.Vector256 => Avx2.IsSupported,
        MlDsaPath.Vector128 => Sse41.IsSupported,
        _ => true,
    };
}
