// macOS: mmap/mprotect/mlock like Linux; no dump exclusion (core dumps are disabled instead by
// HardenProcess), fork protection by minherit(VM_INHERIT_NONE), no memfd_secret.
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using static NoFuture.Memory.Interop.LibCMacOS;

namespace NoFuture.Memory.Platform;

[SupportedOSPlatform("macos")]
internal sealed unsafe class MacOSPageAllocator : PageAllocator
{
    private const int ENOTSUP = 45;

    internal override byte* Reserve(nuint length, out int error)
    {
        // SAFETY: a fresh private anonymous mapping chosen by the kernel.
        void* p = Mmap(null, length, PROT_NONE, MAP_PRIVATE | MAP_ANON, -1, 0);
        if (p == (void*)-1)
        {
            error = Marshal.GetLastPInvokeError();
            return null;
        }
        error = 0;
        return (byte*)p;
    }

    internal override bool Protect(byte* address, nuint length, PageAccess access, out int error)
    {
        int prot = access switch
        {
            PageAccess.ReadWrite => PROT_READ | PROT_WRITE,
            PageAccess.Read => PROT_READ,
            _ => PROT_NONE,
        };
        return Check(Mprotect(address, length, prot), out error);
    }

    internal override bool Lock(byte* address, nuint length, out int error) => Check(Mlock(address, length), out error);

    internal override void Unlock(byte* address, nuint length) => Munlock(address, length);

    internal override bool ExcludeFromDumps(byte* address, nuint length, out int error)
    {
        error = ENOTSUP;
        return false;
    }

    internal override ForkProtection ProtectFromFork(byte* address, nuint length, out int error) =>
        Check(Minherit(address, length, VM_INHERIT_NONE), out error) ? ForkProtection.DontFork : ForkProtection.None;

    internal override void Release(byte* address, nuint length) => Munmap(address, length);

    internal override byte* MapSecretPage(out int error)
    {
        error = ENOTSUP;
        return null;
    }

    internal override void UnmapSecretPage(byte* page) { }

    internal override long MemlockSoftLimit
    {
        get
        {
            RLimit limit;
            if (Getrlimit(RLIMIT_MEMLOCK, &limit) != 0 || limit.Current > long.MaxValue) return long.MaxValue;
            return (long)limit.Current;
        }
    }

    internal override bool HasLockPrivilege => false;

    internal override bool CanExcludeFromDumps => false;

    internal override ForkProtection ForkProtectionAvailable => ForkProtection.DontFork;

    internal override bool SecretPagesAvailable => false;

    internal override GuardMechanism GuardMechanism => GuardMechanism.MprotectNone;

    internal override void FillRandom(Span<byte> destination)
    {
        fixed (byte* p = destination)
        {
            for (int done = 0; done < destination.Length; done += 256)
            {
                // SAFETY: getentropy writes at most 256 bytes, all inside the pinned span.
                if (Getentropy(p + done, (nuint)Math.Min(256, destination.Length - done)) != 0)
                    ThrowHelper.OsCallFailed("getentropy", Marshal.GetLastPInvokeError());
            }
        }
    }

    internal override bool LockAll(bool current, bool future, out bool onFault, out int error)
    {
        onFault = false;
        return Check(Mlockall((current ? MCL_CURRENT : 0) | (future ? MCL_FUTURE : 0)), out error);
    }

    internal override void DisableCoreDumps()
    {
        RLimit zero = default;
        if (Setrlimit(RLIMIT_CORE, &zero) != 0)
            ThrowHelper.OsCallFailed("setrlimit(RLIMIT_CORE, 0)", Marshal.GetLastPInvokeError());
    }

    internal override void SetNotDumpable()
    {
        if (Ptrace(PT_DENY_ATTACH, 0, 0, 0) != 0)
            ThrowHelper.OsCallFailed("ptrace(PT_DENY_ATTACH)", Marshal.GetLastPInvokeError());
    }

    private static bool Check(int result, out int error)
    {
        error = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        return result == 0;
    }
}
