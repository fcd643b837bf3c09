// RFC 9420 §12.4.3 GroupSecrets, the plaintext of each EncryptedGroupSecrets:
//
//   struct { opaque path_secret<V>; } PathSecret;
//   struct {
//       opaque joiner_secret<V>;
//       optional<PathSecret> path_secret;
//       PreSharedKeyID psks<V>;
//   } GroupSecrets;
//
// joiner_secret and path_secret are secrets, so this is a view (a ref struct over the caller's buffer: the HPKE
// plaintext, which the caller keeps in locked memory and wipes) and never copies them: nothing of them reaches the GC
// heap. Encode writes them straight into the caller's destination. The psks are public IDs and are copied as
// PreSharedKeyId objects. PathSecret, a struct of one opaque field, is read inline as the optional's content.
// Decoding does not check the secrets' lengths (Nh, §8): the key schedule does when it uses them.
using NoFuture.Mls.Codec;
using NoFuture.Mls.KeySchedule;

namespace NoFuture.Mls.Welcomes;

internal readonly ref struct GroupSecrets : IMlsEncodable<GroupSecrets>
{
    private readonly PreSharedKeyId[] _psks;

    internal GroupSecrets(ReadOnlySpan<byte> joinerSecret, bool hasPathSecret, ReadOnlySpan<byte> pathSecret, scoped ReadOnlySpan<PreSharedKeyId> psks)
    {
        JoinerSecret = joinerSecret;
        HasPathSecret = hasPathSecret;
        PathSecret = hasPathSecret ? pathSecret : default;
        _psks = psks.ToArray();
    }

    /// <summary>joiner_secret: a slice of the decoded input (secret; never copied here).</summary>
    internal ReadOnlySpan<byte> JoinerSecret { get; }

    /// <summary>Whether the optional path_secret is present.</summary>
    internal bool HasPathSecret { get; }

    /// <summary>path_secret when present (a slice of the decoded input; secret), else empty.</summary>
    internal ReadOnlySpan<byte> PathSecret { get; }

    internal ReadOnlySpan<PreSharedKeyId> Psks => _psks;

    public int EncodedSize =>
        MlsWriter.OpaqueSize(JoinerSecret.Length) + 1 + (HasPathSecret ? MlsWriter.OpaqueSize(PathSecret.Length) : 0)
        + MlsCodec.VectorSize<PreSharedKeyId>(_psks, "psks");

    public static GroupSecrets Decode(scoped ref MlsReader reader)
    {
        ReadOnlySpan<byte> joinerSecret = reader.ReadOpaque("joiner_secret");
        bool hasPathSecret = reader.ReadPresence("path_secret");
        ReadOnlySpan<byte> pathSecret = hasPathSecret ? reader.ReadOpaque("path_secret") : default;
        using PooledVector<PreSharedKeyId> psks = MlsCodec.ReadVector<PreSharedKeyId>(ref reader, "psks");
        return new GroupSecrets(joinerSecret, hasPathSecret, pathSecret, psks.Span);
    }

    public void Encode(ref MlsWriter writer)
    {
        writer.WriteOpaque(JoinerSecret, "joiner_secret");
        writer.WritePresence(HasPathSecret);
        if (HasPathSecret) writer.WriteOpaque(PathSecret, "path_secret");
        MlsCodec.WriteVector<PreSharedKeyId>(ref writer, _psks, "psks");
    }
}
