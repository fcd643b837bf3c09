// Scenarios the session tests run in a child process. Each prints machine-readable lines ("key=value").
using NoFuture.Sessions;
using NoFuture.Sessions.Probe;

return args switch
{
    ["store-writer", string directory, string hexKey] => StoreWriterScenario.Run(directory, hexKey, StoreDurability.PowerLoss),
    ["store-writer", string directory, string hexKey, string durability] =>
        StoreWriterScenario.Run(directory, hexKey, Enum.Parse<StoreDurability>(durability)),
    ["leakscan-sessions"] => SessionLeakScanScenario.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: probe store-writer <directory> <hex key> [PowerLoss|ProcessCrash] | leakscan-sessions");
    return 2;
}
