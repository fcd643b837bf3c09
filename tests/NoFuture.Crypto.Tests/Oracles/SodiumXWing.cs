// Test-only oracle (docs/dependencies.md, test-only dependencies): libsodium 1.0.22's own X-Wing, from the
// `libsodium` NuGet package's native asset (the same library NoFuture.Crypto loads for X25519). Signatures from
// src/libsodium/include/sodium/crypto_kem_xwing.h at jedisct1/libsodium tag 1.0.22-RELEASE.
// Known deviation from the draft: libsodium returns -1 from enc/dec when the X25519 output is all zero (a low-order
// point), where draft-connolly-cfrg-xwing-kem-10 hashes it regardless.
using System.Runtime.InteropServices;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Tests.Oracles;

internal static partial class SodiumXWing
{
    private const string Lib = "libsodium";

    internal const int PublicKeyBytes = 1216, SecretKeyBytes = 32, CiphertextBytes = 1120, SharedSecretBytes = 32;
    internal const int SeedBytes = 32, EncapsulationSeedBytes = 64;

    /// <summary>crypto_kem_xwing_seed_keypair(pk, sk, seed): sk is the 32-byte seed itself.</summary>
    internal static void SeedKeypair(ReadOnlySpan<byte> seed, Span<byte> pk, Span<byte> sk)
    {
        Check(seed.Length == SeedBytes && pk.Length == PublicKeyBytes && sk.Length == SecretKeyBytes);
        Sodium.EnsureInitialized();
        if (crypto_kem_xwing_seed_keypair(pk, sk, seed) != 0) throw new InvalidOperationException("crypto_kem_xwing_seed_keypair failed");
    }

    /// <summary>crypto_kem_xwing_keypair(pk, sk): a random key pair.</summary>
    internal static void Keypair(Span<byte> pk, Span<byte> sk)
    {
        Check(pk.Length == PublicKeyBytes && sk.Length == SecretKeyBytes);
        Sodium.EnsureInitialized();
        if (crypto_kem_xwing_keypair(pk, sk) != 0) throw new InvalidOperationException("crypto_kem_xwing_keypair failed");
    }

    /// <summary>crypto_kem_xwing_enc(ct, ss, pk); returns libsodium's status (0 or -1).</summary>
    internal static int Enc(ReadOnlySpan<byte> pk, Span<byte> ct, Span<byte> ss)
    {
        Check(pk.Length == PublicKeyBytes && ct.Length == CiphertextBytes && ss.Length == SharedSecretBytes);
        Sodium.EnsureInitialized();
        return crypto_kem_xwing_enc(ct, ss, pk);
    }

    /// <summary>crypto_kem_xwing_enc_deterministic(ct, ss, pk, seed) with the 64-byte eseed; returns the status.</summary>
    internal static int EncDeterministic(ReadOnlySpan<byte> pk, ReadOnlySpan<byte> eseed, Span<byte> ct, Span<byte> ss)
    {
        Check(pk.Length == PublicKeyBytes && eseed.Length == EncapsulationSeedBytes && ct.Length == CiphertextBytes && ss.Length == SharedSecretBytes);
        Sodium.EnsureInitialized();
        return crypto_kem_xwing_enc_deterministic(ct, ss, pk, eseed);
    }

    /// <summary>crypto_kem_xwing_dec(ss, ct, sk); returns the status.</summary>
    internal static int Dec(ReadOnlySpan<byte> sk, ReadOnlySpan<byte> ct, Span<byte> ss)
    {
        Check(sk.Length == SecretKeyBytes && ct.Length == CiphertextBytes && ss.Length == SharedSecretBytes);
        Sodium.EnsureInitialized();
        return crypto_kem_xwing_dec(ss, ct, sk);
    }

    internal static int LibraryPublicKeyBytes() => checked((int)crypto_kem_xwing_publickeybytes());

    internal static int LibraryCiphertextBytes() => checked((int)crypto_kem_xwing_ciphertextbytes());

    private static void Check(bool sizesOk)
    {
        if (!sizesOk) throw new ArgumentException("Wrong buffer size for the libsodium X-Wing oracle.");
    }

    [LibraryImport(Lib, EntryPoint = "crypto_kem_xwing_seed_keypair")]
    private static partial int crypto_kem_xwing_seed_keypair(Span<byte> pk, Span<byte> sk, ReadOnlySpan<byte> seed);

    [LibraryImport(Lib, EntryPoint = "crypto_kem_xwing_keypair")]
    private static partial int crypto_kem_xwing_keypair(Span<byte> pk, Span<byte> sk);

    [LibraryImport(Lib, EntryPoint = "crypto_kem_xwing_enc")]
    private static partial int crypto_kem_xwing_enc(Span<byte> ct, Span<byte> ss, ReadOnlySpan<byte> pk);

    [LibraryImport(Lib, EntryPoint = "crypto_kem_xwing_enc_deterministic")]
    private static partial int crypto_kem_xwing_enc_deterministic(Span<byte> ct, Span<byte> ss, ReadOnlySpan<byte> pk, ReadOnlySpan<byte> seed);

    [LibraryImport(Lib, EntryPoint = "crypto_kem_xwing_dec")]
    private static partial int crypto_kem_xwing_dec(Span<byte> ss, ReadOnlySpan<byte> ct, ReadOnlySpan<byte> sk);

    [LibraryImport(Lib, EntryPoint = "crypto_kem_xwing_publickeybytes")]
    private static partial nuint crypto_kem_xwing_publickeybytes();

    [LibraryImport(Lib, EntryPoint = "crypto_kem_xwing_ciphertextbytes")]
    private static partial nuint crypto_kem_xwing_ciphertextbytes();
}
