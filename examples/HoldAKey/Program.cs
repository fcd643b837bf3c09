// Holding a key with NoFuture.Memory, end to end: check what the OS grants, purge on Ctrl-C, keep the key in
// locked memory, seal it while idle, and compare in constant time. Run: dotnet run --project examples/HoldAKey
using NoFuture.Memory;

MemoryCapabilities caps = SecureMemory.Capabilities;
Console.WriteLine($"strict policy can hold here: {caps.StrictPolicyCanHold}");
if (!caps.StrictPolicyCanHold) SecureMemory.Policy = ProtectionPolicy.BestEffort; // degrade, but say so
SecureMemory.ProtectionDegraded += (_, e) => Console.Error.WriteLine($"warning: {e}");

using IDisposable interrupt = SecureMemory.CatchInterrupt(signal => Console.Error.WriteLine($"{signal}: secrets wiped"));

// 1. A key, generated straight into locked, guard-paged memory.
using Secret key = Secret.CreateRandom(32);
Console.WriteLine($"key protection: {key.Protection}");

// 2. Use it through a lease: a span over secret memory, never a byte[]. Only the (public) MAC leaves it.
Span<byte> mac = stackalloc byte[32];
using (SecretReadLease lease = key.OpenRead())
{
    System.Security.Cryptography.HMACSHA256.HashData(lease.Span, "message"u8, mac);
}
Console.WriteLine($"HMAC-SHA256(key, \"message\") = {Convert.ToHexStringLower(mac)}");

// 3. Idle for a while? Seal a copy: encrypted at rest under a key kept split in memfd_secret memory.
Enclave sealedKey = Enclave.Seal(key.Clone());
using Secret reopened = sealedKey.Open();
Console.WriteLine($"round trip equal (constant time): {reopened.FixedTimeEquals(key)}");
