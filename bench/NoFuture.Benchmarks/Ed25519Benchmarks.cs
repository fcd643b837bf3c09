// Ed25519 (RFC 8032 §5.1) sign and verify of a 1 KiB message through SignatureAlgorithm / SigningKey /
// SignaturePublicKey, against libsodium's crypto_sign_ed25519_detached / _verify_detached called directly in the same
// run (the peer's secret key in a pinned array, no secret memory). Both use the same libsodium, so the ratio is the
// cost of our layer: argument checks, a virtual call, and the read lease on the key's Secret per signature.
// Goal: within 5% (bench/RESULTS.md), and no allocation on our span paths.
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Benchmarks.Interop;
using NoFuture.Crypto;

namespace NoFuture.Benchmarks;

/// <summary>Ed25519 sign and verify, 1 KiB: ours against libsodium called directly.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class Ed25519Benchmarks
{
    private readonly byte[] _message = new byte[1024], _signature = new byte[64], _sodiumSignature = new byte[64];
    private readonly byte[] _sk = GC.AllocateArray<byte>(64, pinned: true), _pk = GC.AllocateArray<byte>(32, pinned: true);
    private SigningKey _key = null!;
    private SignaturePublicKey _publicKey = null!;

    /// <summary>One seed for both sides; the two signatures must be identical (Ed25519 is deterministic).</summary>
    [GlobalSetup]
    public void Setup()
    {
        Sodium.Initialize();
        byte[] seed = RandomNumberGenerator.GetBytes(32);
        RandomNumberGenerator.Fill(_message);
        _key = SignatureAlgorithm.Ed25519.ImportPrivateKey(seed);
        _publicKey = SignatureAlgorithm.Ed25519.ImportPublicKey(_key.PublicKey);
        fixed (byte* s = seed)
        fixed (byte* sk = _sk)
        fixed (byte* pk = _pk)
        {
            if (Sodium.crypto_sign_ed25519_seed_keypair(pk, sk, s) != 0) throw new InvalidOperationException("keypair");
        }
        CryptographicOperations.ZeroMemory(seed);
        OursSign();
        SodiumSign();
        if (!_signature.AsSpan().SequenceEqual(_sodiumSignature) || !_key.PublicKey.SequenceEqual(_pk) || !OursVerify() || !SodiumVerify())
            throw new InvalidOperationException("Ed25519: ours and libsodium disagree");
    }

    /// <summary>Wipes the key.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        CryptographicOperations.ZeroMemory(_sk);
    }

    /// <summary>SigningKey.Sign into a span.</summary>
    [Benchmark]
    [BenchmarkCategory("Sign")]
    public int OursSign() => _key.Sign(_message, _signature);

    /// <summary>crypto_sign_ed25519_detached, directly.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Sign")]
    public int SodiumSign()
    {
        fixed (byte* sig = _sodiumSignature)
        fixed (byte* m = _message)
        fixed (byte* sk = _sk)
        {
            return Sodium.crypto_sign_ed25519_detached(sig, null, m, (ulong)_message.Length, sk);
        }
    }

    /// <summary>SignaturePublicKey.Verify (a key imported once).</summary>
    [Benchmark]
    [BenchmarkCategory("Verify")]
    public bool OursVerify() => _publicKey.Verify(_message, _signature);

    /// <summary>SignatureAlgorithm.Verify, the one-shot form.</summary>
    [Benchmark]
    [BenchmarkCategory("Verify")]
    public bool OursVerifyOneShot() => SignatureAlgorithm.Ed25519.Verify(_pk, _message, _signature);

    /// <summary>crypto_sign_ed25519_verify_detached, directly.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Verify")]
    public bool SodiumVerify()
    {
        fixed (byte* sig = _sodiumSignature)
        fixed (byte* m = _message)
        fixed (byte* pk = _pk)
        {
            return Sodium.crypto_sign_ed25519_verify_detached(sig, m, (ulong)_message.Length, pk) == 0;
        }
    }
}
