// LockAllMemory and HardenProcess, observed through the kernel's own reports.
using System.Globalization;

namespace NoFuture.Memory.Probe;

internal static unsafe class HardeningScenario
{
    internal static int LockAll()
    {
        try
        {
            SecureMemory.LockAllMemory();
            Console.WriteLine("lockAll=ok");
        }
        catch (ProtectionRefusedException e)
        {
            Console.WriteLine($"lockAll=refused protection={e.Protection} errno={e.ErrorCode}");
        }
        // With MCL_FUTURE, a new mapping is locked as it is touched (MCL_ONFAULT).
        byte[] touched = new byte[1 << 20];
        Random.Shared.NextBytes(touched);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vmLckKiB={CapacityScenario.ReadVmLck()}"));
        return 0;
    }

    internal static int Harden()
    {
        SecureMemory.HardenProcess();
        var prctl = (delegate* unmanaged<int, nuint, nuint, nuint, nuint, int>)Native.Export("prctl");
        Console.WriteLine($"dumpable={prctl(3 /* PR_GET_DUMPABLE */, 0, 0, 0, 0)}");
        string core = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max core file size", StringComparison.Ordinal));
        Console.WriteLine($"coreLimit={core.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4]}");
        return 0;
    }
}
