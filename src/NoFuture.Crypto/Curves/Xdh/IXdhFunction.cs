// One of RFC 7748's two functions, X25519 or X448, as the generic argument of the code they share (Xdh, XdhPrivateKey,
// HPKE's DHKEM): everything but the scalar multiplication is the same for both, and is written once.
namespace NoFuture.Crypto.Curves.Xdh;

internal interface IXdhFunction
{
    /// <summary>The size of a private key, a public key and a shared secret, which RFC 7748 makes equal (32 or 56).</summary>
    static abstract int KeySize { get; }

    /// <summary>The public key X(k, base point); the spans are KeySize bytes and do not overlap.</summary>
    static abstract void DerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey);

    /// <summary>X(k, u) into <paramref name="sharedSecret"/>; false, with the output all zero, for a small-order point.</summary>
    static abstract bool Agree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret);
}
