namespace NoFuture.Memory;

/// <summary>The protections an allocation actually got (never more than it reports).</summary>
[Flags]
public enum SecretProtection
{
    /// <summary>No protection.</summary>
    None = 0,

    /// <summary>Pages are locked in RAM (<c>mlock</c>/<c>VirtualLock</c>): never written to swap.</summary>
    Locked = 1 << 0,

    /// <summary>Pages are excluded from core dumps (<c>MADV_DONTDUMP</c>).</summary>
    ExcludedFromDumps = 1 << 1,

    /// <summary>A forked child sees zeros (<c>MADV_WIPEONFORK</c>).</summary>
    WipedOnFork = 1 << 2,

    /// <summary>A forked child does not inherit the pages (<c>MADV_DONTFORK</c>, <c>VM_INHERIT_NONE</c>).</summary>
    NotInheritedOnFork = 1 << 3,

    /// <summary>Inaccessible guard pages surround the memory.</summary>
    GuardPages = 1 << 4,

    /// <summary>Random canaries around the data are checked when the memory is freed.</summary>
    Canaries = 1 << 5,

    /// <summary>The data pages are inaccessible while no lease is open.</summary>
    NoAccessAtRest = 1 << 6,

    /// <summary>The page is outside the kernel's direct map (<c>memfd_secret</c>).</summary>
    KernelSecretMemory = 1 << 7,
}
