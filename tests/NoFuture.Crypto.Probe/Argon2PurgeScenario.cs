// SecureMemory.Purge against large scratch memory (Argon2's matrix). Run in a child process because Purge is
// process-wide. Prints:
//   scratchZeroed=1 scratchWasPurged=1 freshNotPurged=1  – a filled SecretScratch is zero after Purge and says so
//   argon2Outcome=<exception type> argon2OutputZero=1     – a derivation running during Purge fails and clears its output
//   argon2AfterPurgeMatches=1                             – derivations after the purge give the same tag as before it
using System.Diagnostics;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Crypto.Probe;

internal static class Argon2PurgeScenario
{
    internal static int Run()
    {
        byte[] salt = new byte[16], password = "purge probe password"u8.ToArray();
        var small = new Argon2Parameters(Argon2Type.Argon2id, memorySizeKib: 1024, iterations: 1, parallelism: 2);
        byte[] before = new byte[small.TagLength];
        Argon2.DeriveKey(password, salt, small, before);

        using (SecretScratch scratch = SecretScratch.Allocate(3 << 20))
        {
            Span<byte> span = scratch.GetSpan(0, (int)scratch.Length);
            span.Fill(0xA5);
            SecureMemory.Purge();
            Console.WriteLine($"scratchZeroed={(span.ContainsAnyExcept((byte)0) ? 0 : 1)}");
            Console.WriteLine($"scratchWasPurged={(scratch.WasPurged ? 1 : 0)}");
        }
        using (SecretScratch fresh = SecretScratch.Allocate(4096)) Console.WriteLine($"freshNotPurged={(fresh.WasPurged ? 0 : 1)}");

        // A derivation of a second or more; purges every 100 ms until it ends, so at least one lands while its matrix is live.
        var slow = new Argon2Parameters(Argon2Type.Argon2id, memorySizeKib: 64 * 1024, iterations: 40, parallelism: 2);
        byte[] output = new byte[slow.TagLength];
        output.AsSpan().Fill(0xFF);
        string outcome = "none";
        var worker = new Thread(() =>
        {
            try { Argon2.DeriveKey(password, salt, slow, output); outcome = "completed"; }
            catch (Exception e) { outcome = e.GetType().Name; }
        });
        worker.Start();
        var watch = Stopwatch.StartNew();
        while (worker.IsAlive && watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            Thread.Sleep(100);
            SecureMemory.Purge();
        }
        Console.WriteLine($"argon2Outcome={outcome}");
        Console.WriteLine($"argon2OutputZero={(output.AsSpan().ContainsAnyExcept((byte)0) ? 0 : 1)}");

        byte[] after = new byte[small.TagLength];
        Argon2.DeriveKey(password, salt, small, after);
        Console.WriteLine($"argon2AfterPurgeMatches={(after.AsSpan().SequenceEqual(before) ? 1 : 0)}");
        return 0;
    }
}
