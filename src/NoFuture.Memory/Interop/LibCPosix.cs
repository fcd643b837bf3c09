// Terminal and file calls shared by Linux and macOS (same names and signatures; the termios layout differs
// and is handled by the caller).
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace NoFuture.Memory.Interop;

[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
internal static unsafe partial class LibCPosix
{
    private const string Lib = "libc";

    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, void* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "tcgetattr", SetLastError = true)]
    internal static partial int Tcgetattr(int fd, void* termios);

    [LibraryImport(Lib, EntryPoint = "tcsetattr", SetLastError = true)]
    internal static partial int Tcsetattr(int fd, int optionalActions, void* termios);

    [LibraryImport(Lib, EntryPoint = "isatty")]
    internal static partial int Isatty(int fd);
}
