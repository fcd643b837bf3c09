// Scenarios the session tests run in a child process. Each prints machine-readable lines ("key=value").
using NoFuture.Sessions.Probe;

return args switch
{
    ["store-writer", string directory, string hexKey] => StoreWriterScenario.Run(directory, hexKey),
    ["leakscan-sessions"] => SessionLeakScanScenario.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: probe store-writer <directory> <hex key> | leakscan-sessions");
    return 2;
}
