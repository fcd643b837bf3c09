// ML-KEM-768 on each implementation path (Vector256, Vector128, scalar), for issue 3's "scalar path: faster than
// libsodium"; the peers are in MlKemBenchmarks (same run when both classes are selected with --filter '*MlKem*').
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Crypto.Fips203;
using NoFuture.Crypto.Fips203.Simd;

namespace NoFuture.Benchmarks;

/// <summary>ML-KEM-768 keygen, encaps, decaps per path, fixed random inputs.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class MlKemPathBenchmarks
{
    private static readonly MlKemParameters P = MlKemParameters.MlKem768;
    private readonly byte[] _d = new byte[32], _z = new byte[32], _m = new byte[32], _k = new byte[32];
    private readonly byte[] _ek = new byte[1184], _dk = new byte[2400], _c = new byte[1088];
    private MlKemPath _path;

    /// <summary>The path, by name (MlKemPath is internal).</summary>
    [Params("Vector256", "Vector128", "Scalar")]
    public string Path { get; set; } = "Vector256";

    /// <summary>Fixed random inputs and a key pair and ciphertext for them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = Enum.Parse<MlKemPath>(Path);
        RandomNumberGenerator.Fill(_d);
        RandomNumberGenerator.Fill(_z);
        RandomNumberGenerator.Fill(_m);
        MlKemCore.KeyGenInternal(P, _path, _d, _z, _ek, _dk);
        MlKemCore.EncapsInternal(P, _path, _ek, _m, _k, _c);
    }

    /// <summary>Algorithm 16.</summary>
    [Benchmark]
    public void KeyGen() => MlKemCore.KeyGenInternal(P, _path, _d, _z, _ek, _dk);

    /// <summary>Algorithm 17.</summary>
    [Benchmark]
    public void Encaps() => MlKemCore.EncapsInternal(P, _path, _ek, _m, _k, _c);

    /// <summary>Algorithm 18.</summary>
    [Benchmark]
    public void Decaps() => MlKemCore.DecapsInternal(P, _path, _dk, _c, _k);
}
