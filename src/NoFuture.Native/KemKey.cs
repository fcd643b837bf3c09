// The object behind a KEM handle (HandleKind.KemKey): ML-KEM-512/768/1024 (FIPS 203) or X-Wing, with the
// algorithm id of include/nofuture.h (the HPKE KEM ids: 0x0040..0x0042, 0x647A). One handle type for every
// parameter set, so the nf_kem_* functions dispatch here instead of being copied per algorithm.
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Native;

internal sealed class KemKey : IDisposable
{
    internal const uint MlKem512 = 0x0040, MlKem768 = 0x0041, MlKem1024 = 0x0042, XWing = 0x647A;
    internal const int SharedSecretBytes = 32;

    private readonly MlKemKey? _mlKem;
    private readonly XWingPrivateKey? _xWingPrivate;
    private readonly XWingPublicKey? _xWingPublic;

    private KemKey(uint algorithm, MlKemKey? mlKem, XWingPrivateKey? xWingPrivate, XWingPublicKey? xWingPublic)
    {
        Algorithm = algorithm;
        _mlKem = mlKem;
        _xWingPrivate = xWingPrivate;
        _xWingPublic = xWingPublic;
    }

    internal uint Algorithm { get; }

    internal bool HasPrivateKey => _xWingPrivate is not null || (_mlKem?.HasPrivateKey ?? false);

    internal int PublicKeySize => Sizes(Algorithm, out int publicKey, out _, out _) ? publicKey : 0;

    internal int CiphertextSize => Sizes(Algorithm, out _, out int ciphertext, out _) ? ciphertext : 0;

    /// <summary>The sizes of <paramref name="algorithm"/>; false for an id this ABI does not know.</summary>
    internal static bool Sizes(uint algorithm, out int publicKey, out int ciphertext, out int seed)
    {
        if (algorithm == XWing)
        {
            (publicKey, ciphertext, seed) = (XWingKem.PublicKeySizeInBytes, XWingKem.CiphertextSizeInBytes, XWingKem.PrivateKeySizeInBytes);
            return true;
        }
        MLKemAlgorithm? mlKem = ToMlKem(algorithm);
        (publicKey, ciphertext, seed) = mlKem is null
            ? (0, 0, 0)
            : (mlKem.EncapsulationKeySizeInBytes, mlKem.CiphertextSizeInBytes, mlKem.PrivateSeedSizeInBytes);
        return mlKem is not null;
    }

    private static MLKemAlgorithm? ToMlKem(uint algorithm) => algorithm switch
    {
        MlKem512 => MLKemAlgorithm.MLKem512,
        MlKem768 => MLKemAlgorithm.MLKem768,
        MlKem1024 => MLKemAlgorithm.MLKem1024,
        _ => null,
    };

    /// <summary>A fresh key pair; the caller has checked that <paramref name="algorithm"/> is known.</summary>
    internal static KemKey Generate(uint algorithm)
    {
        if (algorithm == XWing)
        {
            XWingPrivateKey key = XWingPrivateKey.Generate();
            return WithPublic(key);
        }
        return new KemKey(algorithm, MlKemKey.Generate(ToMlKem(algorithm)!), null, null);
    }

    /// <summary>The key pair derived from its seed (FIPS 203 d‖z, 64 bytes; X-Wing's 32-byte seed).</summary>
    internal static KemKey ImportSeed(uint algorithm, Secret seed)
    {
        if (algorithm == XWing) return WithPublic(XWingPrivateKey.Import(seed));
        return new KemKey(algorithm, MlKemKey.ImportPrivateSeed(ToMlKem(algorithm)!, seed), null, null);
    }

    /// <summary>A peer's public key, after the FIPS 203 §7.2 modulus check (CryptoException when it fails).</summary>
    internal static KemKey ImportPublic(uint algorithm, ReadOnlySpan<byte> publicKey)
    {
        if (algorithm == XWing) return new KemKey(algorithm, null, null, XWingPublicKey.Import(publicKey));
        return new KemKey(algorithm, MlKemKey.ImportEncapsulationKey(ToMlKem(algorithm)!, publicKey), null, null);
    }

    private static KemKey WithPublic(XWingPrivateKey key)
    {
        try
        {
            return new KemKey(XWing, null, key, XWingPublicKey.Import(key.PublicKey));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    internal void ExportPublic(Span<byte> destination)
    {
        if (_xWingPublic is not null) _xWingPublic.PublicKey.CopyTo(destination);
        else _mlKem!.ExportEncapsulationKey(destination);
    }

    internal void Encapsulate(Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (_xWingPublic is not null) _xWingPublic.Encapsulate(ciphertext, sharedSecret);
        else _mlKem!.Encapsulate(ciphertext, sharedSecret);
    }

    internal void Decapsulate(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (_xWingPrivate is not null) _xWingPrivate.Decapsulate(ciphertext, sharedSecret);
        else _mlKem!.Decapsulate(ciphertext, sharedSecret);
    }

    public void Dispose()
    {
        _mlKem?.Dispose();
        _xWingPrivate?.Dispose();
    }
}
