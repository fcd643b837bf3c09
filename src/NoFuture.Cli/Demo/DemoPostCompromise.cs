namespace NoFuture.Cli.Demo;

/// <summary>A thief's full copy of Bob's state (an export) trying every later message to Bob.</summary>
internal sealed class DemoPostCompromise
{
    /// <summary>Messages exchanged before the theft.</summary>
    public int StolenAfterMessage { get; set; }
    /// <summary>Bob's completed SPQR epochs at the theft.</summary>
    public int SpqrEpochAtTheft { get; set; }
    /// <summary>Messages to Bob after the theft that the thief tried.</summary>
    public int ThiefAttempts { get; set; }
    /// <summary>Of those, decrypted by the thief (only before the ratchet turns).</summary>
    public int ThiefDecrypted { get; set; }
    /// <summary>Tried messages sent after a full DH ratchet turn (Bob replied, then Alice sent).</summary>
    public int AttemptsAfterRatchetTurn { get; set; }
    public int DecryptedAfterRatchetTurn { get; set; }
    /// <summary>Tried messages sent after both sides completed an SPQR epoch beyond the theft's.</summary>
    public int AttemptsAfterSpqrEpoch { get; set; }
    public int DecryptedAfterSpqrEpoch { get; set; }
    /// <summary>SPQR epochs Bob completed after the theft.</summary>
    public int SpqrEpochsSinceTheft { get; set; }
}
