namespace NoFuture.Cli.Demo;

/// <summary>An old message offered again: its key was deleted when it was first decrypted.</summary>
internal sealed class DemoForwardSecrecy
{
    /// <summary>The message offered again: the last one Bob decrypted.</summary>
    public int OldMessageIndex { get; set; }
    /// <summary>The SessionError of the live session decrypting an old message again (Duplicate).</summary>
    public string? OldMessageError { get; set; }
    /// <summary>The same from Bob's state reloaded from its encrypted store: the key is not in the record either.</summary>
    public string? OldMessageErrorFromStore { get; set; }
    /// <summary>The SessionError for Alice's first message after the handshake, offered again at the end (its chain
    /// and its SPQR epoch are long gone).</summary>
    public string? FirstMessageError { get; set; }
}
