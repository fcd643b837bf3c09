// The one place that knows how each operating system maps, protects, locks and releases pages.
// Everything above it (arena, guarded buffers, the enclave key page) is OS-neutral.
namespace NoFuture.Memory.Platform;

internal abstract unsafe class PageAllocator
{
    internal static readonly PageAllocator Current = Create();

    internal int PageSize { get; } = Environment.SystemPageSize;

    /// <summary>Maps <paramref name="length"/> bytes of private anonymous memory with no access. Null on failure.</summary>
    internal abstract byte* Reserve(nuint length, out int error);

    internal abstract bool Protect(byte* address, nuint length, PageAccess access, out int error);

    internal abstract bool Lock(byte* address, nuint length, out int error);

    internal abstract void Unlock(byte* address, nuint length);

    /// <summary>Excludes the range from core dumps. False (with the error) where the OS cannot.</summary>
    internal abstract bool ExcludeFromDumps(byte* address, nuint length, out int error);

    /// <summary>Makes a forked child see zeros (or nothing) in the range.</summary>
    internal abstract ForkProtection ProtectFromFork(byte* address, nuint length, out int error);

    internal abstract void Release(byte* address, nuint length);

    /// <summary>
    /// One page the kernel keeps out of its own direct map (Linux <c>memfd_secret</c>), between two guard
    /// pages. Null where the kernel does not offer it; the caller then falls back to a guarded mapping.
    /// </summary>
    internal abstract byte* MapSecretPage(out int error);

    internal abstract void UnmapSecretPage(byte* page);

    /// <summary>The soft memory-lock limit in bytes, or <see cref="long.MaxValue"/> when unlimited.</summary>
    internal abstract long MemlockSoftLimit { get; }

    /// <summary>True when the process may lock memory beyond its limit (CAP_IPC_LOCK on Linux).</summary>
    internal abstract bool HasLockPrivilege { get; }

    internal abstract bool CanExcludeFromDumps { get; }

    internal abstract ForkProtection ForkProtectionAvailable { get; }

    internal abstract bool SecretPagesAvailable { get; }

    internal abstract GuardMechanism GuardMechanism { get; }

    /// <summary>Fills the span from the operating system's CSPRNG.</summary>
    internal abstract void FillRandom(Span<byte> destination);

    internal abstract bool LockAll(bool current, bool future, out bool onFault, out int error);

    internal abstract void DisableCoreDumps();

    internal abstract void SetNotDumpable();

    private static PageAllocator Create()
    {
        if (OperatingSystem.IsLinux()) return new LinuxPageAllocator();
        if (OperatingSystem.IsMacOS()) return new MacOSPageAllocator();
        if (OperatingSystem.IsWindows()) return new WindowsPageAllocator();
        return ThrowHelper.PlatformUnsupported<PageAllocator>();
    }
}
