// Kyber-1024 as submitted to round 3 of the NIST PQC process (CRYSTALS-Kyber v3.02), the KEM libsignal uses for KEM
// prekeys (its key type byte 0x08, "Kyber1024"). Not ML-KEM: the keys and ciphertexts have FIPS 203's layout, but
// the shared secret differs (MlKem/KyberRound3Core.cs says how), so this is a type of its own and not an MLKem.
// Sizes: encapsulation key 1568, decapsulation key 3168, ciphertext 1568, shared secret 32, seed d || z 64 bytes.
//
// Choices (as MlKemKey, MlKem/MlKemKey.cs):
// - Secrets (seed, decapsulation key) in NoFuture.Memory secrets; the public key in an ordinary array, expanded once
//   (ExpandedEncapsulationKey) on first use.
// - Round 3 defines no input checks; imports still run FIPS 203's (modulus check on the public key, hash check on
//   the decapsulation key): every honestly generated key passes them, and a malformed one is refused before use.
// - Private export (seed, decapsulation key) only with KeyExportPolicies.AllowPlaintextExport.
// - Overlapping buffers are a caller mistake (ArgumentException) refused before anything is written.
using System.Security.Cryptography;
using NoFuture.Crypto.MlKem;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// A Kyber-1024 key (CRYSTALS-Kyber round 3, specification v3.02): the KEM of libsignal's Kyber prekeys. It is not
/// ML-KEM-1024 (FIPS 203): the key and ciphertext formats are the same, but the shared secrets differ.
/// </summary>
/// <remarks>
/// <para>Secrets live in <see cref="Secret"/> memory; the span overloads write a shared secret only where you point
/// them (for example a <see cref="SecretWriteLease"/>). Decapsulation of a wrong ciphertext does not fail: it returns
/// a pseudorandom secret (implicit rejection).</para>
/// <para>The private seed and decapsulation key can be exported only from a key created with
/// <see cref="KeyExportPolicies.AllowPlaintextExport"/>; otherwise their export throws
/// <see cref="InvalidOperationException"/>.</para>
/// </remarks>
public sealed class Kyber1024Round3Key : IDisposable
{
    /// <summary>The size of the encapsulation (public) key: 1568 bytes.</summary>
    public const int EncapsulationKeySizeInBytes = 1568;

    /// <summary>The size of the decapsulation (private) key: 3168 bytes (dk_PKE || ek || H(ek) || z).</summary>
    public const int DecapsulationKeySizeInBytes = 3168;

    /// <summary>The size of a ciphertext: 1568 bytes.</summary>
    public const int CiphertextSizeInBytes = 1568;

    /// <summary>The size of the shared secret: 32 bytes.</summary>
    public const int SharedSecretSizeInBytes = 32;

    /// <summary>The size of the private seed d || z: 64 bytes.</summary>
    public const int PrivateSeedSizeInBytes = 64;

    private static MlKemParameters Parameters => MlKemParameters.MlKem1024;

    private readonly byte[] _encapsulationKey;
    private readonly Secret? _seed;
    private readonly Secret? _decapsulationKey;
    private ExpandedEncapsulationKey? _expandedEncapsulationKey;
    private bool _disposed;

    private Kyber1024Round3Key(byte[] encapsulationKey, Secret? seed, Secret? decapsulationKey, KeyExportPolicies exportPolicy)
    {
        _encapsulationKey = encapsulationKey;
        _seed = seed;
        _decapsulationKey = decapsulationKey;
        ExportPolicy = exportPolicy;
    }

    /// <summary>What may be exported in plaintext (the private seed and decapsulation key).</summary>
    public KeyExportPolicies ExportPolicy { get; }

    /// <summary>Whether the key can decapsulate (it was generated or imported from a private form).</summary>
    public bool HasDecapsulationKey => _decapsulationKey is not null;

