// One-shot SHA3-256, SHA3-512 (FIPS 202, section 6.1), SHAKE128/SHAKE256 (section 6.2) and TurboSHAKE128/256
// (RFC 9861) over KeccakState,
// with two-part inputs for the concatenations ML-KEM hashes (FIPS 203, section 4.1: G(d || k), G(m || H(ek)),
// J(z || c)), so callers never copy secrets into a concatenation buffer.
// Every state used here is wiped before returning: the inputs may be secret.
namespace NoFuture.Crypto.Keccak;

internal static class Sha3
{
    internal const int Sha3_256SizeInBytes = 32, Sha3_512SizeInBytes = 64;

    internal static void Sha3_256(ReadOnlySpan<byte> data, Span<byte> digest) =>
        Hash(KeccakState.Sha3_256(), data, default, digest[..Sha3_256SizeInBytes]);

    internal static void Sha3_256(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> digest) =>
        Hash(KeccakState.Sha3_256(), first, second, digest[..Sha3_256SizeInBytes]);

    internal static void Sha3_512(ReadOnlySpan<byte> data, Span<byte> digest) =>
        Hash(KeccakState.Sha3_512(), data, default, digest[..Sha3_512SizeInBytes]);

    internal static void Sha3_512(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> digest) =>
        Hash(KeccakState.Sha3_512(), first, second, digest[..Sha3_512SizeInBytes]);

    internal static void Shake128(ReadOnlySpan<byte> data, Span<byte> output) =>
        Hash(KeccakState.Shake128(), data, default, output);

    internal static void Shake256(ReadOnlySpan<byte> data, Span<byte> output) =>
        Hash(KeccakState.Shake256(), data, default, output);

    internal static void Shake256(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> output) =>
        Hash(KeccakState.Shake256(), first, second, output);

    /// <summary>TurboSHAKE128(M, D, L) of RFC 9861 §2.2, L = the output's length.</summary>
    internal static void TurboShake128(ReadOnlySpan<byte> data, byte d, Span<byte> output) =>
        Hash(KeccakState.TurboShake128(d), data, default, output);

    /// <summary>TurboSHAKE256(M, D, L) of RFC 9861 §2.2, L = the output's length.</summary>
    internal static void TurboShake256(ReadOnlySpan<byte> data, byte d, Span<byte> output) =>
        Hash(KeccakState.TurboShake256(d), data, default, output);

    private static void Hash(KeccakState state, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> output)
    {
        try
        {
            state.Absorb(first);
            state.Absorb(second);
            state.Squeeze(output);
        }
        finally
        {
            state.Clear();
        }
    }
}
