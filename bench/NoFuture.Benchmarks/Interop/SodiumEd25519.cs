// libsodium's Ed25519 calls, for the peer rows of Ed25519Benchmarks: the library NoFuture's own Ed25519 goes through,
// called directly, so the difference between the rows is the cost of our API layer (checks, the secret-memory lease).
using System.Runtime.InteropServices;

namespace NoFuture.Benchmarks.Interop;

internal static unsafe partial class Sodium
{
    [LibraryImport(Library)]
    internal static partial int crypto_sign_ed25519_seed_keypair(byte* pk, byte* sk, byte* seed);

    [LibraryImport(Library)]
    internal static partial int crypto_sign_ed25519_detached(byte* sig, ulong* siglen, byte* m, ulong mlen, byte* sk);

    [LibraryImport(Library)]
    internal static partial int crypto_sign_ed25519_verify_detached(byte* sig, byte* m, ulong mlen, byte* pk);
}
