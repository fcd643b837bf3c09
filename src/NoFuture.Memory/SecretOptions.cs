namespace NoFuture.Memory;

/// <summary>How a <see cref="Secret"/> is allocated.</summary>
public sealed class SecretOptions
{
    /// <summary>The defaults: <see cref="SecretTier.Auto"/>, accessible at rest, the process-wide policy.</summary>
    public static SecretOptions Default { get; } = new();

    /// <summary>The tier; <see cref="SecretTier.Auto"/> picks by size.</summary>
    public SecretTier Tier { get; init; } = SecretTier.Auto;

    /// <summary>
    /// Keeps the data pages inaccessible (<c>PROT_NONE</c>) while no lease is open; opening the first lease
    /// and closing the last cost a system call each. Implies <see cref="SecretTier.Guarded"/>.
    /// </summary>
    public bool NoAccessAtRest { get; init; }

    /// <summary>Overrides <see cref="SecureMemory.Policy"/> for this allocation.</summary>
    public ProtectionPolicy? Policy { get; init; }

    internal ProtectionPolicy EffectivePolicy => Policy ?? SecureMemory.Policy;

    internal bool UsesGuardedTier(int length) =>
        NoAccessAtRest || Tier == SecretTier.Guarded || (Tier == SecretTier.Auto && length > Secret.MaxPooledLength);
}
