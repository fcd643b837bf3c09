// ML-KEM-512/768/1024 (FIPS 203) as a System.Security.Cryptography.MLKem, computed by our managed core
// (MlKem.MlKemCore) instead of OpenSSL, so it works where MLKem.IsSupported is false (OpenSSL < 3.5).
// Sizes: MLKemAlgorithm.*SizeInBytes; private seed d || z 64 bytes; shared secret 32 bytes.
//
// Choices:
// - The private key form is the 64-byte seed d || z (FIPS 203, section 7.1 and Algorithm 16). Both the seed and
//   the expanded decapsulation key are kept in NoFuture.Memory secrets; the encapsulation key is public and kept
//   in an ordinary array. On first use it is expanded once (ExpandedEncapsulationKey: H(ek), t-hat, A-hat^T), so
//   encapsulation and decapsulation's re-encryption skip the hash and the matrix sampling.
//   A key imported from an expanded decapsulation key has no seed.
// - Randomness (d, z at generation, m at encapsulation) comes from the OS CSPRNG: the seed is written straight
//   into secret memory, m into stack scratch that is wiped.
// - Imports run the input checks of FIPS 203, section 7: the modulus check on encapsulation keys (7.2) and the
//   hash check on decapsulation keys (7.3). Decapsulation of a wrong ciphertext never fails: implicit rejection.
// - The base class validates sizes and disposal in its public methods and then calls the ...Core overrides here,
//   which only compute. PKCS#8 export is not offered: the seed is the exported private form.
// - Overlap: an output overlapping an input or another output is a caller mistake, refused with ArgumentException
//   before anything is written (as X-Wing does). Decaps_internal writes K' to the output before it compares c
//   with c' (FIPS 203, Algorithm 18, steps 9-11), so a secret written over c would silently be wrong. The BCL's
//   Decapsulate does not check overlap, so DecapsulateCore does, which covers every path. The BCL's
//   Encapsulate(Span, Span) does check it, before our code runs, but throws CryptographicException; this class hides
//   that method with one that throws ArgumentException. Only a call through an MLKem-typed reference still gets the
//   BCL's exception.
// - Private export (seed or expanded dk) is gated by KeyExportPolicies: the Core overrides throw
//   InvalidOperationException unless the key was created with AllowPlaintextExport, so every base-class export
//   path, span or byte[], obeys the same policy.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;
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
/// <para>The private seed and decapsulation key can be exported only from a key created with
/// <see cref="KeyExportPolicies.AllowPlaintextExport"/> (see <see cref="ExportPolicy"/>); otherwise every export
/// of them, span or <c>byte[]</c>, throws <see cref="InvalidOperationException"/>.</para>
/// <para>Encapsulation and decapsulation allocate no managed memory and run in time independent of secrets.</para>
/// <para>An output that overlaps an input or another output (for example a shared secret written over the
/// ciphertext) throws <see cref="ArgumentException"/> before anything is written. The one exception comes from the
/// base class: <see cref="MLKem.Encapsulate(Span{byte}, Span{byte})"/> called through an <see cref="MLKem"/>-typed
/// reference runs the BCL's own check first, which throws <see cref="CryptographicException"/> (as the BCL
/// documents). Through an <see cref="MlKemKey"/> reference the same call reaches
/// <see cref="Encapsulate(Span{byte}, Span{byte})"/> here and throws <see cref="ArgumentException"/>.</para>
/// </remarks>
[DebuggerDisplay("MlKemKey {Algorithm.Name}")]
public sealed class MlKemKey : MLKem
{
    private readonly MlKemParameters _parameters;
    private readonly byte[] _encapsulationKey;
    private ExpandedEncapsulationKey? _expandedEncapsulationKey; // public; made on first use, see ExpandedKey
    private readonly Secret? _seed;
    private readonly Secret? _decapsulationKey;
    private bool _disposed;

