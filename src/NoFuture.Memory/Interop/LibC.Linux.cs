// Linux libc and raw syscalls used by the page allocator and the process guards.
// Constants are the x86-64/arm64 Linux values (they are identical on both for everything used here).
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace NoFuture.Memory.Interop;

[SupportedOSPlatform("linux")]
internal static unsafe partial class LibCLinux
{
    private const string Lib = "libc";

    internal const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2;
    internal const int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000;
    internal const int MADV_DONTFORK = 10, MADV_DONTDUMP = 16, MADV_WIPEONFORK = 18;
    internal const int MCL_CURRENT = 1, MCL_FUTURE = 2, MCL_ONFAULT = 4;
    internal const int RLIMIT_CORE = 4, RLIMIT_MEMLOCK = 8;
    internal const int PR_SET_DUMPABLE = 4;
    internal const long SYS_memfd_secret = 447;
    internal const int EINVAL = 22, ENOSYS = 38, EPERM = 1, ENOMEM = 12, EAGAIN = 11, EINTR = 4;
    internal const ulong RLIM_INFINITY = ulong.MaxValue;

    [StructLayout(LayoutKind.Sequential)]
    internal struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport(Lib, EntryPoint = "mmap", SetLastError = true)]
    internal static partial void* Mmap(void* addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport(Lib, EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(void* addr, nuint length);

    [LibraryImport(Lib, EntryPoint = "mprotect", SetLastError = true)]
    internal static partial int Mprotect(void* addr, nuint length, int prot);

    [LibraryImport(Lib, EntryPoint = "mlock", SetLastError = true)]
    internal static partial int Mlock(void* addr, nuint length);

    [LibraryImport(Lib, EntryPoint = "munlock", SetLastError = true)]
    internal static partial int Munlock(void* addr, nuint length);

    [LibraryImport(Lib, EntryPoint = "madvise", SetLastError = true)]
    internal static partial int Madvise(void* addr, nuint length, int advice);

    [LibraryImport(Lib, EntryPoint = "mlockall", SetLastError = true)]
    internal static partial int Mlockall(int flags);

    [LibraryImport(Lib, EntryPoint = "getrlimit", SetLastError = true)]
    internal static partial int Getrlimit(int resource, RLimit* limit);

    [LibraryImport(Lib, EntryPoint = "setrlimit", SetLastError = true)]
    internal static partial int Setrlimit(int resource, RLimit* limit);

    [LibraryImport(Lib, EntryPoint = "prctl", SetLastError = true)]
    internal static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(Lib, EntryPoint = "syscall", SetLastError = true)]
    internal static partial nint Syscall1(long number, nuint arg1);

    [LibraryImport(Lib, EntryPoint = "getrandom", SetLastError = true)]
    internal static partial nint Getrandom(void* buffer, nuint length, uint flags);

    [LibraryImport(Lib, EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int Ftruncate(int fd, nint length);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Lib, EntryPoint = "getpid")]
    internal static partial int Getpid();

    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport(Lib, EntryPoint = "signal", SetLastError = true)]
    internal static partial nint Signal(int signal, nint handler);
}
