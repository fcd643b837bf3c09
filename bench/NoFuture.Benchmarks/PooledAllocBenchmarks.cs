// Goal: a pooled 32-byte secret (create the Secret object, rent a slot, dispose = scrub + return) in ≤ 150 ns
// median and ≥ 500× faster than libsodium's sodium_malloc + sodium_free, which pay mmap/mprotect/mlock/munmap
// on every call. The whole public round trip is measured; nothing is hoisted out of the loop.
using BenchmarkDotNet.Attributes;
using NoFuture.Benchmarks.Interop;
using NoFuture.Memory;

namespace NoFuture.Benchmarks;

/// <summary><c>Secret.Allocate(32)</c> + Dispose (pooled tier) against <c>sodium_malloc(32)</c> + <c>sodium_free</c>.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class PooledAllocBenchmarks
{
    private const int Length = 32;

    /// <summary>Initialises libsodium and warms the arena so the first slab mapping is not measured.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Sodium.Initialize();
        Secret.Allocate(Length).Dispose();
    }

    /// <summary>The peer: libsodium's guarded allocator.</summary>
    [Benchmark(Baseline = true)]
    public unsafe void SodiumMallocFree()
    {
        void* p = Sodium.Malloc(Length);
        Sodium.sodium_free(p);
    }

    /// <summary>Ours: the default tier for 32 bytes is the pooled arena.</summary>
    [Benchmark]
    public void SecretAllocateDispose()
    {
        Secret secret = Secret.Allocate(Length);
        secret.Dispose();
    }
}
