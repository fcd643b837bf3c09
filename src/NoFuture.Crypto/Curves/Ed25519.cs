// Ed25519 (RFC 8032 §5.1, pure EdDSA) through libsodium's crypto_sign_ed25519_*.
// Sizes: seed (the RFC's private key) 32, public key 32, signature 64 bytes. libsodium's expanded signing key is
// seed ‖ public key (64 bytes); Ed25519PrivateKey keeps that form in secret memory so signing needs no re-derivation.
// Verification is libsodium's: it rejects non-canonical S (S ≥ L), small-order and non-canonical public keys and R,
// and uses the cofactorless equation. A signature of the wrong length is data, not misuse: Verify returns false
// (as the BCL's ECDsa.VerifyData does); a public key of the wrong length is a caller error and throws.
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto;

/// <summary>
/// Ed25519 signatures (RFC 8032). Sign with an <see cref="Ed25519PrivateKey"/>; verify here with the public key.
/// </summary>
public static unsafe class Ed25519
{
    /// <summary>The size of the private seed (RFC 8032's private key): 32 bytes.</summary>
    public const int SeedSizeInBytes = 32;

    /// <summary>The size of a public key: 32 bytes.</summary>
    public const int PublicKeySizeInBytes = 32;

    /// <summary>The size of a signature: 64 bytes.</summary>
    public const int SignatureSizeInBytes = 64;

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="message"/> under <paramref name="publicKey"/>.</summary>
    /// <returns>
    /// <see langword="true"/> for a valid signature; <see langword="false"/> otherwise, including a signature that is
    /// not 64 bytes, a non-canonical S, and a small-order or non-canonical public key or R.
    /// </returns>
    /// <exception cref="ArgumentException">The public key is not 32 bytes.</exception>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeySizeInBytes) CryptoThrowHelper.WrongSize(nameof(publicKey), PublicKeySizeInBytes);
        if (signature.Length != SignatureSizeInBytes) return false;
        return VerifyCore(publicKey, message, signature);
    }

    internal static bool VerifyCore(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        Sodium.EnsureInitialized();
        // SAFETY: publicKey is 32 and signature 64 bytes (checked by the caller), what the C function reads; the
        // message pointer is read for exactly message.Length bytes (null with length 0 is allowed by libsodium).
        fixed (byte* pk = publicKey)
        fixed (byte* m = message)
        fixed (byte* sig = signature)
        {
            return Sodium.CryptoSignEd25519VerifyDetached(sig, m, (ulong)message.Length, pk) == 0;
        }
    }
}
