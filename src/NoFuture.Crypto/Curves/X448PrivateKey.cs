// An X448 key pair object (RFC 7748, Curve448): the 56-byte scalar in a NoFuture.Memory Secret the key owns. What every
// RFC 7748 key does is in XdhPrivateKey; this type adds the X448 factories. See X448.cs for the low-order-point policy.
using System.Diagnostics;
using NoFuture.Crypto.Curves.Xdh;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An X448 private key held in secret memory, with its public key (56 bytes each). Dispose it to wipe the scalar.
/// </summary>
/// <remarks>See <see cref="XdhPrivateKey"/>: the scalar never leaves secret memory, and is exported only under
/// <see cref="KeyExportPolicies.AllowPlaintextExport"/>.</remarks>
[DebuggerDisplay("X448PrivateKey")]
public sealed class X448PrivateKey : XdhPrivateKey
{
    private X448PrivateKey(Secret scalar, byte[] publicKey, KeyExportPolicies exportPolicy)
        : base(scalar, publicKey, exportPolicy)
    {
    }

    /// <summary>Generates a key from the OS CSPRNG, written straight into secret memory.</summary>
    /// <param name="options">Secret-memory options; <see cref="SecretOptions.Default"/> when null.</param>
    /// <param name="exportPolicy">Whether the scalar may be exported later; <see cref="KeyExportPolicies.None"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static X448PrivateKey Generate(SecretOptions? options = null, KeyExportPolicies exportPolicy = KeyExportPolicies.None) =>
        Generate<X448Function, X448PrivateKey>(options, exportPolicy, static (s, pk, p) => new X448PrivateKey(s, pk, p));

    /// <summary>Imports a 56-byte scalar by copying it from <paramref name="privateKey"/> (left as it is).</summary>
    /// <exception cref="ArgumentException">The secret is not 56 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static X448PrivateKey Import(Secret privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None) =>
        Import<X448Function, X448PrivateKey>(privateKey, options, exportPolicy, static (s, pk, p) => new X448PrivateKey(s, pk, p));

    /// <summary>
    /// Imports a 56-byte scalar by copying it from <paramref name="privateKey"/> (for example another lease). The
    /// caller remains responsible for wiping its own copy.
    /// </summary>
    /// <exception cref="ArgumentException">The span is not 56 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exportPolicy"/> has an unknown flag.</exception>
    public static X448PrivateKey Import(ReadOnlySpan<byte> privateKey, SecretOptions? options = null,
        KeyExportPolicies exportPolicy = KeyExportPolicies.None) =>
        Import<X448Function, X448PrivateKey>(privateKey, options, exportPolicy, static (s, pk, p) => new X448PrivateKey(s, pk, p));

    private protected override bool Agree(Secret scalar, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret) =>
        Xdh<X448Function>.Agree(scalar, peerPublicKey, sharedSecret);
}
