namespace NoFuture.Cli.Sessions;

/// <summary>One session in <c>nofuture session info</c>.</summary>
internal sealed class SessionPeerInfo
{
    public required string Name { get; init; }
    /// <summary>The peer's identity key, base64 (compare it out of band).</summary>
    public required string RemoteIdentityKey { get; init; }
    public required int SpqrEpochsCompleted { get; init; }
}
