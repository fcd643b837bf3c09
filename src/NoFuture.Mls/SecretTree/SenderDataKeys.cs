// RFC 9420 §6.3.2: the key and nonce that protect a PrivateMessage's sender data.
//   ciphertext_sample = ciphertext[0..KDF.Nh-1]   (the whole ciphertext when it is shorter than KDF.Nh)
//   sender_data_key   = ExpandWithLabel(sender_data_secret, "key",   ciphertext_sample, AEAD.Nk)
//   sender_data_nonce = ExpandWithLabel(sender_data_secret, "nonce", ciphertext_sample, AEAD.Nn)
// The sample binds the pair to the content ciphertext, so the content is sealed before the sender data. The sample is
// public (it is ciphertext); sender_data_secret stays in the caller's Secret.
using System.Security.Cryptography;
using NoFuture.Memory;
using NoFuture.Mls.Crypto;

namespace NoFuture.Mls.SecretTree;

/// <summary>sender_data_key and sender_data_nonce (RFC 9420 §6.3.2).</summary>
internal static class SenderDataKeys
{
    /// <summary>The ciphertext sample: its first Nh bytes, or all of it when shorter.</summary>
    internal static ReadOnlySpan<byte> Sample(MlsCipherSuite suite, ReadOnlySpan<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(suite);
        int nh = suite.Kdf.HashSizeInBytes;
        return ciphertext.Length > nh ? ciphertext[..nh] : ciphertext;
    }

    /// <summary>Derives the pair from sender_data_secret (Nh bytes) and the content <paramref name="ciphertext"/>.</summary>
    /// <exception cref="ArgumentException">The secret is not Nh bytes.</exception>
    internal static AeadKeyNonce Derive(MlsCipherSuite suite, ReadOnlySpan<byte> senderDataSecret, ReadOnlySpan<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentOutOfRangeException.ThrowIfNotEqual(senderDataSecret.Length, suite.Kdf.HashSizeInBytes, nameof(senderDataSecret));
        ReadOnlySpan<byte> sample = Sample(suite, ciphertext);
        Secret key = MlsKdf.ExpandWithLabel(suite.Kdf, senderDataSecret, "key"u8, sample, suite.Aead.KeySizeInBytes);
        try
        {
            Secret nonce = MlsKdf.ExpandWithLabel(suite.Kdf, senderDataSecret, "nonce"u8, sample, suite.Aead.NonceSizeInBytes);
            return new AeadKeyNonce(0, key, nonce);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Derives the pair from the epoch's sender_data_secret into <paramref name="keyNonce"/>: the key (Nk
    /// bytes), then the nonce (Nn bytes). For the caller's stack scratch, which it wipes once the sender data is sealed
    /// or opened: the pair serves one message, so it needs no <see cref="Secret"/> of its own.</summary>
    /// <exception cref="ArgumentException">The secret is not Nh bytes, or the output is not Nk + Nn bytes.</exception>
    internal static void Derive(MlsCipherSuite suite, Secret senderDataSecret, ReadOnlySpan<byte> ciphertext, Span<byte> keyNonce)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(senderDataSecret);
        int nk = suite.Aead.KeySizeInBytes;
        ArgumentOutOfRangeException.ThrowIfNotEqual(keyNonce.Length, nk + suite.Aead.NonceSizeInBytes, nameof(keyNonce));
        using SecretReadLease lease = senderDataSecret.OpenRead();
        ArgumentOutOfRangeException.ThrowIfNotEqual(lease.Span.Length, suite.Kdf.HashSizeInBytes, nameof(senderDataSecret));
        ReadOnlySpan<byte> sample = Sample(suite, ciphertext);
        try
        {
            MlsKdf.ExpandWithLabel(suite.Kdf, lease.Span, "key"u8, sample, keyNonce[..nk]);
            MlsKdf.ExpandWithLabel(suite.Kdf, lease.Span, "nonce"u8, sample, keyNonce[nk..]);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(keyNonce);
            throw;
        }
    }

    /// <summary>Derives the pair from the epoch's sender_data_secret.</summary>
    internal static AeadKeyNonce Derive(MlsCipherSuite suite, Secret senderDataSecret, ReadOnlySpan<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(senderDataSecret);
        using SecretReadLease lease = senderDataSecret.OpenRead();
        return Derive(suite, lease.Span, ciphertext);
    }
}
