// Signature algorithms, one singleton per parameter set (as AeadAlgorithm and HpkeKem):
//   Ed25519                  RFC 8032 §5.1        pk 32, sk 32 (seed), sig 64          libsodium
//   Ed448, Ed448ph           RFC 8032 §5.2        pk 57, sk 57 (seed), sig 114, ctx    managed (Curves/Curve448)
//   ECDSA P-256/SHA-256      FIPS 186-5 §6.4      pk 65, sk 32, sig ≤ 72 DER / 64 P1363    BCL ECDsa (OpenSSL)
//   ECDSA P-384/SHA-384                           pk 97, sk 48, sig ≤ 104 DER / 96 P1363
//   ECDSA P-521/SHA-512                           pk 133, sk 66, sig ≤ 139 DER / 132 P1363
//   ML-DSA-44/65/87          FIPS 204             pk 1312/1952/2592, sk 32 (seed xi), sig 2420/3309/4627, ctx    managed (MlDsa)
// The DER members are the form TLS 1.3 (RFC 8446 §4.2.3) and MLS (RFC 9420 §5.1.2) put on the wire; the P1363 members
// the fixed r ‖ s of JOSE, COSE and WebCrypto. Public keys: the raw RFC 8032 encoding, or SEC1 uncompressed 0x04 ‖ X ‖ Y.
// Failure policy (docs/failure-policy.md): a public key of the wrong length and a context the algorithm cannot take are
// caller mistakes (ArgumentException); everything about a signature (wrong length, malformed DER, wrong value) and a
// public key of the right length that is not a valid point make Verify return false. ImportPublicKey is where a
// peer's key is checked once: it throws CryptoException(InvalidPublicKey) for such a key.
using System.Diagnostics;
using NoFuture.Crypto.Signatures;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// A signature algorithm (Ed25519, Ed448, Ed448ph, ECDSA on P-256/384/521 in DER or IEEE P1363 form, ML-DSA-44/65/87). Create keys with
/// <see cref="GenerateKey"/> or <see cref="ImportPrivateKey(ReadOnlySpan{byte}, SecretOptions?, KeyExportPolicies)"/>,
/// check a peer's key once with <see cref="ImportPublicKey"/>, or verify in one shot with <see cref="Verify"/>.
/// </summary>
[DebuggerDisplay("{Name}")]
public abstract class SignatureAlgorithm
{
    private protected SignatureAlgorithm(string name, int publicKeySize, int privateKeySize, int signatureSize, bool supportsContext)
    {
        Name = name;
        PublicKeySizeInBytes = publicKeySize;
        PrivateKeySizeInBytes = privateKeySize;
        SignatureSizeInBytes = signatureSize;
        SupportsContext = supportsContext;
    }

    /// <summary>Ed25519 (RFC 8032 §5.1): 32-byte keys, 64-byte signatures, no context.</summary>
    public static SignatureAlgorithm Ed25519 { get; } = new Ed25519Algorithm();

    /// <summary>Ed448 (RFC 8032 §5.2): 57-byte keys, 114-byte signatures, a context of 0–255 bytes.</summary>
    public static SignatureAlgorithm Ed448 { get; } = new Ed448Algorithm(prehash: false);

    /// <summary>Ed448ph (RFC 8032 §5.2): Ed448 over SHAKE256(M, 64) with the pre-hash flag set; a context of 0–255 bytes.</summary>
    public static SignatureAlgorithm Ed448ph { get; } = new Ed448Algorithm(prehash: true);

    /// <summary>ECDSA on P-256 with SHA-256, DER signatures (RFC 3279 Dss-Sig-Value; TLS 1.3 and MLS), at most 72 bytes.</summary>
    public static SignatureAlgorithm EcdsaP256Sha256 { get; } = new EcdsaAlgorithm(NistCurve.P256, der: true);

    /// <summary>ECDSA on P-384 with SHA-384, DER signatures, at most 104 bytes.</summary>
    public static SignatureAlgorithm EcdsaP384Sha384 { get; } = new EcdsaAlgorithm(NistCurve.P384, der: true);

    /// <summary>ECDSA on P-521 with SHA-512, DER signatures, at most 139 bytes.</summary>
    public static SignatureAlgorithm EcdsaP521Sha512 { get; } = new EcdsaAlgorithm(NistCurve.P521, der: true);

