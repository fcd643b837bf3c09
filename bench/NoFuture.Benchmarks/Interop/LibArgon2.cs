// The reference C implementation as a peer: Debian's libargon2 (`apt-get install argon2 libargon2-dev`, 0~20171227,
// built with pthreads). Loaded at run time so the suite still runs where it is absent: Available is then false and
// the libargon2 rows return at once (their figures are then meaningless and RESULTS.md must say so).
using System.Runtime.InteropServices;

namespace NoFuture.Benchmarks.Interop;

internal static unsafe class LibArgon2
{
    private static readonly delegate* unmanaged<uint, uint, uint, void*, nuint, void*, nuint, void*, nuint, int> s_argon2idHashRaw = Load();

    /// <summary>True when libargon2.so.1 (or libargon2.so) was found.</summary>
    internal static bool Available => s_argon2idHashRaw != null;

    /// <summary>argon2id_hash_raw(t_cost, m_cost KiB, parallelism, pwd, pwdlen, salt, saltlen, hash, hashlen): 0 = ARGON2_OK.</summary>
    internal static int Argon2idHashRaw(uint t, uint mKib, uint p, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, Span<byte> hash)
    {
        if (!Available) return -1;
        fixed (byte* pwd = password, s = salt, h = hash)
        {
            // SAFETY: the buffers are pinned for the call and their lengths passed with them.
            return s_argon2idHashRaw(t, mKib, p, pwd, (nuint)password.Length, s, (nuint)salt.Length, h, (nuint)hash.Length);
        }
    }

    private static delegate* unmanaged<uint, uint, uint, void*, nuint, void*, nuint, void*, nuint, int> Load()
    {
        foreach (string name in new[] { "libargon2.so.1", "libargon2.so" })
        {
            if (NativeLibrary.TryLoad(name, out nint library) && NativeLibrary.TryGetExport(library, "argon2id_hash_raw", out nint f))
                return (delegate* unmanaged<uint, uint, uint, void*, nuint, void*, nuint, void*, nuint, int>)f;
        }
        return null;
    }
}
