// Goal: a guarded secret (its own mapping, guard pages, canary, locked, dont-dump) no slower than sodium_malloc,
// which builds the same shape. Both sides do their system calls on every operation.
using BenchmarkDotNet.Attributes;
using NoFuture.Benchmarks.Interop;
using NoFuture.Memory;

namespace NoFuture.Benchmarks;

/// <summary><c>Secret.Allocate(n, Guarded)</c> + Dispose against <c>sodium_malloc(n)</c> + <c>sodium_free</c>.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class GuardedAllocBenchmarks
{
    private static readonly SecretOptions Guarded = new() { Tier = SecretTier.Guarded };

    /// <summary>Secret size in bytes.</summary>
    [Params(32, 4096)]
    public int Length { get; set; }

    /// <summary>Initialises libsodium.</summary>
    [GlobalSetup]
    public void Setup() => Sodium.Initialize();

    /// <summary>The peer: libsodium's guarded allocator.</summary>
    [Benchmark(Baseline = true)]
    public unsafe void SodiumMallocFree()
    {
        void* p = Sodium.Malloc((nuint)Length);
        Sodium.sodium_free(p);
    }

    /// <summary>Ours: the guarded tier.</summary>
    [Benchmark]
    public void SecretAllocateGuardedDispose()
    {
        Secret secret = Secret.Allocate(Length, Guarded);
        secret.Dispose();
    }
}
