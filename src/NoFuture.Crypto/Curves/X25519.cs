// X25519 (RFC 7748 §5, §6.1) through libsodium's crypto_scalarmult_curve25519.
// Sizes: private key 32, public key 32, shared secret 32 bytes.
// Private keys are the raw 32-byte scalar; clamping happens inside the scalar multiplication (RFC 7748 decodeScalar25519),
// so any 32 random bytes are a valid key and they are generated straight into secret memory.
// Public keys: non-canonical u-coordinates (≥ 2^255 − 19) and points on the twist are accepted and the top bit is
// masked, as RFC 7748 §5 requires; this is what Wycheproof marks "acceptable".
// Failure policy for the all-zero shared secret (a low-order peer point, RFC 7748 §6.1 "check"): Agree returns false
// and leaves the destination all zero, which is exactly the RFC 7748 function output. Protocols that must abort
// (RFC 9180 DH-KEM, TLS) check the result; protocols that hash the output regardless (X-Wing) may ignore it.
using System.Security.Cryptography;
using NoFuture.Crypto.Curves.Xdh;
using NoFuture.Crypto.Interop;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// X25519 key agreement (RFC 7748) over spans and <see cref="Secret"/>s. For a key object that keeps its public key
/// beside the private scalar, use <see cref="X25519PrivateKey"/>.
/// </summary>
/// <remarks>
/// A peer point of small order yields the all-zero shared secret; <c>Agree</c> then returns <see langword="false"/>
/// (destination all zero). Non-canonical and twist points are accepted per RFC 7748 §5.
/// </remarks>
public static unsafe class X25519
{
    /// <summary>The size of a private key (the scalar): 32 bytes.</summary>
    public const int PrivateKeySizeInBytes = 32;

    /// <summary>The size of a public key (the u-coordinate): 32 bytes.</summary>
    public const int PublicKeySizeInBytes = 32;

    /// <summary>The size of the shared secret: 32 bytes.</summary>
    public const int SharedSecretSizeInBytes = 32;

    /// <summary>Generates a private key from the OS CSPRNG, written straight into a new <see cref="Secret"/>.</summary>
    /// <param name="options">Secret-memory options; <see cref="SecretOptions.Default"/> when null.</param>
    /// <returns>A 32-byte secret the caller owns and disposes.</returns>
    public static Secret GeneratePrivateKey(SecretOptions? options = null) =>
        Xdh<X25519Function>.GeneratePrivateKey(options);

    /// <summary>Computes the public key X25519(k, 9) for <paramref name="privateKey"/>.</summary>
    /// <exception cref="ArgumentException">A buffer has the wrong size or the buffers overlap.</exception>
    public static void DerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey) =>
        Xdh<X25519Function>.DerivePublicKey(privateKey, publicKey);

    /// <summary>Computes the public key X25519(k, 9) for the private key held in <paramref name="privateKey"/>.</summary>
    /// <exception cref="ArgumentException">The secret or the buffer has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static void DerivePublicKey(Secret privateKey, Span<byte> publicKey) =>
        Xdh<X25519Function>.DerivePublicKey(privateKey, publicKey);

    /// <summary>Computes the public key X25519(k, 9) into the start of <paramref name="destination"/> if it holds at least 32 bytes.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">The private key is not 32 bytes, or the destination overlaps it.</exception>
    public static bool TryDerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> destination, out int bytesWritten) =>
        Xdh<X25519Function>.TryDerivePublicKey(privateKey, destination, out bytesWritten);

    /// <summary>Computes the public key for the private key held in <paramref name="privateKey"/> into the start of <paramref name="destination"/>.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">The secret is not 32 bytes.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static bool TryDerivePublicKey(Secret privateKey, Span<byte> destination, out int bytesWritten) =>
        Xdh<X25519Function>.TryDerivePublicKey(privateKey, destination, out bytesWritten);

    /// <summary>
    /// Computes the shared secret X25519(<paramref name="privateKey"/>, <paramref name="peerPublicKey"/>) into
    /// <paramref name="sharedSecret"/> (typically a write lease's span).
    /// </summary>
    /// <returns>
    /// <see langword="false"/> when the result is all zero (the peer sent a point of small order); the destination is
    /// then all zero. <see langword="true"/> otherwise.
    /// </returns>
    /// <exception cref="ArgumentException">A buffer has the wrong size, or the destination overlaps an input.</exception>
    public static bool Agree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret) =>
        Xdh<X25519Function>.Agree(privateKey, peerPublicKey, sharedSecret);

    /// <summary>
    /// Computes the shared secret for the private key held in <paramref name="privateKey"/>; see
    /// <see cref="Agree(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>.
    /// </summary>
    /// <returns><see langword="false"/> (destination all zero) for a small-order peer point.</returns>
    /// <exception cref="ArgumentException">The secret or a buffer has the wrong size, or the buffers overlap.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static bool Agree(Secret privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret) =>
        Xdh<X25519Function>.Agree(privateKey, peerPublicKey, sharedSecret);

    /// <summary>
    /// Computes the shared secret into a new 32-byte <see cref="Secret"/>, or returns <see langword="null"/> for a
    /// small-order peer point.
    /// </summary>
    /// <exception cref="ArgumentException">The secret or the public key has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static Secret? Agree(Secret privateKey, ReadOnlySpan<byte> peerPublicKey, SecretOptions? options = null) =>
        Xdh<X25519Function>.Agree(privateKey, peerPublicKey, options);

    internal static void DerivePublicKeyCore(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        Sodium.EnsureInitialized();
        // SAFETY: both spans were checked to be exactly 32 bytes, which is what the C function reads and writes;
        // the fixed statements pin them for the duration of the call.
        fixed (byte* n = privateKey)
        fixed (byte* q = publicKey)
        {
            if (Sodium.CryptoScalarMultCurve25519Base(q, n) != 0) CryptoThrowHelper.NativeFailed("crypto_scalarmult_curve25519_base");
        }
    }

    internal static bool AgreeCore(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        Sodium.EnsureInitialized();
        int rc;
        // SAFETY: all three spans were checked to be exactly 32 bytes (what the C function reads and writes) and
        // pinned for the call; the output does not overlap the inputs.
        fixed (byte* n = privateKey)
        fixed (byte* p = peerPublicKey)
        fixed (byte* q = sharedSecret)
        {
            rc = Sodium.CryptoScalarMultCurve25519(q, n, p);
        }
        // libsodium returns -1 exactly when q is all zero (it still writes q). Clearing again makes the
        // documented "destination is all zero" hold whatever the library version does with q on failure.
        if (rc != 0) CryptographicOperations.ZeroMemory(sharedSecret);
        return rc == 0;
    }
}
