// Goal: HKDF-Expand of 32 bytes through the public API in ≤ 0.4 µs (MLS derives dozens of secrets per epoch with
// ExpandWithLabel). The peer is the BCL's HKDF.Expand one-shot, which keys a fresh OpenSSL context per call. Ours in
// two forms: the one-shot KdfAlgorithm.Expand (the goal) and the keyed KdfKey.Expand (the PRK's HMAC states computed
// once, as a protocol expanding one PRK many times would).
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Crypto;

namespace NoFuture.Benchmarks;

/// <summary>HKDF-SHA256 Expand (32 bytes out, a 32-byte PRK, a short info) and Extract: ours against the BCL's.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class HkdfBenchmarks : IDisposable
{
    private readonly byte[] _prk = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _ikm = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _salt = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _info = RandomNumberGenerator.GetBytes(24);
    private readonly byte[] _output = new byte[32];
    private readonly KdfKey _key;

    public HkdfBenchmarks() => _key = KdfAlgorithm.HkdfSha256.ImportPrk(_prk);

    /// <summary>The peer: the BCL's HKDF.Expand.</summary>
    [Benchmark(Baseline = true)]
    public void BclExpand32() => HKDF.Expand(HashAlgorithmName.SHA256, _prk, _output, _info);

    /// <summary>Ours, one-shot: KdfAlgorithm.HkdfSha256.Expand.</summary>
    [Benchmark]
    public void Expand32() => KdfAlgorithm.HkdfSha256.Expand(_prk, _output, _info);

    /// <summary>Ours, keyed: KdfKey.Expand (HMAC states precomputed by ImportPrk).</summary>
    [Benchmark]
    public void KeyedExpand32() => _key.Expand(_info, _output);

    /// <summary>The peer: the BCL's HKDF.Extract.</summary>
    [Benchmark]
    public void BclExtract() => HKDF.Extract(HashAlgorithmName.SHA256, _ikm, _salt, _output);

    /// <summary>Ours: KdfAlgorithm.HkdfSha256.Extract.</summary>
    [Benchmark]
    public void Extract() => KdfAlgorithm.HkdfSha256.Extract(_ikm, _salt, _output);

    public void Dispose()
    {
        _key.Dispose();
        GC.SuppressFinalize(this);
    }
}
