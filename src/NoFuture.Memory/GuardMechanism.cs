namespace NoFuture.Memory;

/// <summary>How the operating system enforces the guard pages around secret memory.</summary>
public enum GuardMechanism
{
    /// <summary>No guard pages could be installed.</summary>
    None,

    /// <summary>POSIX <c>mprotect(PROT_NONE)</c> pages (Linux, macOS).</summary>
    MprotectNone,

    /// <summary>Windows <c>VirtualProtect(PAGE_NOACCESS)</c> pages.</summary>
    PageNoAccess,
}
