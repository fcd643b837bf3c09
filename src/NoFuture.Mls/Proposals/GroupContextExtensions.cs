// RFC 9420 §12.1.7: struct { Extension extensions<V>; } GroupContextExtensions. Unknown extension types are kept
// (§13); whether every member supports them (required_capabilities) is checked when the proposal is applied.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Extensions;

namespace NoFuture.Mls.Proposals;

internal sealed class GroupContextExtensions : IMlsEncodable<GroupContextExtensions>
{
    private readonly Extension[] _extensions;

    internal GroupContextExtensions(ReadOnlySpan<Extension> extensions) => _extensions = extensions.ToArray();

    internal ReadOnlySpan<Extension> Extensions => _extensions;

    public int EncodedSize => MlsCodec.VectorSize<Extension>(_extensions, "extensions");

    public static GroupContextExtensions Decode(scoped ref MlsReader reader)
    {
        using PooledVector<Extension> extensions = MlsCodec.ReadVector<Extension>(ref reader, "extensions");
        return new GroupContextExtensions(extensions.Span);
    }

    public void Encode(ref MlsWriter writer) => MlsCodec.WriteVector<Extension>(ref writer, _extensions, "extensions");
}
