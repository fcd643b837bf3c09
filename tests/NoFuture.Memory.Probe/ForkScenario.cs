// Forks while holding secrets and lets the child report whether it sees zeros where the secrets are.
// The child runs only already-compiled code and raw function pointers, then _exit()s. Run it with
// DOTNET_EnableWriteXorExecute=0: with W^X the runtime's code heap is a shared (memfd) mapping, so anything
// the child's runtime touches there would also change the parent's.
namespace NoFuture.Memory.Probe;

internal static unsafe class ForkScenario
{
    internal static int Run()
    {
        using var pooled = Secret.Allocate(32);
        using var guarded = Secret.Allocate(8192);
        pooled.Write(0, static (s, _) => s.Fill(0xA5));
        guarded.Write(0, static (s, _) => s.Fill(0xA5));
        Console.WriteLine($"pooledProtection={pooled.Protection}");
        Console.WriteLine($"guardedProtection={guarded.Protection}");
        Console.WriteLine($"pooledChild={ChildSees(pooled.DangerousData, 32)}");
        Console.WriteLine($"guardedChild={ChildSees(guarded.DangerousData, 8192)}");
        bool parentIntact = pooled.Read(0, static (s, _) => s.IndexOfAnyExcept((byte)0xA5) < 0)
                            && guarded.Read(0, static (s, _) => s.IndexOfAnyExcept((byte)0xA5) < 0);
        Console.WriteLine($"parentIntact={parentIntact}");
        return 0;
    }

    /// <summary>"zeros", "secret" or "other", as seen by a forked child.</summary>
    /// <remarks>Fully optimised up front: tier-0 code would call into the JIT (on-stack replacement) inside the
    /// child's loop, and the runtime cannot work in a forked child.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static string ChildSees(byte* data, int length)
    {
        var fork = (delegate* unmanaged<int>)Native.Export("fork");
        var exit = (delegate* unmanaged<int, void>)Native.Export("_exit");
        var waitpid = (delegate* unmanaged<int, int*, int, int>)Native.Export("waitpid");
        int pid = fork();
        if (pid == 0)
        {
            int or = 0, and = 0xFF;
            for (int i = 0; i < length; i++)
            {
                or |= data[i];
                and &= data[i];
            }
            exit(or == 0 ? 10 : and == 0xA5 && or == 0xA5 ? 11 : 12);
        }
        int status;
        waitpid(pid, &status, 0);
        int code = (status >> 8) & 0xFF;
        return code switch { 10 => "zeros", 11 => "secret", _ => $"other({status})" };
    }
}
