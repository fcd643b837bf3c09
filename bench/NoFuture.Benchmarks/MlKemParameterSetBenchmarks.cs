// Ours only, for the three parameter sets (libsodium has ML-KEM-768 only; see MlKemBenchmarks for the peers).
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Crypto.MlKem;

namespace NoFuture.Benchmarks;

/// <summary>ML-KEM-512/768/1024 keygen, encaps, decaps through the internal core with fixed random inputs.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class MlKemParameterSetBenchmarks
{
    private MlKemParameters _p = MlKemParameters.MlKem768;
    private readonly byte[] _d = new byte[32], _z = new byte[32], _m = new byte[32], _k = new byte[32];
    private byte[] _ek = [], _dk = [], _c = [];

    /// <summary>The parameter set.</summary>
    [Params("ML-KEM-512", "ML-KEM-768", "ML-KEM-1024")]
    public string ParameterSet { get; set; } = "ML-KEM-768";

    /// <summary>Fixed random inputs and a key pair and ciphertext for them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _p = ParameterSet switch
        {
            "ML-KEM-512" => MlKemParameters.MlKem512,
            "ML-KEM-1024" => MlKemParameters.MlKem1024,
            _ => MlKemParameters.MlKem768,
        };
        RandomNumberGenerator.Fill(_d);
        RandomNumberGenerator.Fill(_z);
        RandomNumberGenerator.Fill(_m);
        _ek = new byte[_p.EncapsulationKeySizeInBytes];
        _dk = new byte[_p.DecapsulationKeySizeInBytes];
        _c = new byte[_p.CiphertextSizeInBytes];
        MlKemCore.KeyGenInternal(_p, _d, _z, _ek, _dk);
        MlKemCore.EncapsInternal(_p, _ek, _m, _k, _c);
    }

    /// <summary>Algorithm 16.</summary>
    [Benchmark]
    public void KeyGen() => MlKemCore.KeyGenInternal(_p, _d, _z, _ek, _dk);

    /// <summary>Algorithm 17.</summary>
    [Benchmark]
    public void Encaps() => MlKemCore.EncapsInternal(_p, _ek, _m, _k, _c);

    /// <summary>Algorithm 18.</summary>
    [Benchmark]
    public void Decaps() => MlKemCore.DecapsInternal(_p, _dk, _c, _k);
}
