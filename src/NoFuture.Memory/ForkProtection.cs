namespace NoFuture.Memory;

/// <summary>What a forked child process sees of secret memory.</summary>
public enum ForkProtection
{
    /// <summary>The child inherits a copy of the secret (no protection).</summary>
    None,

    /// <summary>The child sees the range zeroed (Linux <c>MADV_WIPEONFORK</c>).</summary>
    WipeOnFork,

    /// <summary>The range is not mapped in the child (Linux <c>MADV_DONTFORK</c>, macOS <c>VM_INHERIT_NONE</c>).</summary>
    DontFork,

    /// <summary>The platform has no fork (Windows).</summary>
    NotApplicable,
}