    private MlKemKey(MLKemAlgorithm algorithm, MlKemParameters parameters, byte[] encapsulationKey, Secret? seed, Secret? decapsulationKey,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
        : base(algorithm)
    {
        ExportPolicy = exportPolicy;
        _parameters = parameters;
        _encapsulationKey = encapsulationKey;
        _seed = seed;
        _decapsulationKey = decapsulationKey;
    }

    /// <summary>True when this key can decapsulate (it holds a decapsulation key).</summary>
    public bool HasPrivateKey => _decapsulationKey is not null;

    /// <summary>True when this key holds the 64-byte private seed d || z (generated or imported from a seed).</summary>
    public bool HasPrivateSeed => _seed is not null;

    /// <summary>The private-key exports this key allows, fixed at creation (always None for a public-only key).</summary>
    public KeyExportPolicies ExportPolicy { get; }

    /// <summary>Generates a new key from 64 bytes of OS randomness written straight into secret memory.</summary>
    /// <param name="algorithm">ML-KEM-512, -768 or -1024.</param>
    /// <param name="exportPolicy">Whether the seed and decapsulation key may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not ML-KEM-512, -768 or -1024.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static MlKemKey Generate(MLKemAlgorithm algorithm, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        MlKemParameters parameters = ParametersOf(algorithm);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        Secret seed = Secret.CreateRandom(MlKemParameters.PrivateSeedSizeInBytes);
        try
        {
            return FromSeedCore(algorithm, parameters, seed, exportPolicy);
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
    /// <remarks>The key is not exportable (<see cref="KeyExportPolicies.None"/>); use the overload with a policy to allow it.</remarks>
    public static new MlKemKey ImportPrivateSeed(MLKemAlgorithm algorithm, ReadOnlySpan<byte> source) =>
        ImportPrivateSeed(algorithm, source, KeyExportPolicies.None);

    /// <summary>Imports a key from its 64-byte private seed d || z with an export policy; the seed is copied into secret memory.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-KEM, or <paramref name="source"/> is not 64 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static MlKemKey ImportPrivateSeed(MLKemAlgorithm algorithm, ReadOnlySpan<byte> source, KeyExportPolicies exportPolicy)
    {
        MlKemParameters parameters = ParametersOf(algorithm);
        if (source.Length != MlKemParameters.PrivateSeedSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(source), MlKemParameters.PrivateSeedSizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        Secret seed = Secret.CopyFrom(source);
        try
        {
            return FromSeedCore(algorithm, parameters, seed, exportPolicy);
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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="source"/> was disposed.</exception>
    public static MlKemKey ImportPrivateSeed(MLKemAlgorithm algorithm, Secret source, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(source);
        using SecretReadLease lease = source.OpenRead();
        return ImportPrivateSeed(algorithm, lease.Span, exportPolicy);
    }

    /// <summary>Imports an encapsulation (public) key after the modulus check of FIPS 203, section 7.2.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-KEM, or <paramref name="source"/> has the wrong size.</exception>
    /// <exception cref="CryptoException">The key fails the modulus check (<see cref="CryptoError.InvalidPublicKey"/>).</exception>
    public static new MlKemKey ImportEncapsulationKey(MLKemAlgorithm algorithm, ReadOnlySpan<byte> source)
    {
        MlKemParameters parameters = ParametersOf(algorithm);
        if (source.Length != parameters.EncapsulationKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(source), parameters.EncapsulationKeySizeInBytes);
        if (!MlKemCore.EncapsulationKeyModulusCheck(parameters, source))
            CryptoThrowHelper.InvalidMlKemEncapsulationKey();
        return new MlKemKey(algorithm, parameters, source.ToArray(), seed: null, decapsulationKey: null);
    }

    /// <summary>
    /// Imports an expanded decapsulation key after the hash check of FIPS 203, section 7.3. The key has no seed.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-KEM, or <paramref name="source"/> has the wrong size.</exception>
    /// <exception cref="CryptoException">The key fails the hash check (<see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    /// <remarks>The key is not exportable (<see cref="KeyExportPolicies.None"/>); use the overload with a policy to allow it.</remarks>
    public static new MlKemKey ImportDecapsulationKey(MLKemAlgorithm algorithm, ReadOnlySpan<byte> source) =>
        ImportDecapsulationKey(algorithm, source, KeyExportPolicies.None);

    /// <summary>Imports an expanded decapsulation key (FIPS 203 section 7.3 hash check) with an export policy.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-KEM, or <paramref name="source"/> has the wrong size.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="CryptoException">The key fails the hash check (<see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    public static MlKemKey ImportDecapsulationKey(MLKemAlgorithm algorithm, ReadOnlySpan<byte> source, KeyExportPolicies exportPolicy)
    {
        MlKemParameters parameters = ParametersOf(algorithm);
        if (source.Length != parameters.DecapsulationKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(source), parameters.DecapsulationKeySizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        if (!MlKemCore.DecapsulationKeyHashCheck(parameters, source))
            CryptoThrowHelper.PrivateKeyRejected("ML-KEM decapsulation", "the FIPS 203 section 7.3 hash check");
        byte[] encapsulationKey = source.Slice(parameters.EncodedVectorSizeInBytes, parameters.EncapsulationKeySizeInBytes).ToArray();
        Secret decapsulationKey = Secret.CopyFrom(source);
        return new MlKemKey(algorithm, parameters, encapsulationKey, seed: null, decapsulationKey, exportPolicy);
    }

    private static MlKemParameters ParametersOf(MLKemAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return MlKemParameters.From(algorithm)
            ?? CryptoThrowHelper.NotMlKem<MlKemParameters>(nameof(algorithm));
    }

    /// <summary>Expands the seed (FIPS 203, Algorithm 16) into a new secret; takes ownership of the seed.</summary>
    private static MlKemKey FromSeedCore(MLKemAlgorithm algorithm, MlKemParameters parameters, Secret seed, KeyExportPolicies exportPolicy)
    {
        var encapsulationKey = new byte[parameters.EncapsulationKeySizeInBytes];
        Secret decapsulationKey = Secret.Allocate(parameters.DecapsulationKeySizeInBytes);
        try
        {
            using SecretReadLease seedLease = seed.OpenRead();
            using SecretWriteLease dkLease = decapsulationKey.OpenWrite();
            ReadOnlySpan<byte> dz = seedLease.Span;
            MlKemCore.KeyGenInternal(parameters, dz[..32], dz[32..], encapsulationKey, dkLease.Span);
        }
        catch
        {
            decapsulationKey.Dispose();
            throw;
        }
        return new MlKemKey(algorithm, parameters, encapsulationKey, seed, decapsulationKey, exportPolicy);
    }

    /// <summary>
    /// Encapsulates (FIPS 203, Algorithm 20, ML-KEM.Encaps) with a fresh random m: writes the ciphertext and the
    /// 32-byte shared secret (typically into a <see cref="SecretWriteLease"/>'s span).
    /// </summary>
    /// <remarks>
    /// Hides the base class's method of the same signature, which reports overlapping buffers with
    /// <see cref="CryptographicException"/>: the same checks in the same order (sizes, overlap, disposal), but an
    /// overlap is a caller mistake here and throws <see cref="ArgumentException"/>.
    /// </remarks>
    /// <param name="ciphertext">Receives the ciphertext: exactly <see cref="MLKemAlgorithm.CiphertextSizeInBytes"/> bytes.</param>
    /// <param name="sharedSecret">Receives the shared secret: exactly 32 bytes, not overlapping <paramref name="ciphertext"/>.</param>
    /// <exception cref="ArgumentException">A buffer has the wrong size, or the buffers overlap (nothing is written).</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public new void Encapsulate(Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (ciphertext.Length != Algorithm.CiphertextSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(ciphertext), Algorithm.CiphertextSizeInBytes);
        if (sharedSecret.Length != Algorithm.SharedSecretSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(sharedSecret), Algorithm.SharedSecretSizeInBytes);
        if (sharedSecret.Overlaps(ciphertext)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        ObjectDisposedException.ThrowIf(_disposed, this);
        EncapsulateCore(ciphertext, sharedSecret);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The buffers overlap (the BCL's public methods refuse that before calling here).</exception>
    protected override void EncapsulateCore(Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (sharedSecret.Overlaps(ciphertext)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        Span<byte> m = stackalloc byte[32];
        try
        {
            RandomNumberGenerator.Fill(m);
            MlKemCore.EncapsInternal(_parameters, MlKemPaths.Best, ExpandedKey, m, sharedSecret, ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(m);
        }
    }

    /// <summary>Encapsulation with a caller-chosen m (FIPS 203, Algorithm 17), for Testing.MlKemTesting only.</summary>
    internal void EncapsulateDerandomized(ReadOnlySpan<byte> m, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (sharedSecret.Overlaps(ciphertext)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        if (ciphertext.Overlaps(m)) CryptoThrowHelper.Overlap(nameof(ciphertext));
        if (sharedSecret.Overlaps(m)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        ObjectDisposedException.ThrowIf(_disposed, this);
        MlKemCore.EncapsInternal(_parameters, MlKemPaths.Best, ExpandedKey, m, sharedSecret, ciphertext);
    }

    /// <summary>
    /// ek expanded once (t-hat, A-hat^T, H(ek): public) for encapsulation and for decapsulation's re-encryption. Racing
    /// threads may each build one; they are identical and a reference write is atomic, so the last one wins.
    /// </summary>
    private ExpandedEncapsulationKey ExpandedKey =>
        _expandedEncapsulationKey ??= ExpandedEncapsulationKey.Expand(_parameters, _encapsulationKey);

    /// <inheritdoc />
    /// <remarks>
    /// Every public Decapsulate overload of the base class lands here after its size and disposal checks; none of
    /// them checks overlap, so it is checked here, before anything is written.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="sharedSecret"/> overlaps <paramref name="ciphertext"/>.</exception>
    /// <exception cref="InvalidOperationException">The key has no decapsulation key (it was imported from the public key).</exception>
    protected override void DecapsulateCore(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (sharedSecret.Overlaps(ciphertext)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        if (_decapsulationKey is null) CryptoThrowHelper.KeyLacks("decapsulation key");
        using SecretReadLease lease = _decapsulationKey.OpenRead();
        MlKemCore.DecapsInternal(_parameters, MlKemPaths.Best, lease.Span, ExpandedKey, ciphertext, sharedSecret);
    }

    /// <inheritdoc />
    protected override void ExportEncapsulationKeyCore(Span<byte> destination) => _encapsulationKey.CopyTo(destination);

    /// <summary>
    /// Writes the encapsulation key into the start of <paramref name="destination"/> if it is at least
    /// <see cref="MLKemAlgorithm.EncapsulationKeySizeInBytes"/> bytes.
    /// </summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TryExportEncapsulationKey(Span<byte> destination, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return KeyExport.TryCopyPublic(_encapsulationKey, destination, out bytesWritten);
    }

    /// <summary>
    /// Encapsulates like <see cref="MLKem.Encapsulate(Span{byte}, Span{byte})"/>, but the ciphertext goes to the start
    /// of <paramref name="ciphertext"/>, which may be larger than <see cref="MLKemAlgorithm.CiphertextSizeInBytes"/>.
    /// </summary>
    /// <param name="ciphertext">Receives the ciphertext in its first bytes.</param>
    /// <param name="sharedSecret">Receives the shared secret: exactly 32 bytes (a secret has no "large enough").</param>
    /// <param name="bytesWritten">The number of ciphertext bytes written, or 0 when the call returns false.</param>
    /// <returns><see langword="false"/>, with nothing written to either destination, when <paramref name="ciphertext"/> is too small.</returns>
    /// <exception cref="ArgumentException"><paramref name="sharedSecret"/> has the wrong size (even when
    /// <paramref name="ciphertext"/> is too small), or it overlaps the part of <paramref name="ciphertext"/> that would
    /// be written; nothing is written.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TryEncapsulate(Span<byte> ciphertext, Span<byte> sharedSecret, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (sharedSecret.Length != Algorithm.SharedSecretSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(sharedSecret), Algorithm.SharedSecretSizeInBytes);
        int size = Algorithm.CiphertextSizeInBytes;
        if (ciphertext.Length < size)
        {
            bytesWritten = 0;
            return false;
        }
        Encapsulate(ciphertext[..size], sharedSecret); // this class's Encapsulate: overlap is an ArgumentException
        bytesWritten = size;
        return true;
    }

    /// <summary>
    /// Encapsulates, returning the (public) ciphertext in a new array and the shared secret in a new 32-byte
    /// <see cref="Secret"/> the caller owns; unlike the base class's <c>Encapsulate(out byte[], out byte[])</c>, the
    /// shared secret never reaches the garbage-collected heap.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret Encapsulate(out byte[] ciphertext, SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        byte[] ct = new byte[Algorithm.CiphertextSizeInBytes];
        Secret sharedSecret = Secret.Allocate(Algorithm.SharedSecretSizeInBytes, options);
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

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The key has no decapsulation key (it was imported from the public key).</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    protected override void ExportDecapsulationKeyCore(Span<byte> destination)
    {
        KeyExport.CopyPrivate(_decapsulationKey, "decapsulation key", ExportPolicy, destination);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The key has no private seed (it was imported from a public or expanded key).</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    protected override void ExportPrivateSeedCore(Span<byte> destination)
    {
        KeyExport.CopyPrivate(_seed, "private seed", ExportPolicy, destination);
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: export the private seed instead.</exception>
    protected override bool TryExportPkcs8PrivateKeyCore(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        return CryptoThrowHelper.Pkcs8NotSupported<bool>();
    }

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
