// Scenarios the Crypto tests run in a child process. Each prints machine-readable lines ("key=value").
using NoFuture.Crypto.Probe;

return args.Length > 0 ? args[0] switch
{
    "leakscan" => LeakScanScenario.Run(),
    "leakscan-hpke" => HpkeLeakScanScenario.Run(),
    "leakscan-mldsa" => MlDsaLeakScanScenario.Run(),
    "argon2-purge" => Argon2PurgeScenario.Run(),
    "hpke-public-inputs" => HpkePublicInputScenario.Run(),
    "aead-purge" => AeadPurgeScenario.Run(),
    _ => Usage(),
} : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: probe leakscan | leakscan-hpke | leakscan-mldsa | argon2-purge | hpke-public-inputs | aead-purge");
    return 2;
}
