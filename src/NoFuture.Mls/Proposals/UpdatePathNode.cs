// RFC 9420 §7.6:
//   struct { HPKEPublicKey encryption_key; HPKECiphertext encrypted_path_secret<V>; } UpdatePathNode;
// HPKEPublicKey is opaque<V>. The key is the peer's claim until the path is processed (§7.6: the decrypted path secret
// must derive the same public key). HPKECiphertext is the one of Welcomes/, shared with EncryptedGroupSecrets.
using NoFuture.Mls.Codec;
using NoFuture.Mls.Welcomes;

namespace NoFuture.Mls.Proposals;

internal sealed class UpdatePathNode : IMlsEncodable<UpdatePathNode>
{
    private readonly byte[] _encryptionKey;
    private readonly HpkeCiphertext[] _encryptedPathSecret;

    internal UpdatePathNode(ReadOnlySpan<byte> encryptionKey, ReadOnlySpan<HpkeCiphertext> encryptedPathSecret)
    {
        _encryptionKey = encryptionKey.ToArray();
        _encryptedPathSecret = encryptedPathSecret.ToArray();
    }

    internal ReadOnlySpan<byte> EncryptionKey => _encryptionKey;

    /// <summary>One ciphertext per node of the copath child's resolution (§7.6), in order.</summary>
    internal ReadOnlySpan<HpkeCiphertext> EncryptedPathSecret => _encryptedPathSecret;

    public int EncodedSize =>
        MlsWriter.OpaqueSize(_encryptionKey.Length)
        + MlsCodec.VectorSize<HpkeCiphertext>(_encryptedPathSecret, "encrypted_path_secret");

    public static UpdatePathNode Decode(scoped ref MlsReader reader)
    {
        ReadOnlySpan<byte> key = reader.ReadOpaque("encryption_key");
        using PooledVector<HpkeCiphertext> secrets = MlsCodec.ReadVector<HpkeCiphertext>(ref reader, "encrypted_path_secret");
        return new UpdatePathNode(key, secrets.Span);
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteOpaque(_encryptionKey, "encryption_key");
        MlsCodec.WriteVector<HpkeCiphertext>(ref writer, _encryptedPathSecret, "encrypted_path_secret");
    }
}
