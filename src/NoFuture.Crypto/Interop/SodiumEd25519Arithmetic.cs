// libsodium's Ed25519 group and scalar arithmetic (crypto_core_ed25519_*, crypto_scalarmult_ed25519_*), for XEdDSA
// (Signatures/XEdDsa.cs), which signs with an X25519 scalar and so cannot use crypto_sign_ed25519.
using System.Runtime.InteropServices;

namespace NoFuture.Crypto.Interop;

internal static unsafe partial class Sodium
{
    /// <summary>q = n·B for a 32-byte scalar n used as is (no clamping); -1 when q is the identity.</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_scalarmult_ed25519_base_noclamp", SetLastError = true)]
    internal static partial int CryptoScalarMultEd25519BaseNoClamp(byte* q, byte* n);

    /// <summary>
    /// q = n·p for a 32-byte scalar n used as is; -1 when p is not a canonical main-subgroup point or q is the identity.
    /// </summary>
    [LibraryImport(Lib, EntryPoint = "crypto_scalarmult_ed25519_noclamp", SetLastError = true)]
    internal static partial int CryptoScalarMultEd25519NoClamp(byte* q, byte* n, byte* p);

    /// <summary>r = p - q for two valid points (32 bytes each); -1 when an input is not a valid point.</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_core_ed25519_sub", SetLastError = true)]
    internal static partial int CryptoCoreEd25519Sub(byte* r, byte* p, byte* q);

    /// <summary>r = s mod L for a 64-byte little-endian s (r 32 bytes).</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_core_ed25519_scalar_reduce", SetLastError = true)]
    internal static partial void CryptoCoreEd25519ScalarReduce(byte* r, byte* s);

    /// <summary>z = x·y mod L (32 bytes each).</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_core_ed25519_scalar_mul", SetLastError = true)]
    internal static partial void CryptoCoreEd25519ScalarMul(byte* z, byte* x, byte* y);

    /// <summary>z = x + y mod L (32 bytes each).</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_core_ed25519_scalar_add", SetLastError = true)]
    internal static partial void CryptoCoreEd25519ScalarAdd(byte* z, byte* x, byte* y);
}
