// libsodium bindings (why libsodium: docs/dependencies.md): X25519, Ed25519, ChaCha20-Poly1305 and XChaCha20-Poly1305
// (IETF, detached), and BLAKE2b for Argon2. The native library comes from
// the `libsodium` NuGet package (runtimes/<rid>/native/libsodium.so), which the host resolves through deps.json.
// Every binding takes raw pointers so callers can pass memory inside a NoFuture.Memory lease without a copy.
// libsodium does not set errno; SetLastError is on anyway so the pattern stays uniform.
// sodium_init must run before any other call: EnsureInitialized does it once, lazily, under a lock.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NoFuture.Crypto.Interop;

internal static unsafe partial class Sodium
{
    private const string Lib = "libsodium";

    internal const int Curve25519Bytes = 32;
    internal const int Ed25519SeedBytes = 32;
    internal const int Ed25519PublicKeyBytes = 32;
    internal const int Ed25519SecretKeyBytes = 64;
    internal const int Ed25519SignatureBytes = 64;
    internal const int XChaCha20Poly1305KeyBytes = 32;
    internal const int XChaCha20Poly1305NonceBytes = 24;
    internal const int XChaCha20Poly1305TagBytes = 16;

    private static readonly Lock s_initLock = new();
    private static volatile bool s_initialized;

    /// <summary>Runs sodium_init once per process (thread-safe); later calls cost one volatile read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void EnsureInitialized()
    {
        if (!s_initialized) InitializeSlow();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void InitializeSlow()
    {
        lock (s_initLock)
        {
            if (s_initialized) return;
            // 0: initialised now; 1: already initialised (by another component in the process); -1: failure.
            if (SodiumInit() < 0) CryptoThrowHelper.NativeInitFailed("libsodium");
            s_initialized = true;
        }
    }

    [LibraryImport(Lib, EntryPoint = "sodium_init", SetLastError = true)]
    private static partial int SodiumInit();

    [LibraryImport(Lib, EntryPoint = "sodium_library_version_major", SetLastError = true)]
    internal static partial int LibraryVersionMajor();

    // ---- X25519 (RFC 7748) ----

    /// <summary>q = X25519(n, p). Returns -1 (q all zero) when p is a low-order point.</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_scalarmult_curve25519", SetLastError = true)]
    internal static partial int CryptoScalarMultCurve25519(byte* q, byte* n, byte* p);

    /// <summary>q = X25519(n, 9).</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_scalarmult_curve25519_base", SetLastError = true)]
    internal static partial int CryptoScalarMultCurve25519Base(byte* q, byte* n);

    // ---- Ed25519 (RFC 8032) ----

    /// <summary>pk (32) and sk (64 = seed ‖ pk) from a 32-byte seed.</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_sign_ed25519_seed_keypair", SetLastError = true)]
    internal static partial int CryptoSignEd25519SeedKeypair(byte* pk, byte* sk, byte* seed);

    [LibraryImport(Lib, EntryPoint = "crypto_sign_ed25519_detached", SetLastError = true)]
    internal static partial int CryptoSignEd25519Detached(byte* sig, ulong* siglen, byte* m, ulong mlen, byte* sk);

    /// <summary>0 when the signature is valid, -1 otherwise.</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_sign_ed25519_verify_detached", SetLastError = true)]
    internal static partial int CryptoSignEd25519VerifyDetached(byte* sig, byte* m, ulong mlen, byte* pk);

    // ---- XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) ----

    [LibraryImport(Lib, EntryPoint = "crypto_aead_xchacha20poly1305_ietf_encrypt_detached", SetLastError = true)]
    internal static partial int CryptoAeadXChaCha20Poly1305IetfEncryptDetached(
        byte* c, byte* mac, ulong* maclen, byte* m, ulong mlen, byte* ad, ulong adlen, byte* nsec, byte* npub, byte* k);

    /// <summary>0 when the tag verifies (m written), -1 otherwise (m not written).</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_aead_xchacha20poly1305_ietf_decrypt_detached", SetLastError = true)]
    internal static partial int CryptoAeadXChaCha20Poly1305IetfDecryptDetached(
        byte* m, byte* nsec, byte* c, ulong clen, byte* mac, byte* ad, ulong adlen, byte* npub, byte* k);

    // ---- ChaCha20-Poly1305, IETF (RFC 8439) for HPKE (Aead/SodiumChaCha20Poly1305.cs) ----

    [LibraryImport(Lib, EntryPoint = "crypto_aead_chacha20poly1305_ietf_encrypt_detached", SetLastError = true)]
    internal static partial int CryptoAeadChaCha20Poly1305IetfEncryptDetached(
        byte* c, byte* mac, ulong* maclen, byte* m, ulong mlen, byte* ad, ulong adlen, byte* nsec, byte* npub, byte* k);

    /// <summary>0 when the tag verifies (m written), -1 otherwise (m not written).</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_aead_chacha20poly1305_ietf_decrypt_detached", SetLastError = true)]
    internal static partial int CryptoAeadChaCha20Poly1305IetfDecryptDetached(
        byte* m, byte* nsec, byte* c, ulong clen, byte* mac, byte* ad, ulong adlen, byte* npub, byte* k);
}

// ---- BLAKE2b (RFC 7693) for Argon2's H and H' (RFC 9106 §3.2, §3.3); added with src/NoFuture.Crypto/Argon2 ----
internal static unsafe partial class Sodium
{
    internal const int Blake2bBytesMax = 64;

    /// <summary>out = BLAKE2b-outlen(in), unkeyed when key is null. 0 on success.</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_generichash_blake2b", SetLastError = true)]
    internal static partial int CryptoGenericHashBlake2b(byte* output, nuint outlen, byte* input, ulong inlen, byte* key, nuint keylen);

    /// <summary>The size of crypto_generichash_blake2b_state (384 in libsodium 1.0.22).</summary>
    [LibraryImport(Lib, EntryPoint = "crypto_generichash_blake2b_statebytes", SetLastError = true)]
    internal static partial nuint CryptoGenericHashBlake2bStateBytes();

    [LibraryImport(Lib, EntryPoint = "crypto_generichash_blake2b_init", SetLastError = true)]
    internal static partial int CryptoGenericHashBlake2bInit(byte* state, byte* key, nuint keylen, nuint outlen);

    [LibraryImport(Lib, EntryPoint = "crypto_generichash_blake2b_update", SetLastError = true)]
    internal static partial int CryptoGenericHashBlake2bUpdate(byte* state, byte* input, ulong inlen);

    [LibraryImport(Lib, EntryPoint = "crypto_generichash_blake2b_final", SetLastError = true)]
    internal static partial int CryptoGenericHashBlake2bFinal(byte* state, byte* output, nuint outlen);
}
