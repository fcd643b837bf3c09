// Windows virtual-memory calls for the page allocator. Pages are only ever PAGE_READWRITE, PAGE_READONLY
// or PAGE_NOACCESS: never executable.
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace NoFuture.Memory.Interop;

[SupportedOSPlatform("windows")]
internal static unsafe partial class Kernel32
{
    private const string Lib = "kernel32.dll";

    internal const uint MEM_COMMIT = 0x1000, MEM_RESERVE = 0x2000, MEM_RELEASE = 0x8000;
    internal const uint PAGE_NOACCESS = 0x01, PAGE_READONLY = 0x02, PAGE_READWRITE = 0x04;
    internal const int ERROR_WORKING_SET_QUOTA = 1453;

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial void* VirtualAlloc(void* address, nuint size, uint allocationType, uint protect);

    [LibraryImport(Lib, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool VirtualFree(void* address, nuint size, uint freeType);

    [LibraryImport(Lib, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool VirtualProtect(void* address, nuint size, uint newProtect, uint* oldProtect);

    [LibraryImport(Lib, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool VirtualLock(void* address, nuint size);

    [LibraryImport(Lib, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool VirtualUnlock(void* address, nuint size);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint GetCurrentProcess();

    [LibraryImport(Lib, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool GetProcessWorkingSetSize(nint process, nuint* minimum, nuint* maximum);

    [LibraryImport(Lib, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool SetProcessWorkingSetSize(nint process, nuint minimum, nuint maximum);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial uint SetErrorMode(uint mode);
}
