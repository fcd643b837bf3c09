// libsodium's Ed25519 point check, for SignatureAlgorithm.Ed25519.ImportPublicKey (Signatures/Ed25519Algorithm.cs).
// The signing and verifying bindings are in Sodium.cs.
using System.Runtime.InteropServices;

namespace NoFuture.Crypto.Interop;

internal static unsafe partial class Sodium
{
    /// <summary>
    /// 1 when p (32 bytes) is a canonical encoding of a point of the prime-order subgroup other than a small-order
    /// point; 0 otherwise.
    /// </summary>
    [LibraryImport(Lib, EntryPoint = "crypto_core_ed25519_is_valid_point", SetLastError = true)]
    internal static partial int CryptoCoreEd25519IsValidPoint(byte* p);
}
