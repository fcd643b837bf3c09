// After a warm-up (static constructors, the first lease tickets, JIT tiers), one-shot hashes, incremental hashing on a
// reused hasher, HKDF one-shots and KdfKey.Expand allocate nothing on the GC heap, on both SHA-2 paths. Measured with
// GC.GetAllocatedBytesForCurrentThread (this thread only, so parallel tests do not disturb it). A background tier-up can
// in rare cases allocate on this thread during the first measured rounds, so the loop is retried a few times and must
// reach exactly 0 once.
namespace NoFuture.Crypto.Tests.Hashing;

public class HashKdfZeroAllocationTests
{
    [Fact]
    public void OneShotAndIncrementalCalls_AllocateNothing_AfterWarmUp()
    {
        List<HashAlgorithm> hashes = HashKdfPaths.HashesBothPaths().ToList();
        List<KdfAlgorithm> kdfs = HashKdfPaths.KdfsBothPaths().ToList();
        List<IncrementalHasher> hashers = hashes.Select(h => h.CreateIncremental()).ToList();
        byte[] prk = new byte[64], info = new byte[40], data = new byte[300], digest = new byte[64], okm = new byte[100];
        new Random(1).NextBytes(prk);
        List<KdfKey> keys = kdfs.Select(k => k.ImportPrk(prk)).ToList();
        try
        {
            long allocated = -1;
            for (int attempt = 0; attempt < 10 && allocated != 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int round = 0; round < 50; round++)
                {
                    for (int i = 0; i < hashes.Count; i++)
                    {
                        HashAlgorithm hash = hashes[i];
                        Span<byte> d = digest.AsSpan(0, hash.HashSizeInBytes);
                        hash.Hash(data, d);
                        hash.TryHash(data, digest, out _);
                        hashers[i].Append(data.AsSpan(0, 7));
                        hashers[i].Append(data.AsSpan(7));
                        hashers[i].GetHashAndReset(d);
                        hashers[i].Append(data);
                        hashers[i].Reset();
                    }
                    for (int i = 0; i < kdfs.Count; i++)
                    {
                        kdfs[i].Expand(prk, okm, info);
                        kdfs[i].Extract(info, prk, digest.AsSpan(0, kdfs[i].HashSizeInBytes));
                        kdfs[i].DeriveKey(info, okm, prk, info.AsSpan(0, 3));
                        keys[i].Expand(info, okm);
                    }
                }
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Assert.Equal(0, allocated);
        }
        finally
        {
            hashers.ForEach(h => h.Dispose());
            keys.ForEach(k => k.Dispose());
        }
    }
}
