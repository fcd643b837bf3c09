// Goal (bench/RESULTS.md): ML-KEM-768 keygen / encaps / decaps on the Vector256 path each >= 2.5x faster than
// libsodium 1.0.22's crypto_kem_mlkem768_* and >= 3x faster than BouncyCastle.Cryptography 2.7.0's ML-KEM, all
// in this one process and run; zero managed allocation per operation.
//
// Ours runs (on the best path here, MlKemPaths.Best; MlKemPathBenchmarks has each path) through the internal derandomized core (FIPS 203 Algorithms 16-18) with fixed random inputs: the
// public key type adds the OS CSPRNG (64 or 32 bytes), which libsodium's keypair/enc and BouncyCastle's generator
// and encapsulator also pay, so their rows include drawing randomness and ours do not. The libsodium rows with
// "Seeded"/"Deterministic" in the name take the same fixed inputs as ours and are the like-for-like comparison.
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Benchmarks.Interop;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace NoFuture.Benchmarks;

/// <summary>ML-KEM-768: ours against libsodium and BouncyCastle in the same run.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public unsafe class MlKemBenchmarks
{
    private static readonly MlKemParameters P = MlKemParameters.MlKem768;

    private readonly byte[] _d = new byte[32], _z = new byte[32], _m = new byte[32], _seed = new byte[64];
    private readonly byte[] _hEk = new byte[32];
    private readonly byte[] _ek = new byte[1184], _dk = new byte[2400], _c = new byte[1088], _k = new byte[32];
    private readonly byte[] _sodiumPk = new byte[SodiumMlKem.PublicKeyBytes], _sodiumSk = new byte[SodiumMlKem.SecretKeyBytes];
    private readonly byte[] _sodiumCt = new byte[SodiumMlKem.CiphertextBytes], _sodiumSs = new byte[SodiumMlKem.SharedSecretBytes];
    private readonly byte[] _bcCt = new byte[1088], _bcSs = new byte[32];
    private MLKemKeyPairGenerator? _bcGenerator;
    private MLKemEncapsulator? _bcEncapsulator;
    private MLKemDecapsulator? _bcDecapsulator;

    /// <summary>Fixed random inputs; a key pair and a ciphertext for each implementation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Sodium.Initialize();
        RandomNumberGenerator.Fill(_d);
        RandomNumberGenerator.Fill(_z);
        RandomNumberGenerator.Fill(_m);
        _d.CopyTo(_seed, 0);
        _z.CopyTo(_seed, 32);
        MlKemCore.KeyGenInternal(P, _d, _z, _ek, _dk);
        MlKemCore.EncapsInternal(P, _ek, _m, _k, _c);
        _dk.AsSpan(1152 + 1184, 32).CopyTo(_hEk); // H(ek), as the MlKemKey key object keeps it

        fixed (byte* pk = _sodiumPk, sk = _sodiumSk, ct = _sodiumCt, ss = _sodiumSs, seed = _seed, m = _m)
        {
            // SAFETY: every buffer is pinned and has the size the header declares.
            Check(SodiumMlKem.crypto_kem_mlkem768_seed_keypair(pk, sk, seed));
            Check(SodiumMlKem.crypto_kem_mlkem768_enc_deterministic(ct, ss, pk, m));
        }
        if (!_sodiumPk.AsSpan().SequenceEqual(_ek) || !_sodiumCt.AsSpan().SequenceEqual(_c))
            throw new InvalidOperationException("libsodium and NoFuture disagree on the benchmark inputs.");

        var random = new SecureRandom();
        _bcGenerator = new MLKemKeyPairGenerator();
        _bcGenerator.Init(new MLKemKeyGenerationParameters(random, MLKemParameters.ml_kem_768));
        AsymmetricCipherKeyPair pair = _bcGenerator.GenerateKeyPair();
        _bcEncapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        _bcEncapsulator.Init(new ParametersWithRandom(pair.Public, random));
        _bcDecapsulator = new MLKemDecapsulator(MLKemParameters.ml_kem_768);
        _bcDecapsulator.Init(pair.Private);
        _bcEncapsulator.Encapsulate(_bcCt, 0, _bcCt.Length, _bcSs, 0, _bcSs.Length);
    }

    private static void Check(int status)
    {
        if (status != 0) throw new InvalidOperationException($"libsodium returned {status}.");
    }

    /// <summary>Ours: FIPS 203 Algorithm 16 from fixed d, z.</summary>
    [Benchmark]
    [BenchmarkCategory("KeyGen")]
    public void OursKeyGen() => MlKemCore.KeyGenInternal(P, _d, _z, _ek, _dk);

    /// <summary>Ours: Algorithm 17 from a fixed m.</summary>
    [Benchmark]
    [BenchmarkCategory("Encaps")]
    public void OursEncaps() => MlKemCore.EncapsInternal(P, _ek, _m, _k, _c);

    /// <summary>Ours with H(ek) cached. (The public MlKemKey key object now keeps the whole public expansion, t-hat, A-hat^T
    /// and H(ek), so its encapsulation is cheaper still; XWingBenchmarks has a row of that kind.)</summary>
    [Benchmark]
    [BenchmarkCategory("Encaps")]
    public void OursEncapsCachedHashEk() => MlKemCore.EncapsInternal(P, MlKemPaths.Best, _ek, _hEk, _m, _k, _c);

    /// <summary>Ours: Algorithm 18 of a valid ciphertext.</summary>
    [Benchmark]
    [BenchmarkCategory("Decaps")]
    public void OursDecaps() => MlKemCore.DecapsInternal(P, _dk, _c, _k);

    /// <summary>libsodium: crypto_kem_mlkem768_keypair (draws 64 random bytes).</summary>
    [Benchmark]
    [BenchmarkCategory("KeyGen")]
    public int SodiumKeyGen()
    {
        fixed (byte* pk = _sodiumPk, sk = _sodiumSk)
            return SodiumMlKem.crypto_kem_mlkem768_keypair(pk, sk); // SAFETY: pinned, header sizes
    }

    /// <summary>libsodium: crypto_kem_mlkem768_seed_keypair from the same fixed d || z as ours.</summary>
    [Benchmark]
    [BenchmarkCategory("KeyGen")]
    public int SodiumSeededKeyGen()
    {
        fixed (byte* pk = _sodiumPk, sk = _sodiumSk, seed = _seed)
            return SodiumMlKem.crypto_kem_mlkem768_seed_keypair(pk, sk, seed); // SAFETY: pinned, header sizes
    }

    /// <summary>libsodium: crypto_kem_mlkem768_enc (draws 32 random bytes).</summary>
    [Benchmark]
    [BenchmarkCategory("Encaps")]
    public int SodiumEncaps()
    {
        fixed (byte* pk = _sodiumPk, ct = _sodiumCt, ss = _sodiumSs)
            return SodiumMlKem.crypto_kem_mlkem768_enc(ct, ss, pk); // SAFETY: pinned, header sizes
    }

    /// <summary>libsodium: crypto_kem_mlkem768_enc_deterministic with the same fixed m as ours.</summary>
    [Benchmark]
    [BenchmarkCategory("Encaps")]
    public int SodiumDeterministicEncaps()
    {
        fixed (byte* pk = _sodiumPk, ct = _sodiumCt, ss = _sodiumSs, m = _m)
            return SodiumMlKem.crypto_kem_mlkem768_enc_deterministic(ct, ss, pk, m); // SAFETY: pinned, header sizes
    }

    /// <summary>libsodium: crypto_kem_mlkem768_dec of a valid ciphertext.</summary>
    [Benchmark]
    [BenchmarkCategory("Decaps")]
    public int SodiumDecaps()
    {
        fixed (byte* sk = _sodiumSk, ct = _sodiumCt, ss = _sodiumSs)
            return SodiumMlKem.crypto_kem_mlkem768_dec(ss, ct, sk); // SAFETY: pinned, header sizes
    }

    /// <summary>BouncyCastle: MLKemKeyPairGenerator.GenerateKeyPair (SecureRandom).</summary>
    [Benchmark]
    [BenchmarkCategory("KeyGen")]
    public AsymmetricCipherKeyPair BouncyCastleKeyGen() => _bcGenerator!.GenerateKeyPair();

    /// <summary>BouncyCastle: MLKemEncapsulator.Encapsulate (SecureRandom).</summary>
    [Benchmark]
    [BenchmarkCategory("Encaps")]
    public void BouncyCastleEncaps() => _bcEncapsulator!.Encapsulate(_bcCt, 0, _bcCt.Length, _bcSs, 0, _bcSs.Length);

    /// <summary>BouncyCastle: MLKemDecapsulator.Decapsulate of a valid ciphertext.</summary>
    [Benchmark]
    [BenchmarkCategory("Decaps")]
    public void BouncyCastleDecaps() => _bcDecapsulator!.Decapsulate(_bcCt, 0, _bcCt.Length, _bcSs, 0, _bcSs.Length);
}
