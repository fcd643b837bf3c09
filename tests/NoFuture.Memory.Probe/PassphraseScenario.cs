// Reads a passphrase from the controlling terminal and reports its length and SHA-256 (computed from the
// lease), so the test can check what was read without the probe printing the passphrase.
using System.Security.Cryptography;

namespace NoFuture.Memory.Probe;

internal static class PassphraseScenario
{
    internal static int Run()
    {
        using Secret passphrase = Secret.ReadPassphrase("Passphrase: ");
        using SecretReadLease lease = passphrase.OpenRead();
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(lease.Span, hash);
        Console.WriteLine($"length={passphrase.Length} sha256={Convert.ToHexStringLower(hash)}");
        Console.WriteLine($"tier={passphrase.Tier}");
        return 0;
    }
}
