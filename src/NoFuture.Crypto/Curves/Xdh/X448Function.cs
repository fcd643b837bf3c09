// X448 (our managed ladder, Curves/X448.cs) as an IXdhFunction.
using NoFuture.Crypto.Curves;

namespace NoFuture.Crypto.Curves.Xdh;

internal readonly struct X448Function : IXdhFunction
{
    public static int KeySize => X448.PrivateKeySizeInBytes;

    public static void DerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey) =>
        X448.DerivePublicKeyCore(privateKey, publicKey);

    public static bool Agree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret) =>
        X448.AgreeCore(privateKey, peerPublicKey, sharedSecret);
}
