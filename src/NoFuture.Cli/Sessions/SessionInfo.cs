namespace NoFuture.Cli.Sessions;

/// <summary>What <c>nofuture session info</c> shows: public values only.</summary>
internal sealed class SessionInfo
{
    public required string State { get; init; }
    public required uint RegistrationId { get; init; }
    public required uint DeviceId { get; init; }
    /// <summary>The identity key, base64 of libsignal's serialized form (0x05 and 32 bytes).</summary>
    public required string IdentityKey { get; init; }
    public required uint SignedPreKeyId { get; init; }
    public required uint KyberPreKeyId { get; init; }
    public required int UnusedOneTimePreKeys { get; init; }
    public required SessionPeerInfo[] Peers { get; init; }
}
