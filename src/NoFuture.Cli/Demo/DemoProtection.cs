namespace NoFuture.Cli.Demo;

/// <summary>What the process and its secret memory got.</summary>
internal sealed class DemoProtection
{
    public bool InterruptCaught { get; set; }
    /// <summary>Whether mlockall was granted; <see cref="LockAllMemoryRefusal"/> says why not.</summary>
    public bool LockAllMemory { get; set; }
    public string? LockAllMemoryRefusal { get; set; }
    /// <summary>The passphrase: random, frozen (read-only) in its own guarded mapping.</summary>
    public bool PassphraseFrozen { get; set; }
    public string[] PassphraseProtections { get; set; } = [];
    public int Argon2MemoryKib { get; set; }
    public int Argon2Iterations { get; set; }
    public int Argon2Parallelism { get; set; }
    public double Argon2Milliseconds { get; set; }
    public int StoreWrites { get; set; }
    /// <summary>The stores' <c>StoreDurability</c> (what their writes survive).</summary>
    public string StoreDurability { get; set; } = "";
    public bool StoresDeleted { get; set; }
    /// <summary>Locked bytes held by secret memory just before the purge.</summary>
    public long LockedBytes { get; set; }
    public long LiveSecrets { get; set; }
    /// <summary>Protections the OS refused during the demo (best-effort policy).</summary>
    public long Refusals { get; set; }
    /// <summary>After SecureMemory.Purge: the passphrase and Alice's session throw ObjectDisposedException.</summary>
    public bool Purged { get; set; }
}
