// Ed448 and Ed448ph (RFC 8032 §5.2), our own managed implementation (libsodium and the BCL have neither; the
// arithmetic is in Curves/Curve448). Sizes: private key (seed) 57, public key 57, signature 114 bytes; a context is
// 0–255 bytes (dom4, §5.2). Ed448ph signs PH(M) = SHAKE256(M, 64) with phflag 1.
// Verification (§5.2.7) rejects S ≥ L, an R or public key that does not decode (§5.2.3: y ≥ p, x = 0 with the sign
// bit set, no square root), and checks the cofactorless equation [S]B = R + [k]A (see Ed448Core for why).
// It runs in variable time: every input is public. A signature of the wrong length is data, not misuse: Verify
// returns false; a public key of the wrong length or a context over 255 bytes is a caller error and throws.
using System.Security.Cryptography;
using NoFuture.Crypto.Curves.Curve448;

namespace NoFuture.Crypto;

/// <summary>
/// Ed448 and Ed448ph signatures (RFC 8032 §5.2), with optional contexts. Sign with an <see cref="Ed448PrivateKey"/>;
/// verify here with the public key.
/// </summary>
public static class Ed448
{
    /// <summary>The size of the private key (RFC 8032's 57-byte secret seed).</summary>
    public const int PrivateKeySizeInBytes = Ed448Core.SeedSize;

    /// <summary>The size of a public key: 57 bytes.</summary>
    public const int PublicKeySizeInBytes = Ed448Core.PublicKeySize;

    /// <summary>The size of a signature: 114 bytes.</summary>
    public const int SignatureSizeInBytes = Ed448Core.SignatureSize;

    /// <summary>The longest context string RFC 8032 allows: 255 bytes.</summary>
    public const int MaxContextSizeInBytes = 255;

    /// <summary>Verifies an Ed448 <paramref name="signature"/> over <paramref name="message"/> under <paramref name="publicKey"/>.</summary>
    /// <param name="publicKey">The signer's 57-byte public key.</param>
    /// <param name="message">The signed message.</param>
    /// <param name="signature">The signature; any length other than 114 bytes is invalid.</param>
    /// <param name="context">The context the signer used (0–255 bytes; empty by default).</param>
    /// <returns>
    /// <see langword="true"/> for a valid signature; <see langword="false"/> otherwise, including a signature that is
    /// not 114 bytes, S ≥ L, and an R or public key that is not a canonical encoding of a curve point.
    /// </returns>
    /// <exception cref="ArgumentException">The public key is not 57 bytes, or the context is longer than 255 bytes.</exception>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature,
        ReadOnlySpan<byte> context = default)
    {
        CheckArguments(publicKey, context);
        if (signature.Length != SignatureSizeInBytes) return false;
        return Ed448Core.Verify(publicKey, 0, context, message, signature);
    }

    /// <summary>
    /// Verifies an Ed448ph <paramref name="signature"/>: a signature over SHAKE256(<paramref name="message"/>, 64)
    /// with the pre-hash flag set (RFC 8032 §5.2).
    /// </summary>
    /// <param name="publicKey">The signer's 57-byte public key.</param>
    /// <param name="message">The whole message (this method hashes it).</param>
    /// <param name="signature">The signature; any length other than 114 bytes is invalid.</param>
    /// <param name="context">The context the signer used (0–255 bytes; empty by default).</param>
    /// <returns><see langword="true"/> for a valid signature; <see langword="false"/> otherwise (as <see cref="Verify"/>).</returns>
    /// <exception cref="ArgumentException">The public key is not 57 bytes, or the context is longer than 255 bytes.</exception>
    public static bool VerifyPrehashed(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature,
        ReadOnlySpan<byte> context = default)
    {
        CheckArguments(publicKey, context);
        if (signature.Length != SignatureSizeInBytes) return false;
        Span<byte> ph = stackalloc byte[Ed448Core.PrehashSize];
        Ed448Core.Prehash(message, ph);
        return Ed448Core.Verify(publicKey, 1, context, ph, signature);
    }

    /// <summary>
    /// Whether <paramref name="publicKey"/> is a valid public key: 57 bytes that decode to a point of edwards448
    /// (RFC 8032 §5.2.3: canonical y, an x that exists, no "negative zero" x).
    /// </summary>
    /// <returns><see langword="false"/> for any other input, including one of the wrong length.</returns>
    public static bool IsValidPublicKey(ReadOnlySpan<byte> publicKey) =>
        publicKey.Length == PublicKeySizeInBytes && Ed448Core.IsValidPublicKey(publicKey);

    /// <summary>
    /// Checks a public key received from a peer, as <see cref="IsValidPublicKey"/> does, and throws when it fails.
    /// </summary>
    /// <exception cref="ArgumentException">The public key is not 57 bytes.</exception>
    /// <exception cref="CryptographicException">The bytes are not the encoding of a point of edwards448 (RFC 8032 §5.2.3).</exception>
    public static void ValidatePublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(publicKey), PublicKeySizeInBytes);
        if (!Ed448Core.IsValidPublicKey(publicKey)) CryptoThrowHelper.InvalidEd448PublicKey();
    }

    internal static void CheckContext(ReadOnlySpan<byte> context, string paramName)
    {
        if (context.Length > MaxContextSizeInBytes) CryptoThrowHelper.ContextTooLong(paramName, MaxContextSizeInBytes);
    }

    private static void CheckArguments(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> context)
    {
        if (publicKey.Length != PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(publicKey), PublicKeySizeInBytes);
        CheckContext(context, nameof(context));
    }
}
