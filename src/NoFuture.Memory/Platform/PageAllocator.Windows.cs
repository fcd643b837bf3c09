// Windows: VirtualAlloc (PAGE_READWRITE only, never executable), VirtualProtect guards, VirtualLock with
// working-set growth when the quota is the limit. Windows has no fork and no per-range dump exclusion.
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using static NoFuture.Memory.Interop.Kernel32;

namespace NoFuture.Memory.Platform;

[SupportedOSPlatform("windows")]
internal sealed unsafe class WindowsPageAllocator : PageAllocator
{
    private const int ErrorNotSupported = 50;
    private readonly Lock _workingSetLock = new();

    internal override byte* Reserve(nuint length, out int error)
    {
        // SAFETY: a fresh committed region chosen by the system, inaccessible until protected.
        void* p = VirtualAlloc(null, length, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS);
        error = p == null ? Marshal.GetLastPInvokeError() : 0;
        return (byte*)p;
    }

    internal override bool Protect(byte* address, nuint length, PageAccess access, out int error)
    {
        uint prot = access switch
        {
            PageAccess.ReadWrite => PAGE_READWRITE,
            PageAccess.Read => PAGE_READONLY,
            _ => PAGE_NOACCESS,
        };
        uint old;
        bool ok = VirtualProtect(address, length, prot, &old);
        error = ok ? 0 : Marshal.GetLastPInvokeError();
        return ok;
    }

    internal override bool Lock(byte* address, nuint length, out int error)
    {
        if (VirtualLock(address, length))
        {
            error = 0;
            return true;
        }
        error = Marshal.GetLastPInvokeError();
        if (error != ERROR_WORKING_SET_QUOTA) return false;
        // The lock limit on Windows is the working-set minimum: grow it by the request and retry once.
        lock (_workingSetLock)
        {
            nuint min, max;
            nint self = GetCurrentProcess();
            if (!GetProcessWorkingSetSize(self, &min, &max) ||
                !SetProcessWorkingSetSize(self, min + length, Math.Max(max, min + length)))
            {
                error = Marshal.GetLastPInvokeError();
                return false;
            }
        }
        bool ok = VirtualLock(address, length);
        error = ok ? 0 : Marshal.GetLastPInvokeError();
        return ok;
    }

    internal override void Unlock(byte* address, nuint length) => VirtualUnlock(address, length);

    internal override bool ExcludeFromDumps(byte* address, nuint length, out int error)
    {
        error = ErrorNotSupported;
        return false;
    }

    internal override ForkProtection ProtectFromFork(byte* address, nuint length, out int error)
    {
        error = 0;
        return ForkProtection.NotApplicable;
    }

    internal override void Release(byte* address, nuint length) => VirtualFree(address, 0, MEM_RELEASE);

    internal override byte* MapSecretPage(out int error)
    {
        error = ErrorNotSupported;
        return null;
    }

    internal override void UnmapSecretPage(byte* page) { }

    internal override long MemlockSoftLimit
    {
        get
        {
            nuint min, max;
            return GetProcessWorkingSetSize(GetCurrentProcess(), &min, &max) ? (long)min : 0;
        }
    }

    internal override bool HasLockPrivilege => false;

    internal override bool CanExcludeFromDumps => false;

    internal override ForkProtection ForkProtectionAvailable => ForkProtection.NotApplicable;

    internal override bool SecretPagesAvailable => false;

    internal override GuardMechanism GuardMechanism => GuardMechanism.PageNoAccess;

    internal override void FillRandom(Span<byte> destination) => RandomNumberGenerator.Fill(destination);

    internal override bool LockAll(bool current, bool future, out bool onFault, out int error)
    {
        onFault = false;
        error = ErrorNotSupported;
        return false;
    }

    internal override void DisableCoreDumps() => SetErrorMode(0x0002 /* SEM_NOGPFAULTERRORBOX */);

    internal override void SetNotDumpable() { }
}
