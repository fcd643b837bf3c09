// libsodium 1.0.22's ML-KEM-768 (crypto_kem_mlkem768.h): the peer of the ML-KEM benchmarks. Reference C, no SIMD.
// Sizes: pk 1184, sk 2400 (the expanded FIPS 203 dk), ct 1088, ss 32, seed 64 (d || z).
using System.Runtime.InteropServices;

namespace NoFuture.Benchmarks.Interop;

internal static unsafe partial class SodiumMlKem
{
    private const string Library = "libsodium";

    internal const int PublicKeyBytes = 1184, SecretKeyBytes = 2400, CiphertextBytes = 1088, SharedSecretBytes = 32, SeedBytes = 64;

    /// <summary>Key pair from fresh randomness (randombytes_buf of 64 bytes, then the seeded key generation).</summary>
    [LibraryImport(Library)]
    internal static partial int crypto_kem_mlkem768_keypair(byte* pk, byte* sk);

    /// <summary>Key pair from the 64-byte seed d || z.</summary>
    [LibraryImport(Library)]
    internal static partial int crypto_kem_mlkem768_seed_keypair(byte* pk, byte* sk, byte* seed);

    /// <summary>Encapsulation with fresh randomness.</summary>
    [LibraryImport(Library)]
    internal static partial int crypto_kem_mlkem768_enc(byte* ct, byte* ss, byte* pk);

    /// <summary>Encapsulation with the 32-byte message m given.</summary>
    [LibraryImport(Library)]
    internal static partial int crypto_kem_mlkem768_enc_deterministic(byte* ct, byte* ss, byte* pk, byte* seed);

    /// <summary>Decapsulation (implicit rejection).</summary>
    [LibraryImport(Library)]
    internal static partial int crypto_kem_mlkem768_dec(byte* ss, byte* ct, byte* sk);
}
