// An X25519 key pair object (RFC 7748): the 32-byte scalar in a NoFuture.Memory Secret the key owns, and the public
// key (not secret) in an ordinary array. See X25519.cs for the low-order-point policy.
using System.Diagnostics;
using NoFuture.Memory;

namespace NoFuture.Crypto.Curves;

/// <summary>
/// An X25519 private key held in secret memory, with its public key. Dispose it to wipe the scalar.
/// </summary>
/// <remarks>
/// The scalar never leaves secret memory: <see cref="ExportPrivateKey"/> copies it into another
/// <see cref="Secret"/>, never into an array. <see cref="ToString"/> shows no key material.
/// </remarks>
[DebuggerDisplay("X25519PrivateKey")]
public sealed class X25519PrivateKey : IDisposable
{
    private readonly Secret _scalar;
    private readonly byte[] _publicKey = new byte[X25519.PublicKeySizeInBytes];

    private X25519PrivateKey(Secret scalar)
    {
        _scalar = scalar;
        X25519.DerivePublicKey(scalar, _publicKey);
    }

    /// <summary>The public key (u-coordinate, 32 bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public ReadOnlySpan<byte> PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
            return _publicKey;
        }
    }

    /// <summary>Generates a key from the OS CSPRNG, written straight into secret memory.</summary>
    public static X25519PrivateKey Generate(SecretOptions? options = null) => Own(X25519.GeneratePrivateKey(options));

    /// <summary>Imports a 32-byte scalar by copying it from <paramref name="privateKey"/> (left as it is).</summary>
    /// <exception cref="ArgumentException">The secret is not 32 bytes.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static X25519PrivateKey Import(Secret privateKey, SecretOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != X25519.PrivateKeySizeInBytes)
            CryptoThrowHelper.WrongSecretSize(nameof(privateKey), X25519.PrivateKeySizeInBytes);
        return Own(privateKey.Clone(options));
    }

    /// <summary>
    /// Imports a 32-byte scalar by copying it from <paramref name="privateKey"/> (for example another lease). The
    /// caller remains responsible for wiping its own copy.
    /// </summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes.</exception>
    public static X25519PrivateKey Import(ReadOnlySpan<byte> privateKey, SecretOptions? options = null)
    {
        if (privateKey.Length != X25519.PrivateKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(privateKey), X25519.PrivateKeySizeInBytes);
        return Own(Secret.CopyFrom(privateKey, options));
    }

    /// <summary>Copies the public key into <paramref name="destination"/> (exactly 32 bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void CopyPublicKeyTo(Span<byte> destination)
    {
        if (destination.Length != X25519.PublicKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(destination), X25519.PublicKeySizeInBytes);
        PublicKey.CopyTo(destination);
    }

    /// <summary>
    /// Computes the shared secret with <paramref name="peerPublicKey"/> into <paramref name="sharedSecret"/>
    /// (typically a write lease's span).
    /// </summary>
    /// <returns><see langword="false"/> (destination all zero) when the peer point has small order.</returns>
    /// <exception cref="ArgumentException">A buffer has the wrong size or the buffers overlap.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool Agree(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        return X25519.Agree(_scalar, peerPublicKey, sharedSecret);
    }

    /// <summary>Copies the private scalar into a new <see cref="Secret"/> the caller owns.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret ExportPrivateKey(SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_scalar.IsDisposed, this);
        return _scalar.Clone(options);
    }

    /// <summary>Wipes and frees the private scalar.</summary>
    public void Dispose() => _scalar.Dispose();

    /// <summary>Returns the type name only.</summary>
    public override string ToString() => nameof(X25519PrivateKey);

    private static X25519PrivateKey Own(Secret scalar)
    {
        try
        {
            return new X25519PrivateKey(scalar);
        }
        catch
        {
            scalar.Dispose();
            throw;
        }
    }
}
