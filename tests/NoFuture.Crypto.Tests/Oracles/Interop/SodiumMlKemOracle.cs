// Test-only binding of libsodium 1.0.22's ML-KEM-768 (crypto_kem_mlkem768.h), the oracle of LibsodiumMlKemTests.
// Sizes: pk 1184, sk 2400 (FIPS 203's expanded dk), ct 1088, ss 32; seed d || z (64); encaps seed m (32).
using System.Runtime.InteropServices;

namespace NoFuture.Crypto.Tests.Oracles.Interop;

internal static unsafe partial class SodiumMlKemOracle
{
    private const string Library = "libsodium";

    [LibraryImport(Library)]
    internal static partial int sodium_init();

    [LibraryImport(Library)]
    internal static partial int crypto_kem_mlkem768_seed_keypair(byte* pk, byte* sk, byte* seed);

    [LibraryImport(Library)]
    internal static partial int crypto_kem_mlkem768_enc_deterministic(byte* ct, byte* ss, byte* pk, byte* seed);

    [LibraryImport(Library)]
    internal static partial int crypto_kem_mlkem768_dec(byte* ss, byte* ct, byte* sk);
}
