// Scenarios the Memory tests run in a child process. Each prints machine-readable lines ("key=value").
using NoFuture.Memory.Probe;

return args.Length == 0 ? Usage() : args[0] switch
{
    "overflow" => DeathScenarios.Overflow(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    "underflow" => DeathScenarios.Underflow(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    "native-overflow" => DeathScenarios.NativeWrite(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    "native-underflow" => DeathScenarios.NativeWrite(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), -1),
    "arena-overflow" => DeathScenarios.ArenaOverflow(),
    "arena-underflow" => DeathScenarios.ArenaUnderflow(),
    "frozen-write" => DeathScenarios.FrozenWrite(),
    "noaccess-read" => DeathScenarios.NoAccessRead(),
    "capacity" => CapacityScenario.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]),
    "leakscan" => LeakScanScenario.Run(),
    "sigterm" => SignalScenario.Run(args[1]),
    "fork" => ForkScenario.Run(),
    "passphrase" => PassphraseScenario.Run(),
    "lockall" => HardeningScenario.LockAll(),
    "concurrency" => ConcurrencyScenario.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    "harden" => HardeningScenario.Harden(),
    "lease-copies" => LeaseCopyScenario.Run(),
    "purge-race" => PurgeScenarios.Race(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), owned: args.Length > 2 && args[2] == "owned"),
    "purge-under-lease" => PurgeScenarios.WriteAfterWipe(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: probe <scenario> [args]");
    return 2;
}
