// An X-Wing key pair (draft-connolly-cfrg-xwing-kem-10, §5.2 and §5.5.1): the 32-byte seed sk and the expanded
// decapsulation key, cached in one NoFuture.Memory Secret laid out as
//   sk (32) || sk_M (2400, the ML-KEM-768 decapsulation key) || sk_X (32)
// so decapsulation never re-runs expandDecapsulationKey. ML-KEM's re-encryption also uses pk_M expanded once (t-hat,
// A-hat^T, H(pk_M); public, in managed arrays). The public key pk = pk_M || pk_X (1216) is not secret and
// sits in an ordinary array. The secret is frozen (read-only) once written.
// The expanded form never leaves this object (§5.5.1: it MUST NOT be transmitted between implementations); the only
// export is the seed sk, and only for keys created with KeyExportPolicies.AllowPlaintextExport.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.XWing;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An X-Wing private (decapsulation) key held in secret memory, with its expanded form cached for fast
/// decapsulation, and its public key. Dispose it to wipe both.
/// </summary>
/// <remarks>
/// Decapsulation never fails on a well-sized ciphertext: a tampered ciphertext gives an unrelated shared secret
/// (ML-KEM's implicit rejection), never an exception. <see cref="ToString"/> shows no key material.
/// </remarks>
[DebuggerDisplay("XWingPrivateKey")]
public sealed class XWingPrivateKey : IDisposable
{
    private const int SeedOffset = 0, ExpandedOffset = XWingCore.SeedSizeInBytes;
    private const int KeySizeInBytes = XWingCore.SeedSizeInBytes + XWingCore.ExpandedKeySizeInBytes;

    private readonly Secret _key;
    private readonly byte[] _publicKey = new byte[XWingCore.PublicKeySizeInBytes];
    private ExpandedEncapsulationKey? _expandedPkM; // public; made on first decapsulation, see DecapsulateCore

    private XWingPrivateKey(Secret key, KeyExportPolicies exportPolicy)
    {
        _key = key;
        ExportPolicy = exportPolicy;
    }

    /// <summary>The private-key exports this key allows, fixed at creation.</summary>
    public KeyExportPolicies ExportPolicy { get; }

