// X448 (RFC 7748 §5, §6.2): our own constant-time managed implementation (Curve448/X448Ladder.cs, Field448.cs);
// neither libsodium nor the BCL has X448. Nothing allocates on the managed heap.
// Sizes: private key 56, public key 56, shared secret 56 bytes.
// Private keys are the raw 56-byte scalar; clamping happens inside the scalar multiplication (RFC 7748
// decodeScalar448), so any 56 random bytes are a valid key and they are generated straight into secret memory.
// Public keys: all 448 bits are used (there is no spare top bit to mask); a non-canonical u-coordinate (≥ p) is
// reduced mod p and points on the twist are accepted, as RFC 7748 §5 requires; this is what Wycheproof marks
// "acceptable".
// Failure policy for the all-zero shared secret (a low-order peer point, RFC 7748 §6.2 "check"), the same as X25519's:
// Agree returns false and leaves the destination all zero, which is exactly the RFC 7748 function output. Protocols
// that must abort (RFC 9180 DH-KEM) check the result.
using NoFuture.Crypto.Curves.Curve448;
using NoFuture.Crypto.Curves.Xdh;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// X448 key agreement (RFC 7748, Curve448) over spans and <see cref="Secret"/>s. For a key object that keeps its public key
/// beside the private scalar, use <see cref="X448PrivateKey"/>.
/// </summary>
/// <remarks>
/// A peer point of small order yields the all-zero shared secret; <c>Agree</c> then returns <see langword="false"/>
/// (destination all zero). Non-canonical (reduced mod p) and twist points are accepted per RFC 7748 §5.
/// </remarks>
public static class X448
{
    /// <summary>The size of a private key (the scalar): 56 bytes.</summary>
    public const int PrivateKeySizeInBytes = 56;

    /// <summary>The size of a public key (the u-coordinate): 56 bytes.</summary>
    public const int PublicKeySizeInBytes = 56;

    /// <summary>The size of the shared secret: 56 bytes.</summary>
    public const int SharedSecretSizeInBytes = 56;

    /// <summary>Generates a private key from the OS CSPRNG, written straight into a new <see cref="Secret"/>.</summary>
    /// <param name="options">Secret-memory options; <see cref="SecretOptions.Default"/> when null.</param>
    /// <returns>A 56-byte secret the caller owns and disposes.</returns>
    public static Secret GeneratePrivateKey(SecretOptions? options = null) =>
        Xdh<X448Function>.GeneratePrivateKey(options);

    /// <summary>Computes the public key X448(k, 5) for <paramref name="privateKey"/>.</summary>
    /// <exception cref="ArgumentException">A buffer has the wrong size or the buffers overlap.</exception>
    public static void DerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey) =>
        Xdh<X448Function>.DerivePublicKey(privateKey, publicKey);

    /// <summary>Computes the public key X448(k, 5) for the private key held in <paramref name="privateKey"/>.</summary>
    /// <exception cref="ArgumentException">The secret or the buffer has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static void DerivePublicKey(Secret privateKey, Span<byte> publicKey) =>
        Xdh<X448Function>.DerivePublicKey(privateKey, publicKey);

    /// <summary>Computes the public key X448(k, 5) into the start of <paramref name="destination"/> if it holds at least 56 bytes.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">The private key is not 56 bytes, or the destination overlaps it.</exception>
    public static bool TryDerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> destination, out int bytesWritten) =>
        Xdh<X448Function>.TryDerivePublicKey(privateKey, destination, out bytesWritten);

    /// <summary>Computes the public key for the private key held in <paramref name="privateKey"/> into the start of <paramref name="destination"/>.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    /// <exception cref="ArgumentException">The secret is not 56 bytes.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static bool TryDerivePublicKey(Secret privateKey, Span<byte> destination, out int bytesWritten) =>
        Xdh<X448Function>.TryDerivePublicKey(privateKey, destination, out bytesWritten);

    /// <summary>
    /// Computes the shared secret X448(<paramref name="privateKey"/>, <paramref name="peerPublicKey"/>) into
    /// <paramref name="sharedSecret"/> (typically a write lease's span).
    /// </summary>
    /// <returns>
    /// <see langword="false"/> when the result is all zero (the peer sent a point of small order); the destination is
    /// then all zero. <see langword="true"/> otherwise.
    /// </returns>
    /// <exception cref="ArgumentException">A buffer has the wrong size, or the destination overlaps an input.</exception>
    public static bool Agree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret) =>
        Xdh<X448Function>.Agree(privateKey, peerPublicKey, sharedSecret);

    /// <summary>
    /// Computes the shared secret for the private key held in <paramref name="privateKey"/>; see
    /// <see cref="Agree(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>.
    /// </summary>
    /// <returns><see langword="false"/> (destination all zero) for a small-order peer point.</returns>
    /// <exception cref="ArgumentException">The secret or a buffer has the wrong size, or the buffers overlap.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static bool Agree(Secret privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret) =>
        Xdh<X448Function>.Agree(privateKey, peerPublicKey, sharedSecret);

    /// <summary>
    /// Computes the shared secret into a new 56-byte <see cref="Secret"/>, or returns <see langword="null"/> for a
    /// small-order peer point.
    /// </summary>
    /// <exception cref="ArgumentException">The secret or the public key has the wrong size.</exception>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public static Secret? Agree(Secret privateKey, ReadOnlySpan<byte> peerPublicKey, SecretOptions? options = null) =>
        Xdh<X448Function>.Agree(privateKey, peerPublicKey, options);

    internal static void DerivePublicKeyCore(ReadOnlySpan<byte> privateKey, Span<byte> publicKey) =>
        // The base point has prime order q, so only the clamped scalar 4q (one in about 2^446) maps to 0; as for X25519
        // the public key is not checked. The fixed-base path equals the ladder on the base point (X448Ladder.ScalarMultBase).
        X448Ladder.ScalarMultBase(privateKey, publicKey);

    internal static bool AgreeCore(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret) =>
        // ScalarMult's output is already all zero when it reports 0, so there is nothing to clear.
        X448Ladder.ScalarMult(privateKey, peerPublicKey, sharedSecret) != 0;
}
