// ML-KEM-512/768/1024 (FIPS 203) as a System.Security.Cryptography.MLKem, computed by our managed core
// (Fips203.MlKemCore) instead of OpenSSL, so it works where MLKem.IsSupported is false (OpenSSL < 3.5).
// Sizes: MLKemAlgorithm.*SizeInBytes; private seed d || z 64 bytes; shared secret 32 bytes.
//
// Choices:
// - The private key form is the 64-byte seed d || z (FIPS 203, section 7.1 and Algorithm 16). Both the seed and
//   the expanded decapsulation key are kept in NoFuture.Memory secrets; the encapsulation key is public and kept
//   in an ordinary array, with its hash H(ek) (hashed once, or taken from dk), so encapsulation skips H.
//   A key imported from an expanded decapsulation key has no seed.
// - Randomness (d, z at generation, m at encapsulation) comes from the OS CSPRNG: the seed is written straight
//   into secret memory, m into stack scratch that is wiped.
// - Imports run the input checks of FIPS 203, section 7: the modulus check on encapsulation keys (7.2) and the
//   hash check on decapsulation keys (7.3). Decapsulation of a wrong ciphertext never fails: implicit rejection.
// - The base class validates sizes and disposal in its public methods and then calls the ...Core overrides here,
//   which only compute (STYLE 1). PKCS#8 export is not offered: the seed is the exported private form.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Fips203;
using NoFuture.Crypto.Fips203.Simd;
using NoFuture.Crypto.Keccak;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An ML-KEM key (FIPS 203) whose secrets live in <see cref="NoFuture.Memory.Secret"/> memory, usable wherever a
/// <see cref="MLKem"/> is expected, also when <see cref="MLKem.IsSupported"/> is false.
/// </summary>
/// <remarks>
/// <para>Use the span overloads: <see cref="MLKem.Encapsulate(Span{byte}, Span{byte})"/>,
/// <see cref="MLKem.Decapsulate(ReadOnlySpan{byte}, Span{byte})"/> and
/// <see cref="MLKem.ExportPrivateSeed(Span{byte})"/> write secrets only where you point them (for example a
/// <see cref="SecretWriteLease"/>). The base class's <c>byte[]</c> overloads (<c>Encapsulate(out byte[], out
/// byte[])</c>, <c>Decapsulate(byte[])</c>, <c>ExportPrivateSeed()</c>, <c>ExportDecapsulationKey()</c>) put the
/// shared secret or private key on the garbage-collected heap, where it cannot be reliably wiped.</para>
/// <para>Encapsulation and decapsulation allocate no managed memory and run in time independent of secrets.</para>
/// </remarks>
[DebuggerDisplay("MlKem {Algorithm.Name}")]
public sealed class MlKem : MLKem
{
    private readonly MlKemParameters _parameters;
    private readonly byte[] _encapsulationKey;
    private readonly byte[] _encapsulationKeyHash; // H(ek), FIPS 203 section 4.1; public like ek, hashed once here
    private readonly Secret? _seed;
    private readonly Secret? _decapsulationKey;
    private bool _disposed;

    private MlKem(MLKemAlgorithm algorithm, MlKemParameters parameters, byte[] encapsulationKey, byte[] encapsulationKeyHash, Secret? seed, Secret? decapsulationKey)
        : base(algorithm)
    {
        _parameters = parameters;
        _encapsulationKey = encapsulationKey;
        _encapsulationKeyHash = encapsulationKeyHash;
        _seed = seed;
        _decapsulationKey = decapsulationKey;
    }

    /// <summary>True when this key can decapsulate (it holds a decapsulation key).</summary>
    public bool HasPrivateKey => _decapsulationKey is not null;

    /// <summary>True when this key holds the 64-byte private seed d || z (generated or imported from a seed).</summary>
    public bool HasPrivateSeed => _seed is not null;

