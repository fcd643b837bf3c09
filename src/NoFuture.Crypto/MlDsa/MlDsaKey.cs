// ML-DSA-44/65/87 (FIPS 204) as a System.Security.Cryptography.MLDsa, computed by our managed core
// (MlDsa.MlDsaCore) instead of OpenSSL, so it works where MLDsa.IsSupported is false (OpenSSL < 3.5).
// Sizes: MLDsaAlgorithm.*SizeInBytes; private seed xi 32 bytes; mu 64 bytes.
//
// Choices:
// - The private key form is the 32-byte seed xi (FIPS 204, section 6.1, Algorithm 6). The seed and the expanded
//   private key sk (Algorithm 24's encoding) are kept in NoFuture.Memory secrets; the public key and tr = H(pk, 64)
//   are public and kept in ordinary arrays. A-hat = ExpandA(rho), public too, is computed on first signing or
//   verification and cached (up to 56 KiB for ML-DSA-87).
// - Signing's key-only work (FIPS 204, Algorithm 7 steps 1-4: skDecode and NTT(s1), NTT(s2), NTT(t0)) is done on
//   the first signature and kept in one more secret (up to 23 KiB for ML-DSA-87), wiped on Dispose, so later
//   signatures start at step 7. The forms are those of the path that computed them; a key whose Path was changed
//   afterwards signs from the encoded key instead.
// - Arithmetic runs on the fastest path the machine supports (MlDsa/Simd/MlDsaPaths.Best); tests set Path to run
//   every path through this type. A key imported from an expanded private key has no seed.
// - Signing is hedged (FIPS 204, section 3.4): rnd is 32 bytes from the OS CSPRNG in wiped stack scratch. The
//   deterministic variant (rnd = 0^32) is reachable only through MlDsa.Testing.MlDsaTesting for known-answer tests.
// - Imports of an expanded private key check what FIPS 204's skDecode leaves unchecked: s1 and s2 within
//   [-eta, eta], t0 and tr consistent with the public key recomputed from rho, s1 and s2. A key failing them
//   cannot come from KeyGen: CryptoException(InvalidPrivateKey). Public keys need no check (every 10-bit t1
//   value is valid); a bad public key or signature makes verification return false.
// - HashML-DSA (Algorithm 4) takes the OIDs of FIPS 204, section 5.4.1 (SHA-2, SHA-3, SHAKE128/256); any other OID
//   is a caller mistake (ArgumentException).
// - Private export (seed or expanded key) is gated by KeyExportPolicies as in MlKemKey. PKCS#8 is not offered.
// - Signing computes mu before it writes the signature, so a destination overlapping the message is harmless.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NoFuture.Crypto.MlDsa;
using NoFuture.Crypto.MlDsa.Simd;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An ML-DSA key (FIPS 204) whose secrets live in <see cref="NoFuture.Memory.Secret"/> memory, usable wherever an
/// <see cref="MLDsa"/> is expected, also when <see cref="MLDsa.IsSupported"/> is false.
/// </summary>
/// <remarks>
/// <para>Signatures are hedged (fresh randomness mixed with the key, FIPS 204 section 3.4). Pure ML-DSA with a
/// context of up to 255 bytes, HashML-DSA (<see cref="MLDsa.SignPreHash(ReadOnlySpan{byte}, Span{byte}, string, ReadOnlySpan{byte})"/>)
/// and external mu (<see cref="MLDsa.SignMu(ReadOnlySpan{byte}, Span{byte})"/>) are supported.</para>
/// <para>The private seed and expanded private key can be exported only from a key created with
/// <see cref="KeyExportPolicies.AllowPlaintextExport"/> (see <see cref="ExportPolicy"/>); otherwise every export
/// of them, span or <c>byte[]</c>, throws <see cref="InvalidOperationException"/>. The base class's <c>byte[]</c>
/// exports put the private key on the garbage-collected heap; prefer the span overloads.</para>
/// <para>Signing and verifying allocate no managed memory after the first signature (which caches the public
/// matrix A-hat); signing runs in time independent of the secrets, apart from which rejection check fails in
/// each iteration, which FIPS 204 permits to leak.</para>
/// </remarks>
[DebuggerDisplay("MlDsaKey {Algorithm.Name}")]
public sealed class MlDsaKey : MLDsa
{
    private readonly MlDsaParameters _parameters;
    private readonly byte[] _publicKey;
    private readonly byte[] _tr;               // H(pk, 64): public
    private readonly Secret? _seed;
    private readonly Secret? _privateKey;      // skEncode form
    private int[]? _aHat;                      // ExpandA(rho): public, made on first signing
    private NttForms? _nttForms;               // s1-hat || s2-hat || t0-hat: secret, made on first signing
    private bool _disposed;

