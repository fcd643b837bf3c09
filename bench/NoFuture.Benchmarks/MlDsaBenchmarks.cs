// ML-DSA-44/65/87 (FIPS 204) key generation, signing and verification on the Vector256 and scalar paths, and
// BouncyCastle.Cryptography 2.7.0's ML-DSA (MLDsaKeyPairGenerator, MLDsaSigner) as one more value of the same
// parameter, so every ratio comes from one class, one process and one run.
//
// What each row does, ours and BouncyCastle's alike:
// - KeyGen: a key pair from 32 fresh random bytes (ours: KeyGen_internal from a seed; BC: its generator).
// - Sign: a hedged signature over a 32-byte message, empty context, with a key object made in setup (ours:
//   MlDsaKey.SignData, mu computed, fresh rnd from the OS; BC: MLDsaSigner initialised once, BlockUpdate +
//   GenerateSignature). Rejection counts vary per signature; the medians average over many.
// - Verify: the same signature with a public-key object made in setup.
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Crypto;
using NoFuture.Crypto.MlDsa;
using NoFuture.Crypto.MlDsa.Simd;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcParameters = Org.BouncyCastle.Crypto.Parameters.MLDsaParameters;
using MlDsaParameters = NoFuture.Crypto.MlDsa.MlDsaParameters;

namespace NoFuture.Benchmarks;

/// <summary>ML-DSA keygen, sign, verify per parameter set, per path and for BouncyCastle.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class MlDsaBenchmarks
{
    private const string BouncyCastle = "BouncyCastle";
    private readonly byte[] _seed = new byte[32], _message = new byte[32];
    private MlDsaParameters _p = MlDsaParameters.MlDsa65;
    private MlDsaPath _path;
    private bool _bc;
    private byte[] _pk = [], _sk = [], _signature = [];
    private MlDsaKey? _key, _publicKey;
    private MLDsaKeyPairGenerator? _generator;
    private MLDsaSigner? _signer, _verifier;

    /// <summary>ML-DSA-44, -65 or -87.</summary>
    [Params("44", "65", "87")]
    public string Set { get; set; } = "65";

    /// <summary>
    /// The path, by name (MlDsaPath is internal), or "BouncyCastle" for the peer. Vector128 is left out of the
    /// default run to keep it short on a shared host; add it here to measure it.
    /// </summary>
    [Params("Vector256", "Scalar", BouncyCastle)]
    public string Implementation { get; set; } = "Vector256";

    /// <summary>Keys, signers and one signature for the chosen set and implementation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (MLDsaAlgorithm algorithm, BcParameters bcParameters, _p) = Set switch
        {
            "44" => (MLDsaAlgorithm.MLDsa44, BcParameters.ml_dsa_44, MlDsaParameters.MlDsa44),
            "65" => (MLDsaAlgorithm.MLDsa65, BcParameters.ml_dsa_65, MlDsaParameters.MlDsa65),
            _ => (MLDsaAlgorithm.MLDsa87, BcParameters.ml_dsa_87, MlDsaParameters.MlDsa87),
        };
        _bc = Implementation == BouncyCastle;
        _path = _bc ? MlDsaPath.Scalar : Enum.Parse<MlDsaPath>(Implementation);
        if (!MlDsaPaths.IsAvailable(_path)) throw new PlatformNotSupportedException($"{Implementation} is not available here.");
        RandomNumberGenerator.Fill(_seed);
        RandomNumberGenerator.Fill(_message);
        _pk = new byte[_p.PublicKeySizeInBytes];
        _sk = new byte[_p.PrivateKeySizeInBytes];
        _signature = new byte[_p.SignatureSizeInBytes];
        if (_bc)
        {
            var random = new Org.BouncyCastle.Security.SecureRandom();
            _generator = new MLDsaKeyPairGenerator();
            _generator.Init(new MLDsaKeyGenerationParameters(random, bcParameters));
            MLDsaPrivateKeyParameters bcKey = MLDsaPrivateKeyParameters.FromSeed(bcParameters, _seed);
            _signer = new MLDsaSigner(bcParameters, deterministic: false);
            _signer.Init(true, new ParametersWithRandom(bcKey, random));
            _verifier = new MLDsaSigner(bcParameters, deterministic: false);
            _verifier.Init(false, bcKey.GetPublicKey());
            Sign();
            if (!Verify()) throw new InvalidOperationException("BouncyCastle rejects its own signature.");
            return;
        }
        _key = MlDsaKey.ImportPrivateSeed(algorithm, _seed);
        _key.Path = _path;
        _publicKey = MlDsaKey.ImportPublicKey(algorithm, _key.ExportMLDsaPublicKey());
        _publicKey.Path = _path;
        Sign();
        if (!Verify()) throw new InvalidOperationException("Our own signature is rejected.");
    }

    /// <summary>Disposes the keys.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _key?.Dispose();
        _publicKey?.Dispose();
    }

    /// <summary>FIPS 204, Algorithm 1 / 6 (key pair from 32 random bytes).</summary>
    [Benchmark]
    public int KeyGen()
    {
        if (_bc) return _generator!.GenerateKeyPair().GetHashCode();
        RandomNumberGenerator.Fill(_seed);
        MlDsaCore.KeyGenInternal(_p, _path, _seed, _pk, _sk);
        return _pk[0];
    }

    /// <summary>FIPS 204, Algorithm 2 (hedged).</summary>
    [Benchmark]
    public int Sign()
    {
        if (_bc)
        {
            _signer!.BlockUpdate(_message, 0, _message.Length);
            byte[] signature = _signer.GenerateSignature();
            signature.CopyTo(_signature, 0);
            return signature.Length;
        }
        _key!.SignData(_message.AsSpan(), _signature.AsSpan());
        return _signature[0];
    }

    /// <summary>FIPS 204, Algorithm 3.</summary>
    [Benchmark]
    public bool Verify()
    {
        if (_bc)
        {
            _verifier!.BlockUpdate(_message, 0, _message.Length);
            return _verifier.VerifySignature(_signature);
        }
        return _publicKey!.VerifyData(_message.AsSpan(), _signature.AsSpan());
    }
}
