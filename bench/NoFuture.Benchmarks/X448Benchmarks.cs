// X448 (RFC 7748): our managed constant-time ladder and fixed-base public-key path (Curve448/X448Ladder.cs over Field448) against BouncyCastle 2.7.0's
// Org.BouncyCastle.Math.EC.Rfc7748.X448 in the same run. Goal: faster than BouncyCastle, and within 2x of OpenSSL
// 3.0's X448 derive (`openssl speed ecdhx448`, quoted in RESULTS.md from the same session).
// Both sides take the same 56-byte scalar and peer u-coordinate and write 56 bytes; neither allocates per call.
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Crypto;
using NoFuture.Crypto.Curves;
using Bc = Org.BouncyCastle.Math.EC.Rfc7748;

namespace NoFuture.Benchmarks;

/// <summary>X448: ours against BouncyCastle in the same run.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class X448Benchmarks
{
    private readonly byte[] _k = new byte[56], _u = new byte[56], _out = new byte[56];

    /// <summary>A random scalar and a real public key as the peer point; both libraries must agree on it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        byte[] peer = new byte[56];
        RandomNumberGenerator.Fill(peer);
        RandomNumberGenerator.Fill(_k);
        X448.DerivePublicKey(peer, _u);
        byte[] ours = new byte[56], theirs = new byte[56];
        X448.Agree(_k, _u, ours);
        Bc.X448.ScalarMult(_k, 0, _u, 0, theirs, 0);
        if (!ours.AsSpan().SequenceEqual(theirs)) throw new InvalidOperationException("BouncyCastle and NoFuture disagree.");
    }

    /// <summary>Ours: X448(k, u), the shared-secret computation (with the all-zero check).</summary>
    [Benchmark]
    [BenchmarkCategory("Agree")]
    public bool OursAgree() => X448.Agree(_k, _u, _out);

    /// <summary>BouncyCastle: X448(k, u).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Agree")]
    public void BouncyCastleScalarMult() => Bc.X448.ScalarMult(_k, 0, _u, 0, _out, 0);

    /// <summary>Ours: the public key X448(k, 5) (edwards448's fixed-base comb, then the RFC 7748 §4.2 4-isogeny).</summary>
    [Benchmark]
    [BenchmarkCategory("PublicKey")]
    public void OursDerivePublicKey() => X448.DerivePublicKey(_k, _out);

    /// <summary>BouncyCastle: the public key (it uses an Ed448 fixed-base comb, then maps to Montgomery form).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("PublicKey")]
    public void BouncyCastleScalarMultBase() => Bc.X448.ScalarMultBase(_k, 0, _out, 0);
}
