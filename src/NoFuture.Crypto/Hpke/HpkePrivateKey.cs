// An HPKE key pair for one KEM (RFC 9180 §4: GenerateKeyPair, DeriveKeyPair, SerializePrivateKey,
// DeserializePrivateKey). The private key lives in one NoFuture.Memory Secret, frozen once written, laid out as
//   SerializePrivateKey(sk) (Nsk bytes) || the KEM's cached expanded form (ML-KEM's dk, X-Wing's sk_M || sk_X, ...)
// so decapsulation never re-expands a seed. DHKEM over P-256/384/521 also keeps an EcdhPrivateKey (its own Secret) for
// the BCL's ECDH. The public key (SerializePublicKey(pk)) is not secret and sits in an ordinary array.
// Export of the private key obeys KeyExportPolicies like every other key type: refused unless the key was generated,
// derived or imported with AllowPlaintextExport. Keys the library makes for itself (DHKEM's ephemeral skE) keep None.
using System.Diagnostics;
using NoFuture.Crypto.MlKem;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An HPKE private key (with its public key) for one <see cref="HpkeKem"/>, held in secret memory. Dispose it to
/// wipe the key.
/// </summary>
/// <remarks>
/// The private key never leaves secret memory. It can be exported (<see cref="ExportPrivateKey(SecretOptions?)"/>, into
/// another <see cref="Secret"/> or a caller's span) only when the key was created with
/// <see cref="KeyExportPolicies.AllowPlaintextExport"/>; using the key never needs an export. <see cref="ToString"/>
/// shows the KEM only.
/// </remarks>
[DebuggerDisplay("HpkePrivateKey {Kem.Name}")]
public sealed class HpkePrivateKey : IDisposable
{
    private readonly Secret _secret;
    private readonly byte[] _publicKey;
    private readonly IDisposable? _companion;
    private ExpandedEncapsulationKey? _expandedMlKem; // public: the ML-KEM part of the public key, expanded on first use

    internal HpkePrivateKey(HpkeKem kem, Secret secret, byte[] publicKey, IDisposable? companion)
    {
        Kem = kem;
        _secret = secret;
        _publicKey = publicKey;
        _companion = companion;
    }

    /// <summary>The KEM this key belongs to.</summary>
    public HpkeKem Kem { get; }

    /// <summary>The private-key exports this key allows, fixed at creation.</summary>
    /// <remarks>Set once by the public factory methods, before the key is handed out (the KEM cores build the key).</remarks>
    public KeyExportPolicies ExportPolicy { get; private set; }

