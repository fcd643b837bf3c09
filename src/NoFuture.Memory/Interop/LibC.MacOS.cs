// macOS libc calls for the page allocator. macOS has no MADV_DONTDUMP and no memfd_secret; fork
// inheritance is controlled with minherit(VM_INHERIT_NONE).
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace NoFuture.Memory.Interop;

[SupportedOSPlatform("macos")]
internal static unsafe partial class LibCMacOS
{
    private const string Lib = "libc";

    internal const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2;
    internal const int MAP_PRIVATE = 0x0002, MAP_ANON = 0x1000;
    internal const int VM_INHERIT_NONE = 2;
    internal const int RLIMIT_CORE = 4, RLIMIT_MEMLOCK = 6;
    internal const int MCL_CURRENT = 1, MCL_FUTURE = 2;
    internal const int PT_DENY_ATTACH = 31;

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

    [LibraryImport(Lib, EntryPoint = "minherit", SetLastError = true)]
    internal static partial int Minherit(void* addr, nuint length, int inherit);

    [LibraryImport(Lib, EntryPoint = "mlockall", SetLastError = true)]
    internal static partial int Mlockall(int flags);

    [LibraryImport(Lib, EntryPoint = "getrlimit", SetLastError = true)]
    internal static partial int Getrlimit(int resource, RLimit* limit);

    [LibraryImport(Lib, EntryPoint = "setrlimit", SetLastError = true)]
    internal static partial int Setrlimit(int resource, RLimit* limit);

    [LibraryImport(Lib, EntryPoint = "ptrace", SetLastError = true)]
    internal static partial int Ptrace(int request, int pid, nint addr, int data);

    [LibraryImport(Lib, EntryPoint = "getentropy", SetLastError = true)]
    internal static partial int Getentropy(void* buffer, nuint length);
}