    /// <summary>Generates a new key from 64 bytes of OS randomness written straight into secret memory.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not ML-KEM-512, -768 or -1024.</exception>
    public static MlKem Generate(MLKemAlgorithm algorithm)
    {
        MlKemParameters parameters = ParametersOf(algorithm);
        Secret seed = Secret.CreateRandom(MlKemParameters.PrivateSeedSizeInBytes);
        try
        {
            return FromSeedCore(algorithm, parameters, seed);
        }
        catch
        {
            seed.Dispose();
            throw;
        }
    }

    /// <summary>Imports a key from its 64-byte private seed d || z; the seed is copied into secret memory.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-KEM, or <paramref name="source"/> is not 64 bytes.</exception>
    public static new MlKem ImportPrivateSeed(MLKemAlgorithm algorithm, ReadOnlySpan<byte> source)
    {
        MlKemParameters parameters = ParametersOf(algorithm);
        if (source.Length != MlKemParameters.PrivateSeedSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(source), MlKemParameters.PrivateSeedSizeInBytes);
        Secret seed = Secret.CopyFrom(source);
        try
        {
            return FromSeedCore(algorithm, parameters, seed);
        }
        catch
        {
            seed.Dispose();
            throw;
        }
    }

    /// <summary>Imports a key from a 64-byte private seed d || z held in a secret (copied; the caller keeps it).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> or <paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-KEM, or <paramref name="source"/> is not 64 bytes.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="source"/> was disposed.</exception>
    public static MlKem ImportPrivateSeed(MLKemAlgorithm algorithm, Secret source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using SecretReadLease lease = source.OpenRead();
        return ImportPrivateSeed(algorithm, lease.Span);
    }

    /// <summary>Imports an encapsulation (public) key after the modulus check of FIPS 203, section 7.2.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-KEM, or <paramref name="source"/> has the wrong size.</exception>
    /// <exception cref="CryptographicException">The key fails the modulus check.</exception>
    public static new MlKem ImportEncapsulationKey(MLKemAlgorithm algorithm, ReadOnlySpan<byte> source)
    {
        MlKemParameters parameters = ParametersOf(algorithm);
        if (source.Length != parameters.EncapsulationKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(source), parameters.EncapsulationKeySizeInBytes);
        if (!MlKemCore.EncapsulationKeyModulusCheck(parameters, source))
            throw new CryptographicException("The encapsulation key fails the FIPS 203 modulus check.");
        var encapsulationKeyHash = new byte[32];
        Sha3.Sha3_256(source, encapsulationKeyHash);
        return new MlKem(algorithm, parameters, source.ToArray(), encapsulationKeyHash, seed: null, decapsulationKey: null);
    }

    /// <summary>
    /// Imports an expanded decapsulation key after the hash check of FIPS 203, section 7.3. The key has no seed.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-KEM, or <paramref name="source"/> has the wrong size.</exception>
    /// <exception cref="CryptographicException">The key fails the hash check.</exception>
    public static new MlKem ImportDecapsulationKey(MLKemAlgorithm algorithm, ReadOnlySpan<byte> source)
    {
        MlKemParameters parameters = ParametersOf(algorithm);
        if (source.Length != parameters.DecapsulationKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(source), parameters.DecapsulationKeySizeInBytes);
        if (!MlKemCore.DecapsulationKeyHashCheck(parameters, source))
            throw new CryptographicException("The decapsulation key fails the FIPS 203 hash check.");
        byte[] encapsulationKey = source.Slice(parameters.EncodedVectorSizeInBytes, parameters.EncapsulationKeySizeInBytes).ToArray();
        // H(ek) is public and sits in dk after ek; the hash check above just verified it.
        byte[] encapsulationKeyHash = source.Slice(parameters.EncodedVectorSizeInBytes + parameters.EncapsulationKeySizeInBytes, 32).ToArray();
        Secret decapsulationKey = Secret.CopyFrom(source);
        return new MlKem(algorithm, parameters, encapsulationKey, encapsulationKeyHash, seed: null, decapsulationKey);
    }

