// Scenarios the Crypto tests run in a child process. Each prints machine-readable lines ("key=value").
using NoFuture.Crypto.Probe;

return args.Length > 0 && args[0] == "leakscan" ? LeakScanScenario.Run()
    : args.Length > 0 && args[0] == "leakscan-hpke" ? HpkeLeakScanScenario.Run()
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: probe leakscan | leakscan-hpke");
    return 2;
}
