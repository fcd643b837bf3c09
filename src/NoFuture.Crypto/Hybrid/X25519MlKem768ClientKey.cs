// The client's ephemeral key pair for the TLS 1.3 group X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem §3.1; see
// X25519MlKem768.cs for the layout and the failure policy). Secret part, in one NoFuture.Memory Secret, frozen once
// written:  dk (2400, the ML-KEM-768 decapsulation key) || x25519 scalar (32).
// The public client share ek (1184) || X25519(scalar, 9) (32) sits in an ordinary array.
// ML-KEM key generation uses fresh d and z from the OS CSPRNG (FIPS 203 Algorithm 19); they live on the stack only
// for the call and are wiped in finally. The scalar is generated straight into secret memory.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Curves;
using NoFuture.Crypto.MlKem;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// A client's ephemeral X25519MLKEM768 key pair (TLS 1.3 group 0x11EC): the key_exchange value to send and the
/// private parts, in secret memory, to process the server's share. Dispose it to wipe them.
/// </summary>
/// <remarks>
/// One key per handshake: TLS 1.3 key shares are ephemeral, so the private parts have no export method at all
/// (there is no <see cref="KeyExportPolicies"/> that would allow one). <see cref="ToString"/> shows no key material.
/// </remarks>
[DebuggerDisplay("X25519MlKem768ClientKey")]
public sealed class X25519MlKem768ClientKey : IDisposable
{
    private const int DkOffset = 0, ScalarOffset = X25519MlKem768.MlKemDecapsulationKeySize;
    private const int KeySizeInBytes = X25519MlKem768.MlKemDecapsulationKeySize + X25519.PrivateKeySizeInBytes;

    private readonly Secret _key;
    private readonly byte[] _clientShare = new byte[X25519MlKem768.ClientShareSizeInBytes];

    private X25519MlKem768ClientKey(Secret key)
    {
        _key = key;
    }

    /// <summary>The client's key_exchange value: ML-KEM-768 encapsulation key (1184) || X25519 public key (32).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public ReadOnlySpan<byte> ClientShare
    {
        get
        {
            ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
            return _clientShare;
        }
    }

