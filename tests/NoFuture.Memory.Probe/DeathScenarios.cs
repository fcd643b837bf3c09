// Each scenario corrupts or misuses secret memory through a raw pointer (spans are bounds-checked, so only
// unsafe code can do this) and is expected to kill the process: SIGSEGV for a guard page or a protected
// page, SIGABRT (fail fast) for a canary found corrupted on free.
namespace NoFuture.Memory.Probe;

internal static unsafe class DeathScenarios
{
    internal static int Overflow(int length)
    {
        var secret = Secret.Allocate(length, new SecretOptions { Tier = SecretTier.Guarded });
        byte* p = Fill(secret);
        Console.WriteLine("writing one byte past the end");
        Console.Out.Flush();
        p[length] = 0x41;
        Console.WriteLine("survived");
        return 0;
    }

    internal static int Underflow(int length)
    {
        var secret = Secret.Allocate(length, new SecretOptions { Tier = SecretTier.Guarded });
        byte* p = Fill(secret);
        Console.WriteLine("writing one byte before the start");
        Console.Out.Flush();
        p[-1] = (byte)~p[-1]; // always a change: a fixed value equals the random canary byte once in 256 runs
        Console.WriteLine("wrote; disposing");
        Console.Out.Flush();
        secret.Dispose();
        Console.WriteLine("survived");
        return 0;
    }

    /// <summary>
    /// The same one-byte overflow or underflow done by native code (libc memset), as a C caller of the library
    /// would: the .NET runtime does not turn a fault outside managed code into an exception, so the process dies
    /// by SIGSEGV itself.
    /// </summary>
    internal static int NativeWrite(int length, int offset)
    {
        var secret = Secret.Allocate(length, new SecretOptions { Tier = SecretTier.Guarded });
        byte* p = Fill(secret);
        var memset = (delegate* unmanaged<byte*, int, nuint, byte*>)Native.Export("memset");
        Console.WriteLine("native write");
        Console.Out.Flush();
        memset(p + offset, 0x41, 1);
        Console.WriteLine("survived");
        return 0;
    }

    internal static int ArenaOverflow()
    {
        var secret = Secret.Allocate(32);
        byte* p = Fill(secret);
        p[32] = (byte)~p[32]; // lands on the next slot's canary; the complement always changes it
        Console.WriteLine("wrote; disposing");
        Console.Out.Flush();
        secret.Dispose();
        Console.WriteLine("survived");
        return 0;
    }

    internal static int ArenaUnderflow()
    {
        var secret = Secret.Allocate(32);
        byte* p = Fill(secret);
        p[-1] = (byte)~p[-1]; // lands on this slot's leading canary; the complement always changes it
        Console.WriteLine("wrote; disposing");
        Console.Out.Flush();
        secret.Dispose();
        Console.WriteLine("survived");
        return 0;
    }

    internal static int FrozenWrite()
    {
        var secret = Secret.Allocate(64, new SecretOptions { Tier = SecretTier.Guarded });
        byte* p = Fill(secret);
        secret.Freeze();
        Console.WriteLine("writing to a frozen secret");
        Console.Out.Flush();
        p[0] = 0x41;
        Console.WriteLine("survived");
        return 0;
    }

    internal static int NoAccessRead()
    {
        var secret = Secret.Allocate(64, new SecretOptions { NoAccessAtRest = true });
        byte* p = Fill(secret);
        Console.WriteLine("reading a no-access secret without a lease");
        Console.Out.Flush();
        int sum = p[0];
        Console.WriteLine($"survived {sum}");
        return 0;
    }

    private static byte* Fill(Secret secret)
    {
        using (SecretWriteLease lease = secret.OpenWrite()) SecretBytes.Fill(lease.Span);
        return secret.DangerousData;
    }
}
