// Ed448 (RFC 8032 §5.2): ours against BouncyCastle.Cryptography 2.7.0's Ed448 in the same run. Goal: faster than
// BouncyCastle, and within 2× of OpenSSL 3.0's `openssl speed ed448` on the same machine (recorded in RESULTS.md).
// Both sign the same 64-byte message with the same seed and an empty context; BouncyCastle's rows go through its
// low-level Org.BouncyCastle.Math.EC.Rfc8032.Ed448 (the code under Ed448Signer, without the signer's buffering).
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Crypto;
using NoFuture.Crypto.Curves;
using BcEd448 = Org.BouncyCastle.Math.EC.Rfc8032.Ed448;

namespace NoFuture.Benchmarks;

/// <summary>Ed448 sign and verify: ours against BouncyCastle.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Ed448Benchmarks
{
    private readonly byte[] _seed = new byte[57], _message = new byte[64], _pk = new byte[57];
    private readonly byte[] _signature = new byte[114], _bcSignature = new byte[114];
    private SigningKey _key = null!;

    /// <summary>One key, message and signature, checked to agree between the two implementations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        RandomNumberGenerator.Fill(_seed);
        RandomNumberGenerator.Fill(_message);
        _key = SignatureAlgorithm.Ed448.ImportPrivateKey(_seed);
        _key.ExportPublicKey(_pk);
        _key.Sign(_message, _signature);
        byte[] bcPk = new byte[57];
        BcEd448.GeneratePublicKey(_seed, 0, bcPk, 0);
        BcEd448.Sign(_seed, 0, [], _message, 0, _message.Length, _bcSignature, 0);
        if (!bcPk.AsSpan().SequenceEqual(_pk) || !_bcSignature.AsSpan().SequenceEqual(_signature))
            throw new InvalidOperationException("BouncyCastle and NoFuture disagree on the benchmark inputs.");
    }

    /// <summary>Frees the key.</summary>
    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    /// <summary>Ours: sign 64 bytes (expanded key kept in secret memory).</summary>
    [Benchmark]
    [BenchmarkCategory("Sign")]
    public void OursSign() => _key.Sign(_message, _signature);

    /// <summary>BouncyCastle: sign 64 bytes from the seed (it re-derives the key on every call, as its API requires).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Sign")]
    public void BouncyCastleSign() => BcEd448.Sign(_seed, 0, [], _message, 0, _message.Length, _bcSignature, 0);

    /// <summary>BouncyCastle: sign with the public key passed in (no public-key re-derivation), its fastest path.</summary>
    [Benchmark]
    [BenchmarkCategory("Sign")]
    public void BouncyCastleSignWithPublicKey() =>
        BcEd448.Sign(_seed, 0, _pk, 0, [], _message, 0, _message.Length, _bcSignature, 0);

    /// <summary>Ours: verify.</summary>
    [Benchmark]
    [BenchmarkCategory("Verify")]
    public bool OursVerify() => SignatureAlgorithm.Ed448.Verify(_pk, _message, _signature);

    /// <summary>BouncyCastle: verify.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Verify")]
    public bool BouncyCastleVerify() => BcEd448.Verify(_bcSignature, 0, _pk, 0, [], _message, 0, _message.Length);
}
