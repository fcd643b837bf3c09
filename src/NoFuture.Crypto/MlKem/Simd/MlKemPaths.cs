// Runtime selection of the ML-KEM path: Vector256 where the hardware accelerates it, else Vector128, else scalar.
// Tests and benchmarks pass a path explicitly to the MlKemCore overloads that take one; nothing here is mutable,
// so parallel tests cannot disturb each other. A path whose vectors are not accelerated still computes correct
// results (the BCL emulates the vector operations), only slowly.
using System.Runtime.Intrinsics;

namespace NoFuture.Crypto.MlKem.Simd;

internal static class MlKemPaths
{
    /// <summary>The fastest path this machine accelerates.</summary>
    internal static MlKemPath Best { get; } =
        Vector256.IsHardwareAccelerated ? MlKemPath.Vector256 :
        Vector128.IsHardwareAccelerated ? MlKemPath.Vector128 : MlKemPath.Scalar;

    /// <summary>True when <paramref name="path"/> runs on vector hardware here (always true for Scalar).</summary>
    internal static bool IsAccelerated(MlKemPath path) => path switch
    {
        MlKemPath.Vector256 => Vector256.IsHardwareAccelerated,
        MlKemPath.Vector128 => Vector128.IsHardwareAccelerated,
        _ => true,
    };
}
