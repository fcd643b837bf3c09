// libsodium 1.0.22's crypto_pwhash with crypto_pwhash_ALG_ARGON2ID13 (2) as the single-lane Argon2id peer. libsodium
// computes one lane only (p = 1) and uses its AVX2 BLAKE2b/BlaMka code on this machine.
using System.Runtime.InteropServices;

namespace NoFuture.Benchmarks.Interop;

internal static unsafe partial class SodiumPwhash
{
    internal const int AlgArgon2id13 = 2;

    /// <summary>crypto_pwhash(out, outlen, passwd, passwdlen, salt (16), opslimit, memlimit (bytes), alg): 0 on success.</summary>
    [LibraryImport("libsodium")]
    internal static partial int crypto_pwhash(byte* output, ulong outlen, byte* passwd, ulong passwdlen, byte* salt,
        ulong opslimit, nuint memlimit, int alg);
}
