// The checked X25519/X448 operations (RFC 7748), written once over the function: sizes, overlaps and leases are
// checked here, then T computes. The public static classes X25519 and X448 are this with their own documentation.
using NoFuture.Crypto.Curves;
using NoFuture.Memory;

namespace NoFuture.Crypto.Curves.Xdh;

internal static class Xdh<T>
    where T : IXdhFunction
{
    internal static Secret GeneratePrivateKey(SecretOptions? options = null) => Secret.CreateRandom(T.KeySize, options);

    internal static void DerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        if (privateKey.Length != T.KeySize) CryptoThrowHelper.WrongSize(nameof(privateKey), T.KeySize);
        if (publicKey.Length != T.KeySize) CryptoThrowHelper.WrongSize(nameof(publicKey), T.KeySize);
        if (publicKey.Overlaps(privateKey)) CryptoThrowHelper.Overlap(nameof(publicKey));
        T.DerivePublicKey(privateKey, publicKey);
    }

    internal static void DerivePublicKey(Secret privateKey, Span<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != T.KeySize) CryptoThrowHelper.WrongSecretSize(nameof(privateKey), T.KeySize);
        if (publicKey.Length != T.KeySize) CryptoThrowHelper.WrongSize(nameof(publicKey), T.KeySize);
        using SecretReadLease lease = privateKey.OpenRead();
        T.DerivePublicKey(lease.Span, publicKey);
    }

    internal static bool TryDerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> destination, out int bytesWritten)
    {
        if (privateKey.Length != T.KeySize) CryptoThrowHelper.WrongSize(nameof(privateKey), T.KeySize);
        if (destination.Length < T.KeySize)
        {
            bytesWritten = 0;
            return false;
        }
        Span<byte> publicKey = destination[..T.KeySize];
        if (publicKey.Overlaps(privateKey)) CryptoThrowHelper.Overlap(nameof(destination));
        T.DerivePublicKey(privateKey, publicKey);
        bytesWritten = T.KeySize;
        return true;
    }

    internal static bool TryDerivePublicKey(Secret privateKey, Span<byte> destination, out int bytesWritten)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != T.KeySize) CryptoThrowHelper.WrongSecretSize(nameof(privateKey), T.KeySize);
        if (destination.Length < T.KeySize)
        {
            bytesWritten = 0;
            return false;
        }
        using SecretReadLease lease = privateKey.OpenRead();
        T.DerivePublicKey(lease.Span, destination[..T.KeySize]);
        bytesWritten = T.KeySize;
        return true;
    }

    internal static bool Agree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        if (privateKey.Length != T.KeySize) CryptoThrowHelper.WrongSize(nameof(privateKey), T.KeySize);
        if (peerPublicKey.Length != T.KeySize) CryptoThrowHelper.WrongSize(nameof(peerPublicKey), T.KeySize);
        if (sharedSecret.Length != T.KeySize) CryptoThrowHelper.WrongSize(nameof(sharedSecret), T.KeySize);
        if (sharedSecret.Overlaps(privateKey) || sharedSecret.Overlaps(peerPublicKey)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        return T.Agree(privateKey, peerPublicKey, sharedSecret);
    }

    internal static bool Agree(Secret privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != T.KeySize) CryptoThrowHelper.WrongSecretSize(nameof(privateKey), T.KeySize);
        if (peerPublicKey.Length != T.KeySize) CryptoThrowHelper.WrongSize(nameof(peerPublicKey), T.KeySize);
        if (sharedSecret.Length != T.KeySize) CryptoThrowHelper.WrongSize(nameof(sharedSecret), T.KeySize);
        if (sharedSecret.Overlaps(peerPublicKey)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        using SecretReadLease lease = privateKey.OpenRead();
        if (sharedSecret.Overlaps(lease.Span)) CryptoThrowHelper.Overlap(nameof(sharedSecret));
        return T.Agree(lease.Span, peerPublicKey, sharedSecret);
    }

    internal static Secret? Agree(Secret privateKey, ReadOnlySpan<byte> peerPublicKey, SecretOptions? options = null)
    {
        Secret shared = Secret.Allocate(T.KeySize, options);
        try
        {
            bool ok;
            using (SecretWriteLease lease = shared.OpenWrite()) ok = Agree(privateKey, peerPublicKey, lease.Span);
            if (ok) return shared;
            shared.Dispose();
            return null;
        }
        catch
        {
            shared.Dispose();
            throw;
        }
    }
}