    /// <summary>Generates a key from a fresh random seed d || z (Kyber round 3, Algorithm 7).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static Kyber1024Round3Key Generate(KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        Secret seed = Secret.Allocate(PrivateSeedSizeInBytes);
        try
        {
            using (SecretWriteLease lease = seed.OpenWrite()) RandomNumberGenerator.Fill(lease.Span);
            return FromSeedCore(seed, exportPolicy);
        }
        catch
        {
            seed.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Imports the 64-byte private seed d || z: d seeds K-PKE key generation with round 3's (rho, sigma) = G(d), z
    /// is the implicit-rejection secret.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="seed"/> is not 64 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static Kyber1024Round3Key ImportPrivateSeed(ReadOnlySpan<byte> seed, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        if (seed.Length != PrivateSeedSizeInBytes) CryptoThrowHelper.WrongSize(nameof(seed), PrivateSeedSizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        Secret copy = Secret.CopyFrom(seed);
        try
        {
            return FromSeedCore(copy, exportPolicy);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>Imports an encapsulation (public) key, after the modulus check of FIPS 203, section 7.2.</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is not 1568 bytes.</exception>
    /// <exception cref="CryptoException">A coefficient is not below q (<see cref="CryptoError.InvalidPublicKey"/>).</exception>
    public static Kyber1024Round3Key ImportEncapsulationKey(ReadOnlySpan<byte> source)
    {
        if (source.Length != EncapsulationKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(source), EncapsulationKeySizeInBytes);
        if (!MlKemCore.EncapsulationKeyModulusCheck(Parameters, source))
            CryptoThrowHelper.PublicKeyRejected("Kyber-1024 encapsulation", "the modulus check");
        return new Kyber1024Round3Key(source.ToArray(), seed: null, decapsulationKey: null, KeyExportPolicies.None);
    }

    /// <summary>
    /// Imports a decapsulation key (dk_PKE || ek || H(ek) || z, the form libsignal serializes after its type byte),
    /// after the hash check of FIPS 203, section 7.3. The key has no seed.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is not 3168 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="CryptoException">The key fails the hash or modulus check (<see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    public static Kyber1024Round3Key ImportDecapsulationKey(ReadOnlySpan<byte> source, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        if (source.Length != DecapsulationKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(source), DecapsulationKeySizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        ReadOnlySpan<byte> ek = source.Slice(Parameters.EncodedVectorSizeInBytes, EncapsulationKeySizeInBytes);
        if (!MlKemCore.DecapsulationKeyHashCheck(Parameters, source) || !MlKemCore.EncapsulationKeyModulusCheck(Parameters, ek))
            CryptoThrowHelper.PrivateKeyRejected("Kyber-1024 decapsulation", "the hash and modulus checks");
        return new Kyber1024Round3Key(ek.ToArray(), seed: null, Secret.CopyFrom(source), exportPolicy);
    }

    private static Kyber1024Round3Key FromSeedCore(Secret seed, KeyExportPolicies exportPolicy)
    {
        var encapsulationKey = new byte[EncapsulationKeySizeInBytes];
        Secret decapsulationKey = Secret.Allocate(DecapsulationKeySizeInBytes);
        try
        {
            using SecretReadLease seedLease = seed.OpenRead();
            using SecretWriteLease dkLease = decapsulationKey.OpenWrite();
            ReadOnlySpan<byte> dz = seedLease.Span;
            KyberRound3Core.KeyGen(Parameters, dz[..32], dz[32..], encapsulationKey, dkLease.Span);
        }
        catch
        {
            decapsulationKey.Dispose();
            throw;
        }
        return new Kyber1024Round3Key(encapsulationKey, seed, decapsulationKey, exportPolicy);
    }

    private ExpandedEncapsulationKey ExpandedKey =>
        _expandedEncapsulationKey ??= ExpandedEncapsulationKey.Expand(Parameters, _encapsulationKey);

    /// <summary>Writes the encapsulation key (exactly 1568 bytes).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportEncapsulationKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length != EncapsulationKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(destination), EncapsulationKeySizeInBytes);
        _encapsulationKey.CopyTo(destination);
    }

