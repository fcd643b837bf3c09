// libsodium's AEADs as benchmark peers, bound here (not through NoFuture.Crypto's Interop) so the comparison with the
// BCL stays runnable whichever implementation the library ships. IETF ChaCha20-Poly1305 (RFC 8439) and AES-256-GCM,
// the only AES-GCM libsodium has (there is no crypto_aead_aes128gcm_*), which it offers only where the CPU has AES-NI
// and CLMUL (x86-64) or the ARMv8 crypto extensions: crypto_aead_aes256gcm_is_available() says so at run time.
using System.Runtime.InteropServices;

namespace NoFuture.Benchmarks.Interop;

internal static unsafe partial class Sodium
{
    [LibraryImport(Library)]
    internal static partial int crypto_aead_chacha20poly1305_ietf_encrypt_detached(
        byte* c, byte* mac, ulong* maclen, byte* m, ulong mlen, byte* ad, ulong adlen, byte* nsec, byte* npub, byte* k);

    [LibraryImport(Library)]
    internal static partial int crypto_aead_chacha20poly1305_ietf_decrypt_detached(
        byte* m, byte* nsec, byte* c, ulong clen, byte* mac, byte* ad, ulong adlen, byte* npub, byte* k);

    /// <summary>1 when this CPU lets libsodium run AES-256-GCM (AES-NI and CLMUL, or ARMv8 crypto), 0 otherwise.</summary>
    [LibraryImport(Library)]
    internal static partial int crypto_aead_aes256gcm_is_available();

    [LibraryImport(Library)]
    internal static partial int crypto_aead_aes256gcm_encrypt_detached(
        byte* c, byte* mac, ulong* maclen, byte* m, ulong mlen, byte* ad, ulong adlen, byte* nsec, byte* npub, byte* k);

    [LibraryImport(Library)]
    internal static partial int crypto_aead_aes256gcm_decrypt_detached(
        byte* m, byte* nsec, byte* c, ulong clen, byte* mac, byte* ad, ulong adlen, byte* npub, byte* k);
}