    /// <summary>ECDSA on P-256 with SHA-256, IEEE P1363 signatures (r ‖ s, 64 bytes).</summary>
    public static SignatureAlgorithm EcdsaP256Sha256P1363 { get; } = new EcdsaAlgorithm(NistCurve.P256, der: false);

    /// <summary>ECDSA on P-384 with SHA-384, IEEE P1363 signatures (r ‖ s, 96 bytes).</summary>
    public static SignatureAlgorithm EcdsaP384Sha384P1363 { get; } = new EcdsaAlgorithm(NistCurve.P384, der: false);

    /// <summary>ECDSA on P-521 with SHA-512, IEEE P1363 signatures (r ‖ s, 132 bytes).</summary>
    public static SignatureAlgorithm EcdsaP521Sha512P1363 { get; } = new EcdsaAlgorithm(NistCurve.P521, der: false);

    /// <summary>ML-DSA-44 (FIPS 204): 32-byte private seed, 1312-byte public keys, 2420-byte hedged signatures, a context of 0–255 bytes.</summary>
    public static SignatureAlgorithm MlDsa44 { get; } = new MlDsaAlgorithm(NoFuture.Crypto.MlDsa.MlDsaParameters.MlDsa44);

    /// <summary>ML-DSA-65 (FIPS 204): 32-byte private seed, 1952-byte public keys, 3309-byte hedged signatures, a context of 0–255 bytes.</summary>
    public static SignatureAlgorithm MlDsa65 { get; } = new MlDsaAlgorithm(NoFuture.Crypto.MlDsa.MlDsaParameters.MlDsa65);

    /// <summary>ML-DSA-87 (FIPS 204): 32-byte private seed, 2592-byte public keys, 4627-byte hedged signatures, a context of 0–255 bytes.</summary>
    public static SignatureAlgorithm MlDsa87 { get; } = new MlDsaAlgorithm(NoFuture.Crypto.MlDsa.MlDsaParameters.MlDsa87);

    /// <summary>The algorithm's name, for example "Ed25519" or "ECDSA-P256-SHA256".</summary>
    public string Name { get; }

    /// <summary>The size of an encoded public key in bytes (RFC 8032 encoding, or SEC1 uncompressed 0x04 ‖ X ‖ Y).</summary>
    public int PublicKeySizeInBytes { get; }

    /// <summary>The size of a private key in bytes (the RFC 8032 seed, the big-endian ECDSA scalar, or the FIPS 204 seed ξ).</summary>
    public int PrivateKeySizeInBytes { get; }

    /// <summary>The size of a signature in bytes; for DER ECDSA the largest one (a DER signature is often a few bytes shorter).</summary>
    public int SignatureSizeInBytes { get; }

    /// <summary>Whether the algorithm takes a context string (Ed448 and Ed448ph, RFC 8032 §5.2; ML-DSA, FIPS 204 §5.2: 0–255 bytes).</summary>
    public bool SupportsContext { get; }

