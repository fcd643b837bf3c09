// Goal (bench/RESULTS.md): HPKE X-Wing single-shot seal + open of 1 KiB costs no more than 10% above X-Wing's own
// encapsulation + decapsulation, measured in the same run. Both sides use the public APIs with fresh randomness:
// the baseline is XWingKem.Encapsulate + XWingPrivateKey.Decapsulate (cached expanded key); the HPKE rows are
// HpkeSuite.Seal + HpkeSuite.Open (base mode, 1 KiB plaintext, a 16-byte info and AAD) with the suite's KDF and AEAD.
// The difference is HPKE's own work: the key schedule twice, the AEAD over 1 KiB twice, and the stack/secret handling.
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Crypto;
using NoFuture.Crypto.Hpke;
using NoFuture.Crypto.XWing;

namespace NoFuture.Benchmarks;

/// <summary>HPKE X-Wing single-shot seal + open of 1 KiB against X-Wing encapsulation + decapsulation.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class HpkeBenchmarks
{
    private static readonly HpkeSuite AesSuite = new(HpkeKem.XWing, HpkeKdf.HkdfSha256, HpkeAead.Aes128Gcm);
    private static readonly HpkeSuite ChaChaSuite = new(HpkeKem.XWing, HpkeKdf.HkdfSha256, HpkeAead.ChaCha20Poly1305);
    private static readonly HpkeSuite ShakeSuite = new(HpkeKem.XWing, HpkeKdf.Shake256, HpkeAead.ChaCha20Poly1305);

    private readonly byte[] _plaintext = RandomNumberGenerator.GetBytes(1024), _opened = new byte[1024];
    private readonly byte[] _info = RandomNumberGenerator.GetBytes(16), _aad = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] _enc = new byte[XWingKem.CiphertextSizeInBytes], _ciphertext = new byte[1024 + 16];
    private readonly byte[] _ss = new byte[32], _ss2 = new byte[32];
    private XWingPrivateKey _xwing = null!;
    private HpkePrivateKey _hpke = null!;

    /// <summary>One recipient key per API.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _xwing = XWingPrivateKey.Generate();
        _hpke = HpkePrivateKey.Generate(HpkeKem.XWing);
    }

    /// <summary>Frees the keys.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _xwing.Dispose();
        _hpke.Dispose();
    }

    /// <summary>The KEM alone: X-Wing encapsulation + decapsulation.</summary>
    [Benchmark(Baseline = true)]
    public void XWingEncapsDecaps()
    {
        XWingKem.Encapsulate(_xwing.PublicKey, _enc, _ss);
        _xwing.Decapsulate(_enc, _ss2);
    }

    /// <summary>HPKE(X-Wing, HKDF-SHA256, AES-128-GCM) single-shot seal + open of 1 KiB.</summary>
    [Benchmark]
    public bool HpkeSealOpen1KiB_Aes128Gcm() => SealOpen(AesSuite);

    /// <summary>HPKE(X-Wing, HKDF-SHA256, ChaCha20-Poly1305) single-shot seal + open of 1 KiB.</summary>
    [Benchmark]
    public bool HpkeSealOpen1KiB_ChaCha20Poly1305() => SealOpen(ChaChaSuite);

    /// <summary>HPKE(X-Wing, SHAKE256, ChaCha20-Poly1305) single-shot seal + open of 1 KiB.</summary>
    [Benchmark]
    public bool HpkeSealOpen1KiB_Shake256ChaCha() => SealOpen(ShakeSuite);

    /// <summary>
    /// HPKE's own work in the AES-128-GCM row without the KEM: the key schedule on both sides (from a fixed shared
    /// secret, as single-shot runs it: key and base_nonce) and the AEAD seal + open of 1 KiB. Measured directly so the overhead does not have to be read off the
    /// difference of two noisy rows.
    /// </summary>
    [Benchmark]
    public bool HpkeOverheadOnly_Aes128Gcm() => OverheadOnly(AesSuite);

    /// <summary>The same for the ChaCha20-Poly1305 row.</summary>
    [Benchmark]
    public bool HpkeOverheadOnly_ChaCha20Poly1305() => OverheadOnly(ChaChaSuite);

    private bool OverheadOnly(HpkeSuite suite)
    {
        int nk = suite.Aead.KeySizeInBytes;
        Span<byte> secrets = stackalloc byte[32 + 12];
        secrets = secrets[..(nk + 12)]; // single-shot derives key and base_nonce only
        Span<byte> nonce = stackalloc byte[12];
        suite.KeySchedule(HpkeMode.Base, _ss, _info, null, default, secrets);
        HpkeContext.ComputeNonce(secrets.Slice(nk, 12), 0, nonce);
        suite.Aead.SealCore(secrets[..nk], nonce, _aad, _plaintext, _ciphertext);
        suite.KeySchedule(HpkeMode.Base, _ss, _info, null, default, secrets);
        HpkeContext.ComputeNonce(secrets.Slice(nk, 12), 0, nonce);
        return suite.Aead.OpenCore(secrets[..nk], nonce, _aad, _ciphertext, _opened);
    }

    private bool SealOpen(HpkeSuite suite)
    {
        suite.Seal(_hpke.PublicKey, _plaintext, _enc, _ciphertext, _info, _aad);
        return suite.Open(_hpke, _enc, _ciphertext, _opened, _info, _aad);
    }
}