    /// <summary>For the leak scan only: the seed xi (null when imported from an expanded key).</summary>
    internal Secret? SeedForTesting => _seed;

    /// <summary>For the leak scan only: the expanded private key rho || K || tr || s1 || s2 || t0 (skEncode form).</summary>
    internal Secret? PrivateKeyForTesting => _privateKey;

    /// <summary>The path that signs and verifies with this key (tests run each path; default the fastest).</summary>
    internal MlDsaPath Path { get; set; } = MlDsaPaths.Best;

    private MlDsaKey(MLDsaAlgorithm algorithm, MlDsaParameters parameters, byte[] publicKey, Secret? seed, Secret? privateKey,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
        : base(algorithm)
    {
        ExportPolicy = exportPolicy;
        _parameters = parameters;
        _publicKey = publicKey;
        _tr = new byte[MlDsaParameters.TrSizeInBytes];
        Keccak.Sha3.Shake256(publicKey, _tr);
        _seed = seed;
        _privateKey = privateKey;
    }

    /// <summary>True when this key can sign (it holds a private key).</summary>
    public bool HasPrivateKey => _privateKey is not null;

    /// <summary>True when this key holds the 32-byte private seed xi (generated or imported from a seed).</summary>
    public bool HasPrivateSeed => _seed is not null;

    /// <summary>The private-key exports this key allows, fixed at creation (always None for a public-only key).</summary>
    public KeyExportPolicies ExportPolicy { get; }

    /// <summary>Generates a new key from a 32-byte seed of OS randomness written straight into secret memory.</summary>
    /// <param name="algorithm">ML-DSA-44, -65 or -87.</param>
    /// <param name="exportPolicy">Whether the seed and private key may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not ML-DSA-44, -65 or -87.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static MlDsaKey Generate(MLDsaAlgorithm algorithm, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        MlDsaParameters parameters = ParametersOf(algorithm);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        Secret seed = Secret.CreateRandom(MlDsaParameters.SeedSizeInBytes);
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

    /// <summary>Imports a key from its 32-byte private seed xi; the seed is copied into secret memory.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-DSA, or <paramref name="source"/> is not 32 bytes.</exception>
    /// <remarks>The key is not exportable (<see cref="KeyExportPolicies.None"/>); use the overload with a policy to allow it.</remarks>
    public static MlDsaKey ImportPrivateSeed(MLDsaAlgorithm algorithm, ReadOnlySpan<byte> source) =>
        ImportPrivateSeed(algorithm, source, KeyExportPolicies.None);

    /// <summary>Imports a key from its 32-byte private seed xi with an export policy; the seed is copied into secret memory.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-DSA, or <paramref name="source"/> is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static MlDsaKey ImportPrivateSeed(MLDsaAlgorithm algorithm, ReadOnlySpan<byte> source, KeyExportPolicies exportPolicy)
    {
        MlDsaParameters parameters = ParametersOf(algorithm);
        if (source.Length != MlDsaParameters.SeedSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(source), MlDsaParameters.SeedSizeInBytes);
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

    /// <summary>Imports a key from a 32-byte private seed xi held in a secret (copied; the caller keeps it).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> or <paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-DSA, or <paramref name="source"/> is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="source"/> was disposed.</exception>
    public static MlDsaKey ImportPrivateSeed(MLDsaAlgorithm algorithm, Secret source, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(source);
        using SecretReadLease lease = source.OpenRead();
        return ImportPrivateSeed(algorithm, lease.Span, exportPolicy);
    }

    /// <summary>Imports a public key (pkEncode form, FIPS 204 Algorithm 22) for verifying.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-DSA, or <paramref name="source"/> has the wrong size.</exception>
    public static MlDsaKey ImportPublicKey(MLDsaAlgorithm algorithm, ReadOnlySpan<byte> source)
    {
        MlDsaParameters parameters = ParametersOf(algorithm);
        if (source.Length != parameters.PublicKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(source), parameters.PublicKeySizeInBytes);
        return new MlDsaKey(algorithm, parameters, source.ToArray(), seed: null, privateKey: null);
    }

    /// <summary>
    /// Imports an expanded private key (skEncode form, FIPS 204 Algorithm 24) after checking it (see remarks). The key
    /// has no seed and is not exportable; use the overload with a policy to allow export.
    /// </summary>
    /// <remarks>
    /// The check: s1 and s2 within [-eta, eta], and t0 and tr consistent with rho, s1 and s2 (the public key is
    /// recomputed from them). FIPS 204's skDecode performs none of these; a key failing them cannot come from KeyGen.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-DSA, or <paramref name="source"/> has the wrong size.</exception>
    /// <exception cref="CryptoException">The key fails the check (<see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    public static MlDsaKey ImportPrivateKey(MLDsaAlgorithm algorithm, ReadOnlySpan<byte> source) =>
        ImportPrivateKey(algorithm, source, KeyExportPolicies.None);

    /// <summary>Imports an expanded private key (FIPS 204 Algorithm 24 form, checked) with an export policy.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ML-DSA, or <paramref name="source"/> has the wrong size.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="CryptoException">The key fails the check (<see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    public static MlDsaKey ImportPrivateKey(MLDsaAlgorithm algorithm, ReadOnlySpan<byte> source, KeyExportPolicies exportPolicy)
    {
        MlDsaParameters parameters = ParametersOf(algorithm);
        if (source.Length != parameters.PrivateKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(source), parameters.PrivateKeySizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        var publicKey = new byte[parameters.PublicKeySizeInBytes];
        if (!MlDsaCore.PublicKeyFromPrivateKey(parameters, source, publicKey))
            CryptoThrowHelper.PrivateKeyRejected("ML-DSA", "the range and consistency check of s1, s2, t0 and tr");
        Secret privateKey = Secret.CopyFrom(source);
        return new MlDsaKey(algorithm, parameters, publicKey, seed: null, privateKey, exportPolicy);
    }

    private static MlDsaParameters ParametersOf(MLDsaAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return MlDsaParameters.From(algorithm)
            ?? CryptoThrowHelper.NotMlDsa<MlDsaParameters>(nameof(algorithm));
    }

    /// <summary>Expands the seed (FIPS 204, Algorithm 6) into a new secret; takes ownership of the seed.</summary>
    private static MlDsaKey FromSeedCore(MLDsaAlgorithm algorithm, MlDsaParameters parameters, Secret seed, KeyExportPolicies exportPolicy)
    {
        var publicKey = new byte[parameters.PublicKeySizeInBytes];
        Secret privateKey = Secret.Allocate(parameters.PrivateKeySizeInBytes);
        try
        {
            using SecretReadLease seedLease = seed.OpenRead();
            using SecretWriteLease skLease = privateKey.OpenWrite();
            MlDsaCore.KeyGenInternal(parameters, seedLease.Span, publicKey, skLease.Span);
        }
        catch
        {
            privateKey.Dispose();
            throw;
        }
        return new MlDsaKey(algorithm, parameters, publicKey, seed, privateKey, exportPolicy);
    }

    /// <summary>ExpandA(rho) of the public key, computed once (public data).</summary>
    private int[] AHat
    {
        get
        {
            int[]? aHat = Volatile.Read(ref _aHat);
            if (aHat is null)
            {
                aHat = new int[256 * _parameters.K * _parameters.L];
                Sampling.ExpandA(_parameters, Path, _publicKey.AsSpan(0, 32), aHat);
                aHat = Interlocked.CompareExchange(ref _aHat, aHat, null) ?? aHat;
            }
            return aHat;
        }
    }

    /// <summary>Sign_internal (FIPS 204, Algorithm 7) from mu with the given rnd (hedged: random; deterministic: zero).</summary>
    internal void SignMuWithRnd(ReadOnlySpan<byte> mu, ReadOnlySpan<byte> rnd, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_privateKey is null) CryptoThrowHelper.KeyLacks("private key");
        Debug.Assert(mu.Length == MlDsaParameters.MuSizeInBytes && rnd.Length == MlDsaParameters.RndSizeInBytes);
        Debug.Assert(destination.Length == _parameters.SignatureSizeInBytes);
        int[] aHat = AHat;
        MlDsaPath path = Path;
        NttForms forms = GetNttForms(_privateKey, path);
        using SecretReadLease lease = _privateKey.OpenRead();
        if (forms.Path != path)
        {
            // The key was checked at import or made by KeyGen, so its s1 and s2 are in range.
            if (!MlDsaCore.SignInternal(_parameters, path, lease.Span, aHat, mu, rnd, destination, out _)) CryptoThrowHelper.Unreachable();
            return;
        }
        using SecretReadLease formsLease = forms.Secret.OpenRead();
        MlDsaCore.SignWithNttForms(_parameters, path, lease.Span.Slice(32, 32), MemoryMarshal.Cast<byte, int>(formsLease.Span),
            aHat, mu, rnd, destination, out _);
    }

    /// <summary>Algorithm 7 steps 1-4 for this key, computed once on the given path into secret memory.</summary>
    private NttForms GetNttForms(Secret privateKey, MlDsaPath path)
    {
        NttForms? forms = Volatile.Read(ref _nttForms);
        if (forms is not null) return forms;
        Secret secret = Secret.Allocate(sizeof(int) * MlDsaCore.NttFormsLength(_parameters));
        try
        {
            using SecretReadLease skLease = privateKey.OpenRead();
            using SecretWriteLease lease = secret.OpenWrite();
            // The key was checked at import or made by KeyGen, so its s1 and s2 are in range.
            if (!MlDsaCore.ComputeNttForms(_parameters, path, skLease.Span, MemoryMarshal.Cast<byte, int>(lease.Span))) CryptoThrowHelper.Unreachable();
        }
        catch
        {
            secret.Dispose();
            throw;
        }
        forms = new NttForms(secret, path);
        NttForms? existing = Interlocked.CompareExchange(ref _nttForms, forms, null);
        if (existing is null)
        {
            // A Dispose that ran meanwhile did not see this secret: wipe it here and fail as a disposed key.
            if (Volatile.Read(ref _disposed))
            {
                secret.Dispose();
                ObjectDisposedException.ThrowIf(true, this);
            }
            return forms;
        }
        secret.Dispose();
        return existing;
    }

    /// <summary>The cached NTT forms and the path that computed them.</summary>
    private sealed record NttForms(Secret Secret, MlDsaPath Path);

    /// <summary>Hedged Sign_internal from mu: rnd from the OS CSPRNG (FIPS 204, Algorithm 2 step 5 / Algorithm 4 step 5).</summary>
    private void SignMuHedged(ReadOnlySpan<byte> mu, Span<byte> destination)
    {
        Span<byte> rnd = stackalloc byte[MlDsaParameters.RndSizeInBytes];
        try
        {
            RandomNumberGenerator.Fill(rnd);
            SignMuWithRnd(mu, rnd, destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rnd);
        }
    }

    /// <summary>mu for pure ML-DSA (Algorithm 2) or, with <paramref name="oid"/>, HashML-DSA (Algorithm 4).</summary>
    internal void ComputeMu(ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, ReadOnlySpan<byte> oid, Span<byte> mu)
    {
        if (context.Length > 255) CryptoThrowHelper.ContextTooLong(nameof(context), 255);
        MlDsaCore.ComputeMu(_tr, context, oid, message, mu);
    }

    /// <summary>The DER OID of a pre-hash function, after checking the hash size.</summary>
    private static void PreHashOid(string hashAlgorithmOid, int hashLength, Span<byte> der)
    {
        if (!PreHash.TryGetOid(hashAlgorithmOid, der, out int digestSize)) CryptoThrowHelper.UnknownPreHashOid(nameof(hashAlgorithmOid));
        if (hashLength != digestSize) CryptoThrowHelper.WrongSize("hash", digestSize);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The key has no private key (it was imported from the public key).</exception>
    protected override void SignDataCore(ReadOnlySpan<byte> data, ReadOnlySpan<byte> context, Span<byte> destination)
    {
        Span<byte> mu = stackalloc byte[MlDsaParameters.MuSizeInBytes];
        ComputeMu(data, context, default, mu);
        SignMuHedged(mu, destination);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The OID is not a FIPS 204 pre-hash function, or the hash has the wrong size for it.</exception>
    /// <exception cref="InvalidOperationException">The key has no private key (it was imported from the public key).</exception>
    protected override void SignPreHashCore(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> context, string hashAlgorithmOid, Span<byte> destination)
    {
        Span<byte> oid = stackalloc byte[PreHash.OidSizeInBytes];
        PreHashOid(hashAlgorithmOid, hash.Length, oid);
        Span<byte> mu = stackalloc byte[MlDsaParameters.MuSizeInBytes];
        ComputeMu(hash, context, oid, mu);
        SignMuHedged(mu, destination);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The key has no private key (it was imported from the public key).</exception>
    protected override void SignMuCore(ReadOnlySpan<byte> externalMu, Span<byte> destination) => SignMuHedged(externalMu, destination);

    /// <inheritdoc />
    protected override bool VerifyDataCore(ReadOnlySpan<byte> data, ReadOnlySpan<byte> context, ReadOnlySpan<byte> signature)
    {
        Span<byte> mu = stackalloc byte[MlDsaParameters.MuSizeInBytes];
        ComputeMu(data, context, default, mu);
        return Verify(mu, signature);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The OID is not a FIPS 204 pre-hash function, or the hash has the wrong size for it.</exception>
    protected override bool VerifyPreHashCore(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> context, string hashAlgorithmOid, ReadOnlySpan<byte> signature)
    {
        Span<byte> oid = stackalloc byte[PreHash.OidSizeInBytes];
        PreHashOid(hashAlgorithmOid, hash.Length, oid);
        Span<byte> mu = stackalloc byte[MlDsaParameters.MuSizeInBytes];
        ComputeMu(hash, context, oid, mu);
        return Verify(mu, signature);
    }

    /// <inheritdoc />
    protected override bool VerifyMuCore(ReadOnlySpan<byte> externalMu, ReadOnlySpan<byte> signature) => Verify(externalMu, signature);

    /// <summary>Verify_internal (FIPS 204, Algorithm 8) from mu with the cached A-hat.</summary>
    private bool Verify(ReadOnlySpan<byte> mu, ReadOnlySpan<byte> signature)
    {
        // A wrong-size signature is rejected before the matrix is expanded.
        if (signature.Length != _parameters.SignatureSizeInBytes) return false;
        return MlDsaCore.VerifyInternal(_parameters, Path, _publicKey, AHat, mu, signature);
    }

    /// <inheritdoc />
    protected override void ExportMLDsaPublicKeyCore(Span<byte> destination) => _publicKey.CopyTo(destination);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The key has no private seed (it was imported from a public or expanded key).</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    protected override void ExportMLDsaPrivateSeedCore(Span<byte> destination)
    {
        KeyExport.CopyPrivate(_seed, "private seed", ExportPolicy, destination);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The key has no private key (it was imported from the public key).</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    protected override void ExportMLDsaPrivateKeyCore(Span<byte> destination)
    {
        KeyExport.CopyPrivate(_privateKey, "private key", ExportPolicy, destination);
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
            Volatile.Write(ref _disposed, true);
            _seed?.Dispose();
            _privateKey?.Dispose();
            Interlocked.Exchange(ref _nttForms, null)?.Secret.Dispose();
        }
        base.Dispose(disposing);
    }
}
