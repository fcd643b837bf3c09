// An X25519 key pair object (RFC 7748): the 32-byte scalar in a NoFuture.Memory Secret the key owns. What every
// RFC 7748 key does is in XdhPrivateKey; this type adds the X25519 factories. See X25519.cs for the low-order-point policy.
using System.Diagnostics;
using NoFuture.Crypto.Curves.Xdh;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An X25519 private key held in secret memory, with its public key (32 bytes each). Dispose it to wipe the scalar.
/// </summary>
/// <remarks>See <see cref="XdhPrivateKey"/>: the scalar never leaves secret memory, and is exported only under
/// <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</remarks>
[DebuggerDisplay("X25519PrivateKey")]
public sealed class X25519PrivateKey : XdhPrivateKey
{
    private X25519PrivateKey(Secret scalar, byte[] publicKey, KeyExportPolicies exportPolicy)
        : base(scalar, publicKey, exportPolicy)
    {
    }

    /// <summary>Generates a key from the OS CSPRNG, written straight into secret memory.</summary>
    /// <param name="options">Secret-memory options; <see cref="SecretOptions.Default"/> when null.</param>
    /// <param name="exportPolicy">Whether the scalar may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static X25519PrivateKey Generate(SecretOptions? options = null, KeyExportPolicies exportPolicy = KeyExportPolicies.None) =>
        Generate<X25519Function, X25519PrivateKey>(options, exportPolicy, static (s, pk, p) => new X25519PrivateKey(s, pk, p));

    /// <summary>Imports a 32-byte scalar by copying it from <paramref name="privateKey"/> (left as it is).</summary>
    /// <exception cref="ArgumentException">The secret is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static X25519PrivateKey Import(Secret privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None) =>
        Import<X25519Function, X25519PrivateKey>(privateKey, options, exportPolicy, static (s, pk, p) => new X25519PrivateKey(s, pk, p));

    /// <summary>
    /// Imports a 32-byte scalar by copying it from <paramref name="privateKey"/> (for example another lease). The
    /// caller remains responsible for wiping its own copy.
    /// </summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static X25519PrivateKey Import(ReadOnlySpan<byte> privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None) =>
        Import<X25519Function, X25519PrivateKey>(privateKey, options, exportPolicy, static (s, pk, p) => new X25519PrivateKey(s, pk, p));

    /// <summary>
    /// A key over <paramref name="scalar"/>, which the key takes over (and disposes), with the public key the caller
    /// already holds for it: no scalar multiplication. For this library's protocols only, where the public key was
    /// derived from the same scalar when it was made (a sealed identity key opened again); checked in debug builds.
    /// </summary>
    /// <exception cref="ArgumentException">The scalar or the public key is not 32 bytes (the scalar is then disposed).</exception>
    internal static X25519PrivateKey FromTrusted(Secret scalar, ReadOnlySpan<byte> publicKey, KeyExportPolicies exportPolicy)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        try
        {
            if (scalar.Length != X25519.PrivateKeySizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(scalar), X25519.PrivateKeySizeInBytes);
            if (publicKey.Length != X25519.PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(publicKey), X25519.PublicKeySizeInBytes);
            KeyExport.ValidatePolicy(exportPolicy, nameof(exportPolicy));
            Debug.Assert(MatchesPublicKey(scalar, publicKey), "the public key is not the scalar's");
            return new X25519PrivateKey(scalar, publicKey.ToArray(), exportPolicy);
        }
        catch
        {
            scalar.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An independent copy of this key (its own scalar secret, the same public key and export policy), without the
    /// scalar multiplication an import of the exported scalar would redo.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    internal X25519PrivateKey Copy() => new(CloneScalar(), ExportPublicKey(), ExportPolicy);

    private static bool MatchesPublicKey(Secret scalar, ReadOnlySpan<byte> publicKey)
    {
        Span<byte> derived = stackalloc byte[X25519.PublicKeySizeInBytes];
        X25519.DerivePublicKey(scalar, derived);
        return derived.SequenceEqual(publicKey);
    }

    private protected override bool Agree(Secret scalar, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret) =>
        Xdh<X25519Function>.Agree(scalar, peerPublicKey, sharedSecret);
}
