// RFC 9420 §12.1.4: struct { PreSharedKeyID psk; } PreSharedKey. Whether the PSK is known, its nonce fresh and, for a
// resumption PSK, its usage allowed here (§8.6) is checked when the proposal is validated, not by the decoder.
using NoFuture.Mls.Codec;
using NoFuture.Mls.KeySchedule;

namespace NoFuture.Mls.Proposals;

internal sealed class PreSharedKey : IMlsEncodable<PreSharedKey>
{
    internal PreSharedKey(PreSharedKeyId psk) => Psk = psk;

    internal PreSharedKeyId Psk { get; }

    public int EncodedSize => Psk.EncodedSize;

    public static PreSharedKey Decode(scoped ref MlsReader reader) => new(PreSharedKeyId.Decode(ref reader));

    public void Encode(ref MlsWriter writer) => Psk.Encode(ref writer);
}
