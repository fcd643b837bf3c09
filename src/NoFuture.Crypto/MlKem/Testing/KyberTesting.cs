// Derandomized Kyber-1024 round 3 for tests (Algorithms 7 and 8 with caller-chosen d, z and randomness). Internal,
// in its own namespace like MlKemTesting, so it cannot be reached by accident: fixed randomness repeats the secret.
namespace NoFuture.Crypto.MlKem.Testing;

/// <summary>Deterministic Kyber-1024 round-3 encapsulation for known-answer tests.</summary>
internal static class KyberTesting
{
    /// <summary>Encapsulation with the 32 bytes <paramref name="random"/> in place of the CSPRNG's (hashed into m).</summary>
    internal static void EncapsulateDerandomized(Kyber1024Round3Key key, ReadOnlySpan<byte> random, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(key);
        key.EncapsulateDerandomized(random, ciphertext, sharedSecret);
    }
}