    /// <summary>Writes the client share into <paramref name="destination"/> (exactly 1216 bytes).</summary>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public void ExportClientShare(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        if (destination.Length != X25519MlKem768.ClientShareSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(destination), X25519MlKem768.ClientShareSizeInBytes);
        _clientShare.CopyTo(destination);
    }

    /// <summary>Writes the client share into the start of <paramref name="destination"/> if it holds at least 1216 bytes.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool TryExportClientShare(Span<byte> destination, out int bytesWritten)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        return KeyExport.TryCopyPublic(_clientShare, destination, out bytesWritten);
    }

    /// <summary>Returns a copy of the client share (1216 bytes).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] ExportClientShare()
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        return (byte[])_clientShare.Clone();
    }

    /// <summary>Generates a fresh key pair from the OS CSPRNG.</summary>
    /// <param name="options">Secret-memory options; <see cref="SecretOptions.Default"/> when null.</param>
    public static X25519MlKem768ClientKey Generate(SecretOptions? options = null)
    {
        Span<byte> dz = stackalloc byte[64];
        try
        {
            RandomNumberGenerator.Fill(dz);
            return Create(dz[..32], dz[32..], default, fromRandomScalar: true, options);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dz);
        }
    }

    /// <summary>A key pair from fixed ML-KEM seeds d, z and X25519 scalar. For tests only.</summary>
    internal static X25519MlKem768ClientKey FromSeeds(ReadOnlySpan<byte> d, ReadOnlySpan<byte> z, ReadOnlySpan<byte> x25519PrivateKey)
    {
        if (d.Length != 32) CryptoThrowHelper.WrongSize(nameof(d), 32);
        if (z.Length != 32) CryptoThrowHelper.WrongSize(nameof(z), 32);
        if (x25519PrivateKey.Length != X25519.PrivateKeySizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(x25519PrivateKey), X25519.PrivateKeySizeInBytes);
        return Create(d, z, x25519PrivateKey, fromRandomScalar: false, options: null);
    }

    /// <summary>
    /// Processes the server's key_exchange value: writes the 64-byte shared secret ML-KEM secret || X25519 secret into
    /// <paramref name="sharedSecret"/> (typically a write lease's span).
    /// </summary>
    /// <returns>
    /// <see langword="false"/> when the X25519 shared secret is all zero (the server sent a low-order point; TLS aborts
    /// with illegal_parameter); the destination is then cleared. A tampered ML-KEM ciphertext is not detected here
    /// (implicit rejection gives an unrelated secret and the handshake fails at Finished).
    /// </returns>
    /// <exception cref="ArgumentException">A buffer has the wrong size or the buffers overlap.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public bool Decapsulate(ReadOnlySpan<byte> serverShare, Span<byte> sharedSecret)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        if (serverShare.Length != X25519MlKem768.ServerShareSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(serverShare), X25519MlKem768.ServerShareSizeInBytes);
        if (sharedSecret.Length != X25519MlKem768.SharedSecretSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(sharedSecret), X25519MlKem768.SharedSecretSizeInBytes);
        if (sharedSecret.Overlaps(serverShare)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        return DecapsulateCore(serverShare, sharedSecret);
    }

    /// <summary>
    /// Processes the server's key_exchange value into a new 64-byte <see cref="Secret"/>, or returns
    /// <see langword="null"/> when the X25519 shared secret is all zero.
    /// </summary>
    /// <exception cref="ArgumentException">The server share has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secret? Decapsulate(ReadOnlySpan<byte> serverShare, SecretOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_key.IsDisposed, this);
        if (serverShare.Length != X25519MlKem768.ServerShareSizeInBytes)
            CryptoThrowHelper.WrongSize(nameof(serverShare), X25519MlKem768.ServerShareSizeInBytes);
        Secret sharedSecret = Secret.Allocate(X25519MlKem768.SharedSecretSizeInBytes, options);
        try
        {
            bool ok;
            using (SecretWriteLease lease = sharedSecret.OpenWrite()) ok = DecapsulateCore(serverShare, lease.Span);
            if (ok) return sharedSecret;
            sharedSecret.Dispose();
            return null;
        }
        catch
        {
            sharedSecret.Dispose();
            throw;
        }
    }

    /// <summary>Wipes and frees the private parts.</summary>
    public void Dispose() => _key.Dispose();

    /// <summary>Returns the type name only.</summary>
    public override string ToString() => nameof(X25519MlKem768ClientKey);

    private bool DecapsulateCore(ReadOnlySpan<byte> serverShare, Span<byte> sharedSecret)
    {
        using SecretReadLease lease = _key.OpenRead();
        ReadOnlySpan<byte> dk = lease.Span.Slice(DkOffset, X25519MlKem768.MlKemDecapsulationKeySize);
        ReadOnlySpan<byte> scalar = lease.Span.Slice(ScalarOffset, X25519.PrivateKeySizeInBytes);
        ReadOnlySpan<byte> ct = serverShare[..X25519MlKem768.MlKemCiphertextSize], serverX = serverShare[X25519MlKem768.MlKemCiphertextSize..];
        MlKemCore.DecapsInternal(MlKemParameters.MlKem768, dk, ct, sharedSecret[..32]); // ML-KEM secret first (§3.1.3)
        if (X25519.AgreeCore(scalar, serverX, sharedSecret[32..])) return true;
        CryptographicOperations.ZeroMemory(sharedSecret); // all-zero X25519 secret: abort (RFC 8446 §7.4.2)
        return false;
    }

    private static X25519MlKem768ClientKey Create(ReadOnlySpan<byte> d, ReadOnlySpan<byte> z, ReadOnlySpan<byte> scalar,
        bool fromRandomScalar, SecretOptions? options)
    {
        Secret key = Secret.Allocate(KeySizeInBytes, options);
        try
        {
            var result = new X25519MlKem768ClientKey(key);
            using (SecretWriteLease lease = key.OpenWrite())
            {
                Span<byte> dk = lease.Span.Slice(DkOffset, X25519MlKem768.MlKemDecapsulationKeySize);
                Span<byte> x = lease.Span.Slice(ScalarOffset, X25519.PrivateKeySizeInBytes);
                Span<byte> ek = result._clientShare.AsSpan(0, X25519MlKem768.MlKemEncapsulationKeySize);
                MlKemCore.KeyGenInternal(MlKemParameters.MlKem768, d, z, ek, dk);
                if (fromRandomScalar) RandomNumberGenerator.Fill(x);
                else scalar.CopyTo(x);
                X25519.DerivePublicKeyCore(x, result._clientShare.AsSpan(X25519MlKem768.MlKemEncapsulationKeySize));
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
