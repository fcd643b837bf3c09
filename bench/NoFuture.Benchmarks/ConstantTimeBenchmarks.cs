// Goal: ConstantTime.AreEqual on 32 equal bytes in ≤ 30 ns. Equal inputs are the slow case for any early-exit
// compare, and the only case for a constant-time one.
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Memory;

namespace NoFuture.Benchmarks;

/// <summary><c>ConstantTime.AreEqual</c> against <c>CryptographicOperations.FixedTimeEquals</c> on 32 equal bytes.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class ConstantTimeBenchmarks
{
    private byte[] _left = [];
    private byte[] _right = [];

    /// <summary>Two distinct arrays with the same 32 random bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _left = RandomNumberGenerator.GetBytes(32);
        _right = (byte[])_left.Clone();
    }

    /// <summary>The peer: the BCL's constant-time compare.</summary>
    [Benchmark(Baseline = true)]
    public bool FixedTimeEquals() => CryptographicOperations.FixedTimeEquals(_left, _right);

    /// <summary>Ours.</summary>
    [Benchmark]
    public bool AreEqual() => ConstantTime.AreEqual(_left, _right);
}
