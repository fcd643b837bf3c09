// RFC 9420 §12.4.3 EncryptedGroupSecrets: struct { KeyPackageRef new_member; HPKECiphertext encrypted_group_secrets; },
// KeyPackageRef being opaque HashReference<V> (§5.2). A joiner finds its entry by comparing new_member with the
// reference of its own KeyPackage; decoding checks neither the reference's length nor its uniqueness in the Welcome.
using NoFuture.Mls.Codec;

namespace NoFuture.Mls.Welcomes;

internal sealed class EncryptedGroupSecrets : IMlsEncodable<EncryptedGroupSecrets>
{
    private readonly byte[] _newMember;

    internal EncryptedGroupSecrets(ReadOnlySpan<byte> newMember, HpkeCiphertext encryptedGroupSecrets)
    {
        _newMember = newMember.ToArray();
        Ciphertext = encryptedGroupSecrets;
    }

    /// <summary>new_member: the KeyPackageRef of the joiner this entry is for.</summary>
    internal ReadOnlySpan<byte> NewMember => _newMember;

    /// <summary>encrypted_group_secrets: GroupSecrets under EncryptWithLabel(init_key, "Welcome", encrypted_group_info).</summary>
    internal HpkeCiphertext Ciphertext { get; }

    public int EncodedSize => MlsWriter.OpaqueSize(_newMember.Length) + Ciphertext.EncodedSize;

    public static EncryptedGroupSecrets Decode(scoped ref MlsReader reader)
    {
        ReadOnlySpan<byte> newMember = reader.ReadOpaque("new_member");
        return new EncryptedGroupSecrets(newMember, HpkeCiphertext.Decode(ref reader));
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteOpaque(_newMember, "new_member");
        Ciphertext.Encode(ref writer);
    }
}
