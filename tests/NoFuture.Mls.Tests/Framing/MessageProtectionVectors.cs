// One entry of message-protection.json (mlswg/mls-implementations @ cfd45028, test-vectors/message-protection.json;
// provenance in shared/vectors/mls/SOURCES.md), with the group context it implies (RFC 9420 §8.1, no extensions).
using System.Text.Json;
using NoFuture.Memory;
using NoFuture.Mls.Extensions;
using NoFuture.Mls.KeySchedule;
using NoFuture.Tests.Shared;

namespace NoFuture.Mls.Tests.Framing;

internal sealed class MessageProtectionVectors
{
    private readonly JsonElement _entry;

    private MessageProtectionVectors(JsonElement entry)
    {
        _entry = entry;
        Suite = MlsCipherSuite.FromId(entry.GetProperty("cipher_suite").GetUInt16())!;
        Context = new GroupContext(GroupContext.Mls10, Suite.Id, Hex("group_id"), entry.GetProperty("epoch").GetUInt64(),
            Hex("tree_hash"), Hex("confirmed_transcript_hash"), ReadOnlySpan<Extension>.Empty);
    }

    internal MlsCipherSuite Suite { get; }

    internal GroupContext Context { get; }

    internal byte[] Hex(string name) => Convert.FromHexString(_entry.GetProperty(name).GetString()!);

    internal Secret SecretOf(string name) => Secret.CopyFrom(Hex(name));

    /// <summary>signature_priv, left-padded to the scalar size: the P-521 entry drops a leading zero byte (65 of 66).</summary>
    internal NoFuture.Crypto.SigningKey SigningKey()
    {
        byte[] priv = Hex("signature_priv");
        byte[] padded = new byte[Math.Max(priv.Length, Suite.Signature.PrivateKeySizeInBytes)];
        priv.CopyTo(padded, padded.Length - priv.Length);
        return Suite.Signature.ImportPrivateKey(padded);
    }

    /// <summary>signature_pub, imported.</summary>
    internal NoFuture.Crypto.SignaturePublicKey SignaturePublicKey() => Suite.Signature.ImportPublicKey(Hex("signature_pub"));

    internal static List<MessageProtectionVectors> Load()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("mls/message-protection.json")));
        var all = new List<MessageProtectionVectors>();
        foreach (JsonElement e in doc.RootElement.EnumerateArray()) all.Add(new MessageProtectionVectors(e.Clone()));
        return all;
    }
}
