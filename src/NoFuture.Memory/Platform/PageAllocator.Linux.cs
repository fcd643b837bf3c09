// Linux: mmap/mprotect/mlock, MADV_DONTDUMP, MADV_WIPEONFORK (4.14+, else MADV_DONTFORK), memfd_secret (5.14+,
// when the kernel was booted with it enabled), getrandom.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using static NoFuture.Memory.Interop.LibCLinux;

namespace NoFuture.Memory.Platform;

[SupportedOSPlatform("linux")]
internal sealed unsafe class LinuxPageAllocator : PageAllocator
{
    private const int CapIpcLock = 14;
    private int _wipeOnForkRefused; // 1 once the kernel said EINVAL: fall back to DONTFORK without asking again
    private int _secretPageState;   // 0 unknown, 1 available, -1 the kernel does not offer memfd_secret

    internal override byte* Reserve(nuint length, out int error)
    {
        // SAFETY: a fresh private anonymous mapping chosen by the kernel; nothing else refers to it.
        void* p = Mmap(null, length, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
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

    internal override bool ExcludeFromDumps(byte* address, nuint length, out int error) =>
        Check(Madvise(address, length, MADV_DONTDUMP), out error);

    internal override ForkProtection ProtectFromFork(byte* address, nuint length, out int error)
    {
        if (Volatile.Read(ref _wipeOnForkRefused) == 0)
        {
            if (Check(Madvise(address, length, MADV_WIPEONFORK), out error)) return ForkProtection.WipeOnFork;
            if (error != EINVAL) return ForkProtection.None;
            Volatile.Write(ref _wipeOnForkRefused, 1);
        }
        return Check(Madvise(address, length, MADV_DONTFORK), out error) ? ForkProtection.DontFork : ForkProtection.None;
    }

    internal override void Release(byte* address, nuint length) => Munmap(address, length);

    internal override byte* MapSecretPage(out int error)
    {
        error = 0;
        if (Volatile.Read(ref _secretPageState) < 0) return null;
        nint fd = Syscall1(SYS_memfd_secret, 0);
        if (fd < 0)
        {
            error = Marshal.GetLastPInvokeError();
            Volatile.Write(ref _secretPageState, -1);
            return null;
        }
        nuint page = (nuint)PageSize;
        byte* region = Reserve(3 * page, out error);
        try
        {
            if (region == null || Ftruncate((int)fd, (nint)page) != 0)
            {
                if (error == 0) error = Marshal.GetLastPInvokeError();
                if (region != null) Munmap(region, 3 * page);
                return null;
            }
            // SAFETY: MAP_FIXED replaces the middle page of the reservation we own; the two outer pages stay
            // PROT_NONE and guard it.
            void* p = Mmap(region + page, page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, (int)fd, 0);
            if (p == (void*)-1)
            {
                // The kernel has memfd_secret but would not map the page now (usually RLIMIT_MEMLOCK, which
                // secret pages are charged to): not a verdict on the kernel, so the state is left as it is.
                error = Marshal.GetLastPInvokeError();
                Munmap(region, 3 * page);
                return null;
            }
            Volatile.Write(ref _secretPageState, 1);
            return (byte*)p;
        }
        finally
        {
            Close((int)fd);
        }
    }

    internal override void UnmapSecretPage(byte* page) => Munmap(page - PageSize, 3 * (nuint)PageSize);

    internal override long MemlockSoftLimit
    {
        get
        {
            RLimit limit;
            if (Getrlimit(RLIMIT_MEMLOCK, &limit) != 0 || limit.Current == RLIM_INFINITY || limit.Current > long.MaxValue)
                return long.MaxValue;
            return (long)limit.Current;
        }
    }

    internal override bool HasLockPrivilege
    {
        get
        {
            try
            {
                foreach (string line in File.ReadLines("/proc/self/status"))
                {
                    if (!line.StartsWith("CapEff:", StringComparison.Ordinal)) continue;
                    ulong caps = ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    return (caps & (1UL << CapIpcLock)) != 0;
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return false;
        }
    }

    internal override bool CanExcludeFromDumps => true;

    internal override ForkProtection ForkProtectionAvailable =>
        Volatile.Read(ref _wipeOnForkRefused) == 0 ? ForkProtection.WipeOnFork : ForkProtection.DontFork;

    internal override bool SecretPagesAvailable
    {
        get
        {
            if (_secretPageState == 0)
            {
                byte* p = MapSecretPage(out _);
                if (p != null) UnmapSecretPage(p);
            }
            return _secretPageState > 0;
        }
    }

    internal override GuardMechanism GuardMechanism => GuardMechanism.MprotectNone;

    internal override void FillRandom(Span<byte> destination)
    {
        fixed (byte* p = destination)
        {
            int done = 0;
            while (done < destination.Length)
            {
                // SAFETY: p + done .. p + Length lies inside the pinned destination span.
                nint n = Getrandom(p + done, (nuint)(destination.Length - done), 0);
                if (n < 0)
                {
                    int e = Marshal.GetLastPInvokeError();
                    if (e == EINTR) continue;
                    ThrowHelper.OsCallFailed("getrandom", e);
                }
                done += (int)n;
            }
        }
    }

    internal override bool LockAll(bool current, bool future, out bool onFault, out int error)
    {
        int flags = (current ? MCL_CURRENT : 0) | (future ? MCL_FUTURE : 0);
        // MCL_ONFAULT (4.4+) locks pages as they are touched, so the runtime's large reserved-but-untouched
        // address space is not faulted in (and charged) all at once.
        if (Check(Mlockall(flags | MCL_ONFAULT), out error))
        {
            onFault = true;
            return true;
        }
        onFault = false;
        if (error != EINVAL) return false;
        return Check(Mlockall(flags), out error);
    }

    internal override void DisableCoreDumps()
    {
        RLimit zero = default;
        if (Setrlimit(RLIMIT_CORE, &zero) != 0)
            ThrowHelper.OsCallFailed("setrlimit(RLIMIT_CORE, 0)", Marshal.GetLastPInvokeError());
    }

    internal override void SetNotDumpable()
    {
        if (Prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
            ThrowHelper.OsCallFailed("prctl(PR_SET_DUMPABLE, 0)", Marshal.GetLastPInvokeError());
    }

    private static bool Check(int result, out int error)
    {
        error = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        return result == 0;
    }
}
