// The two node-key derivation rules of NodeKeyDerivation. The ts-mls 1.x rule takes the KEM's serialized private key (the
// X-Wing seed, the ML-KEM seed d ‖ z) straight from the input keying material, so the derived key is the same as that
// implementation's for the same node secret. The X-Wing seed is computed on the stack and wiped in finally.
using System.Security.Cryptography;
using NoFuture.Crypto;

namespace NoFuture.Mls.Suites;

/// <summary>DeriveKeyPair by a suite's node-key rule.</summary>
internal static class NodeKeys
{
    private const int XWingSeedSize = 32;
    private const int MlKemSeedSize = 64;

    /// <summary>The key pair of <paramref name="ikm"/> under <paramref name="rule"/>.</summary>
    /// <exception cref="ArgumentException">Under the ts-mls 1.x rule, an ML-KEM <paramref name="ikm"/> that is not 64 bytes
    /// (that rule has no way to stretch or shorten it).</exception>
    internal static HpkePrivateKey DeriveKeyPair(HpkeKem kem, NodeKeyDerivation rule, ReadOnlySpan<byte> ikm)
    {
        ArgumentNullException.ThrowIfNull(kem);
        if (rule == NodeKeyDerivation.TsMls1)
        {
            if (kem == HpkeKem.XWing)
                return XWingFromShake256(ikm);
            if (kem == HpkeKem.MlKem512 || kem == HpkeKem.MlKem768 || kem == HpkeKem.MlKem1024)
            {
                ArgumentOutOfRangeException.ThrowIfNotEqual(ikm.Length, MlKemSeedSize, nameof(ikm));
                return HpkePrivateKey.Import(kem, ikm);
            }
        }
        return HpkePrivateKey.DeriveKeyPair(kem, ikm);
    }

    private static HpkePrivateKey XWingFromShake256(ReadOnlySpan<byte> ikm)
    {
        Span<byte> seed = stackalloc byte[XWingSeedSize];
        try
        {
            Shake256.HashData(ikm, seed);
            return HpkePrivateKey.Import(HpkeKem.XWing, seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
