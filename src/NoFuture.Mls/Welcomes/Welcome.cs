// RFC 9420 §12.4.3 Welcome:
//
//   struct {
//       CipherSuite cipher_suite;
//       EncryptedGroupSecrets secrets<V>;
//       opaque encrypted_group_info<V>;
//   } Welcome;
//
// A Welcome carries no signature of its own: its trust comes from what it encrypts (GroupSecrets opened with the
// joiner's init key, then a GroupInfo whose signature and confirmation tag are checked), so it has a single form.
// cipher_suite is kept as read (raw uint16); the joiner checks it against its KeyPackage's.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Welcomes;

internal sealed class Welcome : IMlsEncodable<Welcome>
{
    private readonly EncryptedGroupSecrets[] _secrets;
    private readonly byte[] _encryptedGroupInfo;

    internal Welcome(ushort cipherSuite, ReadOnlySpan<EncryptedGroupSecrets> secrets, ReadOnlySpan<byte> encryptedGroupInfo)
    {
        CipherSuite = cipherSuite;
        _secrets = secrets.ToArray();
        _encryptedGroupInfo = encryptedGroupInfo.ToArray();
    }

    /// <summary>cipher_suite (RFC 9420 §17.1 code point), as read.</summary>
    internal ushort CipherSuite { get; }

    internal ReadOnlySpan<EncryptedGroupSecrets> Secrets => _secrets;

    internal ReadOnlySpan<byte> EncryptedGroupInfo => _encryptedGroupInfo;

    public int EncodedSize =>
        2 + MlsCodec.VectorSize<EncryptedGroupSecrets>(_secrets, "secrets") + MlsWriter.OpaqueSize(_encryptedGroupInfo.Length);

    public static Welcome Decode(scoped ref MlsReader reader)
    {
        ushort cipherSuite = reader.ReadUInt16("cipher_suite");
        using PooledVector<EncryptedGroupSecrets> secrets = MlsCodec.ReadVector<EncryptedGroupSecrets>(ref reader, "secrets");
        return new Welcome(cipherSuite, secrets.Span, reader.ReadOpaque("encrypted_group_info"));
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteUInt16(CipherSuite);
        MlsCodec.WriteVector<EncryptedGroupSecrets>(ref writer, _secrets, "secrets");
        writer.WriteOpaque(_encryptedGroupInfo, "encrypted_group_info");
    }
}
