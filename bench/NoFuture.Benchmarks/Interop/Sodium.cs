// The three libsodium calls the benchmarks need as peers: sodium_malloc is the guarded, locked allocator that
// libsodium, memguard-like libraries and most "secure buffer" wrappers build on. The native library comes from
// the `libsodium` NuGet package (runtimes/<rid>/native/libsodium.so), resolved by name through deps.json.
using System.Runtime.InteropServices;

namespace NoFuture.Benchmarks.Interop;

internal static unsafe partial class Sodium
{
    private const string Library = "libsodium";

    /// <summary>Initialises libsodium: 0 on success, 1 when already initialised, -1 on failure.</summary>
    [LibraryImport(Library)]
    internal static partial int sodium_init();

    /// <summary>
    /// Allocates <paramref name="size"/> bytes between guard pages, locked and canaried; null (errno set) on failure.
    /// </summary>
    [LibraryImport(Library, SetLastError = true)]
    internal static partial void* sodium_malloc(nuint size);

    /// <summary>Wipes, unlocks and unmaps memory from <see cref="sodium_malloc"/>.</summary>
    // No SetLastError: sodium_free returns nothing and reports nothing through errno.
    [LibraryImport(Library)]
    internal static partial void sodium_free(void* ptr);

    /// <summary>Calls <see cref="sodium_init"/> and throws if libsodium cannot be used.</summary>
    internal static void Initialize()
    {
        if (sodium_init() < 0) throw new InvalidOperationException("sodium_init failed.");
    }

    /// <summary><see cref="sodium_malloc"/> that throws instead of returning null.</summary>
    internal static void* Malloc(nuint size)
    {
        void* p = sodium_malloc(size);
        if (p == null) throw new OutOfMemoryException($"sodium_malloc failed (errno {Marshal.GetLastPInvokeError()}).");
        return p;
    }
}
