namespace NoFuture.Memory;

/// <summary>Where a secret lives.</summary>
public enum SecretTier
{
    /// <summary>Pooled for secrets up to <see cref="Secret.MaxPooledLength"/> bytes, guarded above.</summary>
    Auto,

    /// <summary>
    /// A slot in the pooled arena: locked, never-dumped slabs between guard pages, a canary before and after
    /// every slot, no system call on the hot path. Many secrets share a page, so hardware read-only or
    /// no-access modes are not available.
    /// </summary>
    Pooled,

    /// <summary>
    /// Its own mapping: guard pages on both sides, data right-aligned against the back guard page, a canary
    /// in front, optional hardware read-only (<see cref="Secret.Freeze"/>) and no-access-at-rest modes.
    /// </summary>
    Guarded,
}
