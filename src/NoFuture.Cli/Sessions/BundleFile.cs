// The prekey bundle file of `nofuture session bundle` / `start`: one JSON object of libsignal's serialized forms
// (PreKeyBundle.new's arguments), so another implementation can read or write it. Ids are JSON numbers; keys and
// signatures are base64 strings (standard alphabet, padded): Curve25519 keys as 0x05 ‖ 32 bytes, the KEM prekey as
// its type byte (0x08, Kyber-1024) ‖ 1,568 bytes, signatures 64 bytes. preKeyId/preKey are null or absent together.
using System.Text.Json;
using System.Text.Json.Serialization;
using NoFuture.Cli.Json;
using NoFuture.Sessions;

namespace NoFuture.Cli.Sessions;

internal sealed class BundleFile
{
    /// <summary>The largest bundle file read (a real one is about 2.3 KB).</summary>
    internal const int MaxFileLength = 64 * 1024;

    [JsonRequired] public uint RegistrationId { get; set; }
    [JsonRequired] public uint DeviceId { get; set; }
    public uint? PreKeyId { get; set; }
    public byte[]? PreKey { get; set; }
    [JsonRequired] public uint SignedPreKeyId { get; set; }
    [JsonRequired] public byte[] SignedPreKey { get; set; } = [];
    [JsonRequired] public byte[] SignedPreKeySignature { get; set; } = [];
    [JsonRequired] public byte[] IdentityKey { get; set; } = [];
    [JsonRequired] public uint KyberPreKeyId { get; set; }
    [JsonRequired] public byte[] KyberPreKey { get; set; } = [];
    [JsonRequired] public byte[] KyberPreKeySignature { get; set; } = [];

    internal static BundleFile From(PreKeyBundle bundle) => new()
    {
        RegistrationId = bundle.RegistrationId,
        DeviceId = bundle.DeviceId,
        PreKeyId = bundle.PreKeyId,
        PreKey = bundle.PreKeyId is null ? null : bundle.PreKey.ToArray(),
        SignedPreKeyId = bundle.SignedPreKeyId,
        SignedPreKey = bundle.SignedPreKey.ToArray(),
        SignedPreKeySignature = bundle.SignedPreKeySignature.ToArray(),
        IdentityKey = bundle.IdentityKey.ToArray(),
        KyberPreKeyId = bundle.KyberPreKeyId,
        KyberPreKey = bundle.KyberPreKey.ToArray(),
        KyberPreKeySignature = bundle.KyberPreKeySignature.ToArray(),
    };

    /// <summary>Parses and verifies a bundle file's bytes.</summary>
    /// <exception cref="CliFailure">Not a bundle, or it does not verify (<see cref="ExitCodes.BadInput"/>).</exception>
    internal static PreKeyBundle Parse(ReadOnlySpan<byte> json, string path)
    {
        BundleFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, CliJsonContext.Default.BundleFile);
        }
        catch (JsonException e)
        {
            throw CliFailure.Create(ExitCodes.BadInput, $"'{path}' is not a prekey bundle: {e.Message}");
        }
        if (file is null) throw CliFailure.Create(ExitCodes.BadInput, $"'{path}' is not a prekey bundle: it is null.");
        try
        {
            return PreKeyBundle.Import(file.RegistrationId, file.DeviceId, file.PreKeyId, file.PreKey ?? [], file.SignedPreKeyId,
                file.SignedPreKey, file.SignedPreKeySignature, file.IdentityKey, file.KyberPreKeyId, file.KyberPreKey,
                file.KyberPreKeySignature);
        }
        catch (SessionException e)
        {
            throw CliFailure.Create(ExitCodes.BadInput, $"the bundle in '{path}' was rejected: {e.Reason}: {e.Message}");
        }
    }
}
