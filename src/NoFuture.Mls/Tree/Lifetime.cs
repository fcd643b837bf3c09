// RFC 9420 §7.2 Lifetime: struct { uint64 not_before; uint64 not_after; }, seconds since the Unix epoch. Decoding
// does not compare it with the clock: whether a KeyPackage is still valid is a check of its user (§10.1).
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Tree;

internal readonly struct Lifetime(ulong notBefore, ulong notAfter) : IMlsEncodable<Lifetime>
{
    internal const int Size = 16;

    internal ulong NotBefore { get; } = notBefore;

    internal ulong NotAfter { get; } = notAfter;

    public int EncodedSize => Size;

    public static Lifetime Decode(scoped ref MlsReader reader) =>
        new(reader.ReadUInt64("not_before"), reader.ReadUInt64("not_after"));

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteUInt64(NotBefore);
        writer.WriteUInt64(NotAfter);
    }
}
