// Scenarios the MLS tests run in a child process. Each prints machine-readable lines ("key=value").
using NoFuture.Mls.Probe;

return args is ["leakscan-mls", ..] ? MlsLeakScanScenario.Run() : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: probe leakscan-mls");
    return 2;
}
