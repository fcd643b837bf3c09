// Derandomized ML-KEM for tests (FIPS 203, Algorithms 16 and 17 with caller-chosen d, z and m). Internal, and in
// its own namespace, so it cannot be reached by accident: a fixed m repeats the shared secret.
using System.Security.Cryptography;

namespace NoFuture.Crypto.MlKem.Testing;

/// <summary>Deterministic key generation and encapsulation for known-answer tests.</summary>
internal static class MlKemTesting
{
    /// <summary>KeyGen_internal(d, z): the same as importing the private seed d || z.</summary>
    internal static MlKemKey GenerateDerandomized(MLKemAlgorithm algorithm, ReadOnlySpan<byte> d, ReadOnlySpan<byte> z)
    {
        if (d.Length != 32) CryptoThrowHelper.WrongSize(nameof(d), 32);
        if (z.Length != 32) CryptoThrowHelper.WrongSize(nameof(z), 32);
        Span<byte> seed = stackalloc byte[64];
        try
        {
            d.CopyTo(seed);
            z.CopyTo(seed[32..]);
            return MlKemKey.ImportPrivateSeed(algorithm, seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Encaps_internal(ek, m) with a caller-chosen 32-byte m.</summary>
    internal static void EncapsulateDerandomized(MlKemKey key, ReadOnlySpan<byte> m, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (m.Length != 32) CryptoThrowHelper.WrongSize(nameof(m), 32);
        if (ciphertext.Length != key.Algorithm.CiphertextSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(ciphertext), key.Algorithm.CiphertextSizeInBytes);
        if (sharedSecret.Length != key.Algorithm.SharedSecretSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(sharedSecret), key.Algorithm.SharedSecretSizeInBytes);
        key.EncapsulateDerandomized(m, ciphertext, sharedSecret);
    }

    /// <summary>MlKem768Incremental.Encapsulate1 with a caller-chosen 32-byte m (FIPS 203, Algorithm 17's randomness).</summary>
    internal static void Encapsulate1Derandomized(ReadOnlySpan<byte> header, ReadOnlySpan<byte> m, Span<byte> ciphertext1, Span<byte> encapsulationState, Span<byte> sharedSecret) =>
        MlKem768Incremental.Encapsulate1Derandomized(header, m, ciphertext1, encapsulationState, sharedSecret);
}
