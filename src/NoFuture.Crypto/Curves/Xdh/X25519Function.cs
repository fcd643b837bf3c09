// X25519 (through libsodium, Curves/X25519.cs) as an IXdhFunction.
using NoFuture.Crypto.Curves;

namespace NoFuture.Crypto.Curves.Xdh;

internal readonly struct X25519Function : IXdhFunction
{
    public static int KeySize => X25519.PrivateKeySizeInBytes;

    public static void DerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey) =>
        X25519.DerivePublicKeyCore(privateKey, publicKey);

    public static bool Agree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret) =>
        X25519.AgreeCore(privateKey, peerPublicKey, sharedSecret);
}
