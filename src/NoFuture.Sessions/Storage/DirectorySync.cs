// fsync(2) on a directory, so that a rename or unlink in it survives a power loss (a process crash needs only the
// rename itself). .NET has no API for it: FileStream refuses directories.
using System.Runtime.InteropServices;

namespace NoFuture.Sessions;

internal static partial class DirectorySync
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux

    /// <summary>Flushes a directory's entries to disk; best effort where the platform has no such call.</summary>
    internal static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux()) return;
        int fd = Open(directory, ReadOnlyDirectory);
        if (fd < 0) return;
        try
        {
            _ = FileSync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int FileSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