    private static MlKemParameters ParametersOf(MLKemAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return MlKemParameters.From(algorithm)
            ?? throw new ArgumentException("The algorithm is not ML-KEM-512, ML-KEM-768 or ML-KEM-1024.", nameof(algorithm));
    }

    /// <summary>Expands the seed (FIPS 203, Algorithm 16) into a new secret; takes ownership of the seed.</summary>
    private static MlKem FromSeedCore(MLKemAlgorithm algorithm, MlKemParameters parameters, Secret seed)
    {
        var encapsulationKey = new byte[parameters.EncapsulationKeySizeInBytes];
        var encapsulationKeyHash = new byte[32];
        Secret decapsulationKey = Secret.Allocate(parameters.DecapsulationKeySizeInBytes);
        try
        {
            using SecretReadLease seedLease = seed.OpenRead();
            using SecretWriteLease dkLease = decapsulationKey.OpenWrite();
            ReadOnlySpan<byte> dz = seedLease.Span;
            MlKemCore.KeyGenInternal(parameters, dz[..32], dz[32..], encapsulationKey, dkLease.Span);
            // H(ek) is public: KeyGen stored it in dk after ek (Algorithm 16, step 3).
            dkLease.Span.Slice(parameters.EncodedVectorSizeInBytes + parameters.EncapsulationKeySizeInBytes, 32).CopyTo(encapsulationKeyHash);
        }
        catch
        {
            decapsulationKey.Dispose();
            throw;
        }
        return new MlKem(algorithm, parameters, encapsulationKey, encapsulationKeyHash, seed, decapsulationKey);
    }

    /// <inheritdoc />
    protected override void EncapsulateCore(Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        Span<byte> m = stackalloc byte[32];
        try
        {
            RandomNumberGenerator.Fill(m);
            MlKemCore.EncapsInternal(_parameters, MlKemPaths.Best, _encapsulationKey, _encapsulationKeyHash, m, sharedSecret, ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(m);
        }
    }

    /// <summary>Encapsulation with a caller-chosen m (FIPS 203, Algorithm 17), for Testing.MlKemTesting only.</summary>
    internal void EncapsulateDerandomized(ReadOnlySpan<byte> m, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        MlKemCore.EncapsInternal(_parameters, MlKemPaths.Best, _encapsulationKey, _encapsulationKeyHash, m, sharedSecret, ciphertext);
    }

    /// <inheritdoc />
    protected override void DecapsulateCore(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (_decapsulationKey is null) throw new CryptographicException("The key has no decapsulation key.");
        using SecretReadLease lease = _decapsulationKey.OpenRead();
        MlKemCore.DecapsInternal(_parameters, lease.Span, ciphertext, sharedSecret);
    }

    /// <inheritdoc />
    protected override void ExportEncapsulationKeyCore(Span<byte> destination) => _encapsulationKey.CopyTo(destination);

    /// <inheritdoc />
    protected override void ExportDecapsulationKeyCore(Span<byte> destination)
    {
        if (_decapsulationKey is null) throw new CryptographicException("The key has no decapsulation key.");
        using SecretReadLease lease = _decapsulationKey.OpenRead();
        lease.Span.CopyTo(destination);
    }

    /// <inheritdoc />
    protected override void ExportPrivateSeedCore(Span<byte> destination)
    {
        if (_seed is null) throw new CryptographicException("The key has no private seed.");
        using SecretReadLease lease = _seed.OpenRead();
        lease.Span.CopyTo(destination);
    }

    /// <inheritdoc />
    protected override bool TryExportPkcs8PrivateKeyCore(Span<byte> destination, out int bytesWritten) =>
        throw new CryptographicException("PKCS#8 export is not supported; export the private seed instead.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disposed = true;
            _seed?.Dispose();
            _decapsulationKey?.Dispose();
        }
        base.Dispose(disposing);
    }
}
