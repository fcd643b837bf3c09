// RFC 9420 §12.1.6: struct { opaque kem_output<V>; } ExternalInit. The KEM output is decapsulated with the group's
// external_priv when the commit is processed (§8.3); here it is only carried.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Proposals;

internal sealed class ExternalInit : IMlsEncodable<ExternalInit>
{
    private readonly byte[] _kemOutput;

    internal ExternalInit(ReadOnlySpan<byte> kemOutput) => _kemOutput = kemOutput.ToArray();

    internal ReadOnlySpan<byte> KemOutput => _kemOutput;

    public int EncodedSize => MlsWriter.OpaqueSize(_kemOutput.Length);

    public static ExternalInit Decode(scoped ref MlsReader reader) => new(reader.ReadOpaque("kem_output"));

    public void Encode(ref MlsWriter writer) => writer.WriteOpaque(_kemOutput, "kem_output");
}