    /// <summary>The serialized public key, <see cref="HpkeKem.PublicKeySizeInBytes"/> bytes.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public ReadOnlySpan<byte> PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_secret.IsDisposed, this);
            return _publicKey;
        }
    }

    /// <summary>
    /// For the KEMs whose public key starts with an ML-KEM encapsulation key (ML-KEM, X-Wing, the hybrids): that key
    /// expanded once (t-hat, A-hat^T, H(ek); public), so decapsulation's re-encryption skips the matrix sampling.
    /// Racing threads may each build one; they are identical and a reference write is atomic.
    /// </summary>
    internal ExpandedEncapsulationKey ExpandedMlKemKey(MlKemParameters p) =>
        _expandedMlKem ??= ExpandedEncapsulationKey.Expand(p, _publicKey.AsSpan(0, p.EncapsulationKeySizeInBytes));

    /// <summary>The key's secret memory (for the KEM cores).</summary>
    internal Secret Secret => _secret;

    /// <summary>The family's companion object (the EcdhPrivateKey of a NIST-curve DHKEM), or null.</summary>
    internal IDisposable? Companion => _companion;

    /// <summary>GenerateKeyPair() (RFC 9180 §4): randomness from the OS CSPRNG, written straight into secret memory.</summary>
    /// <param name="kem">The KEM.</param>
    /// <param name="options">Secret-memory options for the new key.</param>
    /// <param name="exportPolicy">Whether the private key may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="kem"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static HpkePrivateKey Generate(HpkeKem kem, SecretOptions? options = null, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(kem);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return kem.Core.Generate(options).WithExportPolicy(exportPolicy);
    }

    /// <summary>
    /// DeriveKeyPair(ikm) (RFC 9180 §7.1.3; draft-ietf-hpke-pq-04 §3 and §4 for the post-quantum KEMs): the same
    /// <paramref name="ikm"/> always gives the same key pair.
    /// </summary>
    /// <param name="kem">The KEM.</param>
    /// <param name="ikm">Input keying material with at least <see cref="HpkeKem.PrivateKeySizeInBytes"/> bytes of entropy
    /// (typically a read lease's span).</param>
    /// <param name="options">Secret-memory options for the new key.</param>
    /// <param name="exportPolicy">Whether the private key may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="kem"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="HpkeException"><see cref="HpkeError.DeriveKeyPairFailed"/>: no valid scalar was found (NIST curves;
    /// probability below 2^-32 per attempt even for P-256).</exception>
    public static HpkePrivateKey DeriveKeyPair(HpkeKem kem, ReadOnlySpan<byte> ikm, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(kem);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return kem.Core.DeriveKeyPair(ikm, options).WithExportPolicy(exportPolicy);
    }

    /// <summary>DeriveKeyPair from input keying material held in a <see cref="Secret"/>; see the span overload.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    /// <exception cref="HpkeException"><see cref="HpkeError.DeriveKeyPairFailed"/>.</exception>
    public static HpkePrivateKey DeriveKeyPair(HpkeKem kem, Secret ikm, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(kem);
        ArgumentNullException.ThrowIfNull(ikm);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        using SecretReadLease lease = ikm.OpenRead();
        return kem.Core.DeriveKeyPair(lease.Span, options).WithExportPolicy(exportPolicy);
    }

    /// <summary>
    /// DeserializePrivateKey: imports a serialized private key (<see cref="HpkeKem.PrivateKeySizeInBytes"/> bytes: the
    /// X25519 scalar, the big-endian NIST scalar, the 64-byte ML-KEM seed d || z, the 32-byte X-Wing seed) by copying
    /// it from <paramref name="privateKey"/>, which is left as it is.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The secret has the wrong size.</exception>
    /// <exception cref="CryptoException">The key is not a valid scalar (0 or ≥ n on a NIST curve; <see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static HpkePrivateKey Import(HpkeKem kem, Secret privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(kem);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != kem.PrivateKeySizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(privateKey), kem.PrivateKeySizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        using SecretReadLease lease = privateKey.OpenRead();
        return kem.Core.Import(lease.Span, options).WithExportPolicy(exportPolicy);
    }

    /// <summary>Imports a serialized private key from a span (for example another lease); see the Secret overload. The
    /// caller remains responsible for wiping its own copy.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="kem"/> is null.</exception>
    /// <exception cref="ArgumentException">The span has the wrong size.</exception>
    /// <exception cref="CryptoException">The key is not a valid scalar (0 or ≥ n on a NIST curve; <see cref="CryptoError.InvalidPrivateKey"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static HpkePrivateKey Import(HpkeKem kem, ReadOnlySpan<byte> privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(kem);
        if (privateKey.Length != kem.PrivateKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(privateKey), kem.PrivateKeySizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return kem.Core.Import(privateKey, options).WithExportPolicy(exportPolicy);
    }

    /// <summary>Copies the public key into <paramref name="destination"/> (exactly <see cref="HpkeKem.PublicKeySizeInBytes"/> bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPublicKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_secret.IsDisposed, this);
        if (destination.Length != _publicKey.Length) CryptoThrowHelper.WrongSize(nameof(destination), _publicKey.Length);
        _publicKey.CopyTo(destination);
    }

    /// <summary>SerializePrivateKey: copies the serialized private key into a new <see cref="Secret"/> the caller owns.</summary>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret ExportPrivateKey(SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_secret.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        using SecretReadLease lease = _secret.OpenRead();
        return Secret.CopyFrom(lease.Span[..Kem.PrivateKeySizeInBytes], options);
    }

    /// <summary>
    /// SerializePrivateKey into <paramref name="destination"/> (exactly <see cref="HpkeKem.PrivateKeySizeInBytes"/> bytes,
    /// typically a write lease's span).
    /// </summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPrivateKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_secret.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        if (destination.Length != Kem.PrivateKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(destination), Kem.PrivateKeySizeInBytes);
        using SecretReadLease lease = _secret.OpenRead();
        lease.Span[..Kem.PrivateKeySizeInBytes].CopyTo(destination);
    }

    /// <summary>Wipes and frees the private key.</summary>
    public void Dispose()
    {
        _secret.Dispose();
        _companion?.Dispose();
    }

    /// <summary>Returns the type and KEM name only.</summary>
    public override string ToString() => $"HpkePrivateKey {Kem.Name}";

    /// <summary>Sets the export policy of a key just built by a KEM core, before it is handed out.</summary>
    private HpkePrivateKey WithExportPolicy(KeyExportPolicies exportPolicy)
    {
        ExportPolicy = exportPolicy;
        return this;
    }

    /// <summary>Throws ObjectDisposedException when disposed.</summary>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_secret.IsDisposed, this);
}
