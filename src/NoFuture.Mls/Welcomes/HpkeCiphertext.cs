// RFC 9420 §5.1.3 / §12.4.3 HPKECiphertext: struct { opaque kem_output<V>; opaque ciphertext<V>; }. Public bytes (an
// encapsulation and an AEAD ciphertext); whether they open is the HPKE check of the recipient. Copied once at decode.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Welcomes;

internal sealed class HpkeCiphertext : IMlsEncodable<HpkeCiphertext>
{
    private readonly byte[] _kemOutput;
    private readonly byte[] _ciphertext;

    internal HpkeCiphertext(ReadOnlySpan<byte> kemOutput, ReadOnlySpan<byte> ciphertext)
    {
        _kemOutput = kemOutput.ToArray();
        _ciphertext = ciphertext.ToArray();
    }

    internal ReadOnlySpan<byte> KemOutput => _kemOutput;

    internal ReadOnlySpan<byte> Ciphertext => _ciphertext;

    public int EncodedSize => MlsWriter.OpaqueSize(_kemOutput.Length) + MlsWriter.OpaqueSize(_ciphertext.Length);

    public static HpkeCiphertext Decode(scoped ref MlsReader reader)
    {
        ReadOnlySpan<byte> kemOutput = reader.ReadOpaque("kem_output");
        return new HpkeCiphertext(kemOutput, reader.ReadOpaque("ciphertext"));
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteOpaque(_kemOutput, "kem_output");
        writer.WriteOpaque(_ciphertext, "ciphertext");
    }
}
