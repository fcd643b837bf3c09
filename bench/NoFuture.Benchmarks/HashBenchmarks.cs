// HashAlgorithm.Sha256 (OpenSSL's low-level SHA-256 on our own stack context, where libcrypto.so.3 is present) against
// the BCL's SHA256.HashData, for a 32-byte and a 1 KiB input; plus our incremental hasher (state in a Secret).
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using HashAlgorithm = NoFuture.Crypto.HashAlgorithm;
using IncrementalHasher = NoFuture.Crypto.IncrementalHasher;

namespace NoFuture.Benchmarks;

/// <summary>SHA-256 of 32 B and 1 KiB: ours (one-shot and incremental) against SHA256.HashData.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class HashBenchmarks : IDisposable
{
    private readonly byte[] _data = RandomNumberGenerator.GetBytes(1024);
    private readonly byte[] _digest = new byte[32];
    private readonly IncrementalHasher _hasher = HashAlgorithm.Sha256.CreateIncremental();

    [Params(32, 1024)]
    public int Length { get; set; }

    /// <summary>The peer: the BCL's one-shot.</summary>
    [Benchmark(Baseline = true)]
    public void BclSha256() => SHA256.HashData(_data.AsSpan(0, Length), _digest);

    /// <summary>Ours: HashAlgorithm.Sha256.Hash.</summary>
    [Benchmark]
    public void Sha256() => HashAlgorithm.Sha256.Hash(_data.AsSpan(0, Length), _digest);

    /// <summary>Ours: a reused IncrementalHasher, one Append and GetHashAndReset.</summary>
    [Benchmark]
    public void Sha256Incremental()
    {
        _hasher.Append(_data.AsSpan(0, Length));
        _hasher.GetHashAndReset(_digest);
    }

    public void Dispose()
    {
        _hasher.Dispose();
        GC.SuppressFinalize(this);
    }
}
