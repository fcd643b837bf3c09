namespace NoFuture.Cli.Demo;

/// <summary>What <c>nofuture demo</c> reports (text, or JSON with <c>--json</c>).</summary>
internal sealed class DemoReport
{
    /// <summary>Messages exchanged, the handshake's first message included.</summary>
    public int Messages { get; set; }
    public int MessagesAliceToBob { get; set; }
    public int MessagesBobToAlice { get; set; }
    /// <summary>Messages the receiver decrypted (every one, when the demo passes).</summary>
    public int Decrypted { get; set; }
    /// <summary>Decrypted messages whose plaintext equals what was sent.</summary>
    public int PlaintextsMatched { get; set; }
    /// <summary>Messages delivered after a message sent later than them (shuffled bursts, held-back messages).</summary>
    public int DeliveredOutOfOrder { get; set; }
    /// <summary>Size of the handshake's first message (a PreKeySignalMessage).</summary>
    public int FirstMessageBytes { get; set; }
    public int MedianMessageBytes { get; set; }
    public int MaxMessageBytes { get; set; }
    public int PlaintextBytes { get; set; }
    public int SpqrEpochsAlice { get; set; }
    public int SpqrEpochsBob { get; set; }
    /// <summary>Average encrypt + decrypt time per message (store writes excluded), in microseconds.</summary>
    public double MicrosecondsPerMessage { get; set; }
    public double HandshakeMicroseconds { get; set; }
    public required DemoForwardSecrecy ForwardSecrecy { get; init; }
    public required DemoPostCompromise PostCompromise { get; init; }
    public required DemoProtection Protection { get; init; }
    public double TotalMilliseconds { get; set; }
    /// <summary>Every check held: all plaintexts matched, epochs on both sides, the thief locked out, the purge.</summary>
    public bool Passed { get; set; }
    public List<string> Failures { get; } = [];
}
