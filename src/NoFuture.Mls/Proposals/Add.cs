// RFC 9420 §12.1.1: struct { KeyPackage key_package; } Add. The key package is unverified (its signature, lifetime,
// capabilities and suite are checked when the proposal is validated, §12.2), and Add has nothing of its own to verify,
// so it has a single form around the UnverifiedKeyPackage (docs/mls.md, "Decoded is not validated").
using NoFuture.Mls.Codec;
using NoFuture.Mls.KeyPackages;

namespace NoFuture.Mls.Proposals;

internal sealed class Add : IMlsEncodable<Add>
{
    internal Add(UnverifiedKeyPackage keyPackage) => KeyPackage = keyPackage;

    internal UnverifiedKeyPackage KeyPackage { get; }

    public int EncodedSize => KeyPackage.EncodedSize;

    public static Add Decode(scoped ref MlsReader reader) => new(UnverifiedKeyPackage.Decode(ref reader));

    public void Encode(ref MlsWriter writer) => KeyPackage.Encode(ref writer);
}