    /// <summary>Generates a key pair; the private key is drawn into secret memory.</summary>
    /// <param name="options">Secret-memory options; <see cref="SecretOptions.Default"/> when null.</param>
    /// <param name="exportPolicy">Whether the private key may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public SigningKey GenerateKey(SecretOptions? options = null, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return GenerateCore(options, exportPolicy);
    }

    /// <summary>
    /// Imports a private key (<see cref="PrivateKeySizeInBytes"/> bytes) from <paramref name="privateKey"/>, for example
    /// another lease's span. It is copied; the caller remains responsible for wiping its own copy.
    /// </summary>
    /// <exception cref="ArgumentException">The span has the wrong size.</exception>
    /// <exception cref="CryptoException">(ECDSA) The key is not a scalar in [1, n − 1] (<see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public SigningKey ImportPrivateKey(ReadOnlySpan<byte> privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        if (privateKey.Length != PrivateKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(privateKey), PrivateKeySizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return ImportCore(privateKey, options, exportPolicy);
    }

    /// <summary>Imports the private key held in <paramref name="privateKey"/> (copied; the secret is left as it is).</summary>
    /// <exception cref="ArgumentException">The secret has the wrong size.</exception>
    /// <exception cref="CryptoException">(ECDSA) The key is not a scalar in [1, n − 1] (<see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public SigningKey ImportPrivateKey(Secret privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != PrivateKeySizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(privateKey), PrivateKeySizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        using SecretReadLease lease = privateKey.OpenRead();
        return ImportCore(lease.Span, options, exportPolicy);
    }

    /// <summary>Checks a public key (typically a peer's) once and keeps it for verifying.</summary>
    /// <remarks>
    /// The check: Ed25519 keys must be canonical points of the prime-order subgroup (libsodium's
    /// <c>crypto_core_ed25519_is_valid_point</c>; honestly generated keys always are); Ed448 keys must decode
    /// (RFC 8032 §5.2.3); ECDSA keys must be 0x04 ‖ X ‖ Y with (X, Y) on the curve. ML-DSA keys are accepted at any
    /// value: FIPS 204 defines no public-key check (every encoding decodes), and a wrong key verifies nothing.
    /// </remarks>
    /// <exception cref="ArgumentException">The key is not <see cref="PublicKeySizeInBytes"/> bytes.</exception>
    /// <exception cref="CryptoException">The key is not a valid point (<see cref="CryptoError.InvalidPublicKey"/>).</exception>
    public SignaturePublicKey ImportPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(publicKey), PublicKeySizeInBytes);
        if (!IsValidPublicKey(publicKey)) CryptoThrowHelper.InvalidSignaturePublicKey(Name);
        return new SignaturePublicKey(this, publicKey.ToArray());
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="message"/> under <paramref name="publicKey"/>.</summary>
    /// <param name="publicKey">The signer's public key, <see cref="PublicKeySizeInBytes"/> bytes.</param>
    /// <param name="message">The signed message (hashed here for ECDSA and Ed448ph).</param>
    /// <param name="signature">The signature.</param>
    /// <param name="context">The signer's context (Ed448, Ed448ph); must be empty for the other algorithms.</param>
    /// <returns>
    /// <see langword="true"/> for a valid signature. <see langword="false"/> for anything else: a wrong signature, a
    /// signature of the wrong length or (DER) not strict DER, a non-canonical S or R, and also a public key of the right
    /// length that is not a valid point (this one-shot form does not throw for it; <see cref="ImportPublicKey"/> does).
    /// </returns>
    /// <exception cref="ArgumentException">
    /// The public key is not <see cref="PublicKeySizeInBytes"/> bytes, or the context is not empty and the algorithm
    /// takes none (<see cref="SupportsContext"/>), or it is longer than 255 bytes.
    /// </exception>
    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature,
        ReadOnlySpan<byte> context = default)
    {
        if (publicKey.Length != PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(publicKey), PublicKeySizeInBytes);
        CheckContext(context, nameof(context));
        return VerifyCore(publicKey, message, signature, context);
    }

    /// <summary>Returns the name.</summary>
    public override string ToString() => Name;

    internal void CheckContext(ReadOnlySpan<byte> context, string paramName)
    {
        if (context.IsEmpty) return;
        if (!SupportsContext) CryptoThrowHelper.ContextNotSupported(paramName, Name);
        if (context.Length > Ed448Algorithm.MaxContextSizeInBytes) CryptoThrowHelper.ContextTooLong(paramName, Ed448Algorithm.MaxContextSizeInBytes);
    }

    /// <summary>Generates a key; the policy is validated.</summary>
    private protected virtual SigningKey GenerateCore(SecretOptions? options, KeyExportPolicies exportPolicy)
    {
        using Secret privateKey = Secret.CreateRandom(PrivateKeySizeInBytes, options);
        using SecretReadLease lease = privateKey.OpenRead();
        return ImportCore(lease.Span, options, exportPolicy);
    }

    /// <summary>Builds a key from a private key of the right size; the policy is validated.</summary>
    private protected abstract SigningKey ImportCore(ReadOnlySpan<byte> privateKey, SecretOptions? options, KeyExportPolicies exportPolicy);

    /// <summary>Whether a public key of the right size passes the import check.</summary>
    private protected abstract bool IsValidPublicKey(ReadOnlySpan<byte> publicKey);

    /// <summary>Verifies with sizes of the key and the context checked; false for any signature problem.</summary>
    internal abstract bool VerifyCore(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature,
        ReadOnlySpan<byte> context);
}
