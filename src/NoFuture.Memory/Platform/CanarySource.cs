// Random canaries for slabs and guarded buffers, drawn from the OS CSPRNG 4 KiB at a time: one getrandom call
// per 256 canaries instead of one per allocation (a system call costs ~1 µs on a virtualised host).
// The buffer is native memory, never the GC heap, and each canary is wiped from it as it is handed out.
using System.Runtime.InteropServices;

namespace NoFuture.Memory.Platform;

internal static unsafe class CanarySource
{
    internal const int CanarySize = 16;
    private const int BufferSize = 4096;

    private static readonly Lock s_lock = new();
    private static readonly byte* s_buffer = (byte*)NativeMemory.AllocZeroed(BufferSize);
    private static int s_offset = BufferSize;

    /// <summary>Writes a fresh random canary into <paramref name="destination"/> (16 bytes).</summary>
    internal static void Next(Span<byte> destination)
    {
        lock (s_lock)
        {
            if (s_offset == BufferSize)
            {
                PageAllocator.Current.FillRandom(new Span<byte>(s_buffer, BufferSize));
                s_offset = 0;
            }
            // SAFETY: s_offset + 16 <= BufferSize, inside the native buffer allocated above.
            var canary = new Span<byte>(s_buffer + s_offset, CanarySize);
            canary.CopyTo(destination);
            canary.Clear();
            s_offset += CanarySize;
        }
    }
}
