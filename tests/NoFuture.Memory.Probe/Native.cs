// libc calls only the probe needs (fork and wait). Not part of the library.
using System.Runtime.InteropServices;

namespace NoFuture.Memory.Probe;

internal static unsafe partial class Native
{
    internal static nint Export(string name) => NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), name);
}
