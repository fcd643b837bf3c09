// ML-KEM-768 on each implementation path (Vector256, Vector128, scalar) and libsodium 1.0.22's
// crypto_kem_mlkem768_* (seed_keypair / enc_deterministic / dec, the same fixed inputs as ours) as one more value
// of the same parameter, so the goal "scalar path faster than libsodium" is measured in one class, one process
// and one run, the peer interleaved with the paths. MlKemBenchmarks has the other peers (random-input libsodium,
// BouncyCastle) on the best path.
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Benchmarks.Interop;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;

namespace NoFuture.Benchmarks;

/// <summary>ML-KEM-768 keygen, encaps, decaps per path and for libsodium, fixed random inputs.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public unsafe class MlKemPathBenchmarks
{
    private const string Libsodium = "Libsodium";
    private static readonly MlKemParameters P = MlKemParameters.MlKem768;
    private readonly byte[] _d = new byte[32], _z = new byte[32], _m = new byte[32], _k = new byte[32], _seed = new byte[64];
    private readonly byte[] _ek = new byte[1184], _dk = new byte[2400], _c = new byte[1088];
    private MlKemPath _path;
    private bool _sodium;

    /// <summary>The path, by name (MlKemPath is internal), or "Libsodium" for the peer.</summary>
    [Params("Vector256", "Vector128", "Scalar", Libsodium)]
    public string Path { get; set; } = "Vector256";

    /// <summary>Fixed random inputs and a key pair and ciphertext for them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sodium = Path == Libsodium;
        _path = _sodium ? MlKemPath.Scalar : Enum.Parse<MlKemPath>(Path);
        RandomNumberGenerator.Fill(_d);
        RandomNumberGenerator.Fill(_z);
        RandomNumberGenerator.Fill(_m);
        _d.CopyTo(_seed, 0);
        _z.CopyTo(_seed, 32);
        MlKemCore.KeyGenInternal(P, _path, _d, _z, _ek, _dk);
        MlKemCore.EncapsInternal(P, _path, _ek, _m, _k, _c);
        if (!_sodium) return;
        Sodium.Initialize();
        byte[] ek = new byte[1184], dk = new byte[2400], c = new byte[1088];
        fixed (byte* pk = ek, sk = dk, ct = c, ss = _k, seed = _seed, m = _m)
        {
            // SAFETY: every buffer is pinned and has the size the header declares.
            Check(SodiumMlKem.crypto_kem_mlkem768_seed_keypair(pk, sk, seed));
            Check(SodiumMlKem.crypto_kem_mlkem768_enc_deterministic(ct, ss, pk, m));
        }
        if (!ek.AsSpan().SequenceEqual(_ek) || !dk.AsSpan().SequenceEqual(_dk) || !c.AsSpan().SequenceEqual(_c))
            throw new InvalidOperationException("libsodium and NoFuture disagree on the benchmark inputs.");
    }

    private static void Check(int status)
    {
        if (status != 0) throw new InvalidOperationException($"libsodium returned {status}.");
    }

    /// <summary>Algorithm 16 (libsodium: crypto_kem_mlkem768_seed_keypair from the same d || z).</summary>
    [Benchmark]
    public int KeyGen()
    {
        if (!_sodium)
        {
            MlKemCore.KeyGenInternal(P, _path, _d, _z, _ek, _dk);
            return 0;
        }
        fixed (byte* pk = _ek, sk = _dk, seed = _seed)
            return SodiumMlKem.crypto_kem_mlkem768_seed_keypair(pk, sk, seed); // SAFETY: pinned, header sizes
    }

    /// <summary>Algorithm 17 (libsodium: crypto_kem_mlkem768_enc_deterministic with the same m).</summary>
    [Benchmark]
    public int Encaps()
    {
        if (!_sodium)
        {
            MlKemCore.EncapsInternal(P, _path, _ek, _m, _k, _c);
            return 0;
        }
        fixed (byte* pk = _ek, ct = _c, ss = _k, m = _m)
            return SodiumMlKem.crypto_kem_mlkem768_enc_deterministic(ct, ss, pk, m); // SAFETY: pinned, header sizes
    }

    /// <summary>Algorithm 18 (libsodium: crypto_kem_mlkem768_dec).</summary>
    [Benchmark]
    public int Decaps()
    {
        if (!_sodium)
        {
            MlKemCore.DecapsInternal(P, _path, _dk, _c, _k);
            return 0;
        }
        fixed (byte* sk = _dk, ct = _c, ss = _k)
            return SodiumMlKem.crypto_kem_mlkem768_dec(ss, ct, sk); // SAFETY: pinned, header sizes
    }
}
