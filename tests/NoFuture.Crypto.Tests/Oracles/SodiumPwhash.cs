// Test-only oracle (docs/dependencies.md, test-only dependencies): libsodium 1.0.22's crypto_pwhash with
// crypto_pwhash_ALG_ARGON2ID13 (2): Argon2id v=0x13, one lane, no secret or associated data, 16-byte salt, memlimit in
// bytes, opslimit = passes, tag of 16 bytes or more. Signature from crypto_pwhash.h at jedisct1/libsodium 1.0.22-RELEASE.
using System.Runtime.InteropServices;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Tests.Oracles;

internal static partial class SodiumPwhash
{
    private const string Lib = "libsodium";
    internal const int AlgArgon2id13 = 2;
    internal const int SaltBytes = 16;

    /// <summary>Argon2id(password, salt, t = opslimit, m = memlimit / 1024 KiB, p = 1) into output.</summary>
    internal static void Argon2id(Span<byte> output, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations, int memoryKib)
    {
        if (salt.Length != SaltBytes) throw new ArgumentException("libsodium needs a 16-byte salt", nameof(salt));
        Sodium.EnsureInitialized();
        int rc = crypto_pwhash(output, (ulong)output.Length, password, (ulong)password.Length, salt,
            (ulong)iterations, (nuint)memoryKib * 1024, AlgArgon2id13);
        if (rc != 0) throw new InvalidOperationException("crypto_pwhash failed");
    }

    [LibraryImport(Lib)]
    private static partial int crypto_pwhash(Span<byte> output, ulong outlen, ReadOnlySpan<byte> passwd, ulong passwdlen,
        ReadOnlySpan<byte> salt, ulong opslimit, nuint memlimit, int alg);
}