    /// <summary>Returns a copy of the encapsulation key (1568 bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] ExportEncapsulationKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_encapsulationKey.Clone();
    }

    /// <summary>Writes the decapsulation key (exactly 3168 bytes, typically into a write lease's span).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong size.</exception>
    /// <exception cref="InvalidOperationException">The key has no decapsulation key, or was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportDecapsulationKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length != DecapsulationKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(destination), DecapsulationKeySizeInBytes);
        KeyExport.CopyPrivate(_decapsulationKey, "decapsulation key", ExportPolicy, destination);
    }

    /// <summary>Writes the private seed d || z (exactly 64 bytes, typically into a write lease's span).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong size.</exception>
    /// <exception cref="InvalidOperationException">The key has no seed (it was imported from another form), or was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPrivateSeed(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length != PrivateSeedSizeInBytes) CryptoThrowHelper.WrongSize(nameof(destination), PrivateSeedSizeInBytes);
        KeyExport.CopyPrivate(_seed, "private seed", ExportPolicy, destination);
    }

    /// <summary>
    /// Encapsulates (Kyber round 3, Algorithm 8) with fresh randomness: writes the ciphertext and the 32-byte shared
    /// secret (typically into a <see cref="SecretWriteLease"/>'s span).
    /// </summary>
    /// <exception cref="ArgumentException">A buffer has the wrong size, or the buffers overlap (nothing is written).</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void Encapsulate(Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        CheckEncapsulationBuffers(ciphertext, sharedSecret);
        Span<byte> random = stackalloc byte[32];
        try
        {
            RandomNumberGenerator.Fill(random);
            KyberRound3Core.Encaps(Parameters, ExpandedKey, random, sharedSecret, ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(random);
        }
    }

    /// <summary>
    /// Encapsulates, returning the (public) ciphertext in a new array and the shared secret in a new 32-byte
    /// <see cref="Secret"/> the caller owns.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret Encapsulate(out byte[] ciphertext, SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        byte[] ct = new byte[CiphertextSizeInBytes];
        Secret sharedSecret = Secret.Allocate(SharedSecretSizeInBytes, options);
        try
        {
            using (SecretWriteLease lease = sharedSecret.OpenWrite()) Encapsulate(ct, lease.Span);
            ciphertext = ct;
            return sharedSecret;
        }
        catch
        {
            sharedSecret.Dispose();
            throw;
        }
    }

    /// <summary>Encapsulation with caller-chosen randomness (hashed into m), for Testing.KyberTesting only.</summary>
    internal void EncapsulateDerandomized(ReadOnlySpan<byte> random, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (random.Length != 32) CryptoThrowHelper.WrongSize(nameof(random), 32);
        CheckEncapsulationBuffers(ciphertext, sharedSecret);
        if (ciphertext.Overlaps(random) || sharedSecret.Overlaps(random)) CryptoThrowHelper.Overlap(nameof(random));
        KyberRound3Core.Encaps(Parameters, ExpandedKey, random, sharedSecret, ciphertext);
    }

    private void CheckEncapsulationBuffers(Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (ciphertext.Length != CiphertextSizeInBytes) CryptoThrowHelper.WrongSize(nameof(ciphertext), CiphertextSizeInBytes);
        if (sharedSecret.Length != SharedSecretSizeInBytes) CryptoThrowHelper.WrongSize(nameof(sharedSecret), SharedSecretSizeInBytes);
        if (sharedSecret.Overlaps(ciphertext)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        ObjectDisposedException.ThrowIf(_disposed, this);
    }

    /// <summary>
    /// Decapsulates (Kyber round 3, Algorithm 9): writes the 32-byte shared secret. A wrong ciphertext gives a
    /// pseudorandom secret (implicit rejection), never an error.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer has the wrong size, or the buffers overlap (nothing is written).</exception>
    /// <exception cref="InvalidOperationException">The key has no decapsulation key (it was imported from the public key).</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void Decapsulate(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (ciphertext.Length != CiphertextSizeInBytes) CryptoThrowHelper.WrongSize(nameof(ciphertext), CiphertextSizeInBytes);
        if (sharedSecret.Length != SharedSecretSizeInBytes) CryptoThrowHelper.WrongSize(nameof(sharedSecret), SharedSecretSizeInBytes);
        if (sharedSecret.Overlaps(ciphertext)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_decapsulationKey is null) CryptoThrowHelper.KeyLacks("decapsulation key");
        using SecretReadLease lease = _decapsulationKey.OpenRead();
        KyberRound3Core.Decaps(Parameters, lease.Span, ExpandedKey, ciphertext, sharedSecret);
    }

    /// <summary>Wipes and frees the secrets.</summary>
    public void Dispose()
    {
        _disposed = true;
        _seed?.Dispose();
        _decapsulationKey?.Dispose();
    }

    /// <summary>Returns the type name only.</summary>
    public override string ToString() => nameof(Kyber1024Round3Key);
}
