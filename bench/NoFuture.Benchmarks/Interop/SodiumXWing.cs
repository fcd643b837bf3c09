// libsodium 1.0.22's X-Wing (crypto_kem_xwing.h): the peer of the X-Wing benchmarks.
// Sizes: pk 1216, sk 32 (the seed: libsodium re-expands it on every decapsulation), ct 1120, ss 32, eseed 64.
using System.Runtime.InteropServices;

namespace NoFuture.Benchmarks.Interop;

internal static unsafe partial class SodiumXWing
{
    private const string Library = "libsodium";

    internal const int PublicKeyBytes = 1216, SecretKeyBytes = 32, CiphertextBytes = 1120, SharedSecretBytes = 32, SeedBytes = 32;

    [LibraryImport(Library)]
    internal static partial int crypto_kem_xwing_seed_keypair(byte* pk, byte* sk, byte* seed);

    /// <summary>Encapsulation with fresh randomness.</summary>
    [LibraryImport(Library)]
    internal static partial int crypto_kem_xwing_enc(byte* ct, byte* ss, byte* pk);

    /// <summary>Encapsulation with the 64-byte eseed given.</summary>
    [LibraryImport(Library)]
    internal static partial int crypto_kem_xwing_enc_deterministic(byte* ct, byte* ss, byte* pk, byte* seed);

    [LibraryImport(Library)]
    internal static partial int crypto_kem_xwing_dec(byte* ss, byte* ct, byte* sk);
}
