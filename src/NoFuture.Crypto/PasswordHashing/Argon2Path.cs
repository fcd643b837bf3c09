// The implementations of Argon2's compression function G (RFC 9106 §3.5, §3.6). All compute the same bits; tests
// run the vectors through each one, and benchmarks compare them. Best is chosen once from the hardware.
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.PasswordHashing;

/// <summary>Which code computes the compression function G.</summary>
internal enum Argon2Path
{
    /// <summary>One 64-bit word at a time.</summary>
    Scalar,

    /// <summary>Vector128&lt;ulong&gt;: one 16-byte register of the RFC per vector (SSE2/SSSE3 or AdvSimd, else emulated).</summary>
    Vector128,

    /// <summary>Vector256&lt;ulong&gt; over AVX2: a whole row, or two columns, in four vectors.</summary>
    Vector256,
}

internal static class Argon2Paths
{
    /// <summary>The fastest path this machine runs.</summary>
    internal static Argon2Path Best { get; } =
        Avx2.IsSupported ? Argon2Path.Vector256 :
        Vector128.IsHardwareAccelerated ? Argon2Path.Vector128 : Argon2Path.Scalar;

    /// <summary>True when the path can run here (Vector256 needs AVX2; the others run everywhere).</summary>
    internal static bool IsSupported(Argon2Path path) => path != Argon2Path.Vector256 || Avx2.IsSupported;
}