    /// <summary>The public (encapsulation) key pk = pk_M || pk_X, 1216 bytes.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public ReadOnlySpan<byte> PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
            return _publicKey;
        }
    }

    /// <summary>
    /// Generates a key pair (draft §5.2, GenerateKeyPair): the 32-byte seed comes from the OS CSPRNG, written straight
    /// into secret memory, and is expanded there.
    /// </summary>
    /// <param name="options">Secret-memory options; <see cref="SecretOptions.Default"/> when null.</param>
    /// <param name="exportPolicy">Whether the seed may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static XWingPrivateKey Generate(SecretOptions? options = null, KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return Create(options, exportPolicy, default(ReadOnlySpan<byte>), fromRandom: true);
    }

    /// <summary>
    /// Imports a 32-byte seed sk (draft §5.2.1, GenerateKeyPairDerand) by copying it from
    /// <paramref name="privateKey"/>, which is left as it is.
    /// </summary>
    /// <exception cref="ArgumentException">The secret is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static XWingPrivateKey Import(Secret privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != XWingKem.PrivateKeySizeInBytes)
            CryptoThrowHelper.WrongSecretSize(nameof(privateKey), XWingKem.PrivateKeySizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        using SecretReadLease lease = privateKey.OpenRead();
        return Create(options, exportPolicy, lease.Span, fromRandom: false);
    }

    /// <summary>
    /// Imports a 32-byte seed sk by copying it from <paramref name="privateKey"/> (for example another lease). The
    /// caller remains responsible for wiping its own copy.
    /// </summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static XWingPrivateKey Import(ReadOnlySpan<byte> privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None)
    {
        if (privateKey.Length != XWingKem.PrivateKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(privateKey), XWingKem.PrivateKeySizeInBytes);
        KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
        return Create(options, exportPolicy, privateKey, fromRandom: false);
    }


    /// <summary>Writes the public key into <paramref name="destination"/> (exactly 1216 bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPublicKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        if (destination.Length != XWingKem.PublicKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(destination), XWingKem.PublicKeySizeInBytes);
        _publicKey.CopyTo(destination);
    }

    /// <summary>Writes the public key into the start of <paramref name="destination"/> if it holds at least 1216 bytes.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TryExportPublicKey(Span<byte> destination, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        return KeyExport.TryCopyPublic(_publicKey, destination, out bytesWritten);
    }

    /// <summary>Returns a copy of the public key (1216 bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] ExportPublicKey()
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        return (byte[])_publicKey.Clone();
    }

    /// <summary>
    /// Decapsulates <paramref name="ciphertext"/> (draft §5.5, Decapsulate) into <paramref name="sharedSecret"/>
    /// (typically a write lease's span), using the cached expanded key.
    /// </summary>
    /// <remarks>
    /// Any 1120-byte ciphertext is accepted. A modified ciphertext yields a different, unpredictable shared secret
    /// (implicit rejection); a low-order X25519 part is hashed like any other, as the draft specifies.
    /// </remarks>
    /// <exception cref="ArgumentException">A buffer has the wrong size or the buffers overlap.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void Decapsulate(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        if (ciphertext.Length != XWingKem.CiphertextSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(ciphertext), XWingKem.CiphertextSizeInBytes);
        if (sharedSecret.Length != XWingKem.SharedSecretSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(sharedSecret), XWingKem.SharedSecretSizeInBytes);
        if (sharedSecret.Overlaps(ciphertext)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        DecapsulateCore(ciphertext, sharedSecret);
    }

    /// <summary>Decapsulates <paramref name="ciphertext"/> into a new 32-byte <see cref="Secret"/> the caller owns.</summary>
    /// <exception cref="ArgumentException">The ciphertext has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret Decapsulate(ReadOnlySpan<byte> ciphertext, SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        if (ciphertext.Length != XWingKem.CiphertextSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(ciphertext), XWingKem.CiphertextSizeInBytes);
        Secret sharedSecret = Secret.Allocate(XWingKem.SharedSecretSizeInBytes, options);
        try
        {
            using (SecretWriteLease lease = sharedSecret.OpenWrite()) DecapsulateCore(ciphertext, lease.Span);
            return sharedSecret;
        }
        catch
        {
            sharedSecret.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies the 32-byte seed sk (the draft's serialized private key, §5.1) into a new <see cref="Secret"/> the
    /// caller owns. The expanded key is never exported (§5.5.1).
    /// </summary>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret ExportPrivateKey(SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        using SecretReadLease lease = _key.OpenRead();
        return Secret.CopyFrom(lease.Span.Slice(SeedOffset, XWingCore.SeedSizeInBytes), options);
    }

    /// <summary>Copies the 32-byte seed sk into <paramref name="destination"/> (exactly 32 bytes, typically a write lease's span).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="InvalidOperationException">The key was not created with <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportPrivateKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        KeyExport.Demand(ExportPolicy);
        if (destination.Length != XWingKem.PrivateKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(destination), XWingKem.PrivateKeySizeInBytes);
        using SecretReadLease lease = _key.OpenRead();
        lease.Span.Slice(SeedOffset, XWingCore.SeedSizeInBytes).CopyTo(destination);
    }

    /// <summary>Wipes and frees the seed and the expanded key.</summary>
    public void Dispose() => _key.Dispose();

    /// <summary>Returns the type name only.</summary>
    public override string ToString() => nameof(XWingPrivateKey);

    private void DecapsulateCore(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        // pk_M expanded once (public data). Racing threads may each build one; they are identical, and a reference
        // write is atomic, so the last one simply wins.
        ExpandedEncapsulationKey expandedPkM = _expandedPkM ??=
            ExpandedEncapsulationKey.Expand(MlKemParameters.MlKem768, _publicKey.AsSpan(0, XWingCore.PkMSizeInBytes));
        using SecretReadLease lease = _key.OpenRead();
        ReadOnlySpan<byte> pkX = _publicKey.AsSpan(XWingCore.PkMSizeInBytes);
        XWingCore.Decapsulate(lease.Span.Slice(ExpandedOffset, XWingCore.ExpandedKeySizeInBytes), expandedPkM, pkX, ciphertext, sharedSecret);
    }

    /// <summary>Allocates the key's secret, fills the seed (from <paramref name="seed"/> or the CSPRNG) and expands it.</summary>
    private static XWingPrivateKey Create(SecretOptions? options, KeyExportPolicies exportPolicy, ReadOnlySpan<byte> seed, bool fromRandom)
    {
        Secret key = Secret.Allocate(KeySizeInBytes, options);
        try
        {
            var result = new XWingPrivateKey(key, exportPolicy);
            using (SecretWriteLease lease = key.OpenWrite())
            {
                Span<byte> sk = lease.Span.Slice(SeedOffset, XWingCore.SeedSizeInBytes);
                if (fromRandom) RandomNumberGenerator.Fill(sk);
                else seed.CopyTo(sk);
                XWingCore.ExpandDecapsulationKey(sk, result._publicKey, lease.Span.Slice(ExpandedOffset, XWingCore.ExpandedKeySizeInBytes));
            }
            key.Freeze();
            return result;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
