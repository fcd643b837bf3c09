// Which ChaCha20-Poly1305 the library ships (docs/dependencies.md): libsodium's IETF AEAD against the BCL's
// ChaCha20Poly1305 (OpenSSL), seal + open of 64 B, 1 KiB and 16 KiB with a 16-byte AAD, in the two ways the library
// keys an AEAD:
//   - per message (HPKE single shot, and AeadAlgorithm's one-shot calls): libsodium reads the key from a span, the BCL
//     must construct a keyed object (an OpenSSL context) for the message and dispose it;
//   - one key, many messages (an HPKE context, AeadKey): libsodium is unchanged, the BCL object is built once and reused.
// The key setup alone (construct + dispose the BCL object) is its own row. AES-256-GCM rows show the same for AES: the
// BCL against libsodium's AES-256-GCM, which exists only on CPUs with AES-NI + CLMUL (checked in GlobalSetup).
// The peers are bound in bench/Interop/SodiumAead.cs, so this class keeps running whatever the library uses.
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Benchmarks.Interop;

namespace NoFuture.Benchmarks;

/// <summary>ChaCha20-Poly1305 and AES-256-GCM seal + open: libsodium against the BCL, keyed per message or reused.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public unsafe class AeadBenchmarks : IDisposable
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32), _nonce = RandomNumberGenerator.GetBytes(12);
    private readonly byte[] _aad = RandomNumberGenerator.GetBytes(16), _tag = new byte[16];
    private byte[] _plaintext = null!, _ciphertext = null!, _opened = null!;
    private ChaCha20Poly1305 _chacha = null!;
    private AesGcm _aes = null!;

    /// <summary>Message size in bytes.</summary>
    [Params(64, 1024, 16384)]
    public int Size { get; set; }

    /// <summary>Buffers, the reused BCL objects, and the AES-NI check for libsodium's AES-256-GCM.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Sodium.Initialize();
        _plaintext = RandomNumberGenerator.GetBytes(Size);
        _ciphertext = new byte[Size];
        _opened = new byte[Size];
        _chacha = new ChaCha20Poly1305(_key);
        _aes = new AesGcm(_key, 16);
        Console.WriteLine($"// crypto_aead_aes256gcm_is_available = {Sodium.crypto_aead_aes256gcm_is_available()}");
    }

    /// <summary>Frees the BCL objects.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _chacha?.Dispose();
        _aes?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>libsodium ChaCha20-Poly1305: the key is read from the span, so there is no per-key cost.</summary>
    [Benchmark(Baseline = true)]
    public bool ChaCha_Sodium()
    {
        fixed (byte* k = _key, n = _nonce, m = _plaintext, c = _ciphertext, t = _tag, a = _aad, o = _opened)
        {
            int sealRc = Sodium.crypto_aead_chacha20poly1305_ietf_encrypt_detached(c, t, null, m, (ulong)Size, a, 16, null, n, k);
            return (sealRc | Sodium.crypto_aead_chacha20poly1305_ietf_decrypt_detached(o, null, c, (ulong)Size, t, a, 16, n, k)) == 0;
        }
    }

    /// <summary>BCL ChaCha20-Poly1305 keyed per message: one object for the seal, one for the open.</summary>
    [Benchmark]
    public void ChaCha_Bcl_KeyPerMessage()
    {
        using (var seal = new ChaCha20Poly1305(_key)) seal.Encrypt(_nonce, _plaintext, _ciphertext, _tag, _aad);
        using var open = new ChaCha20Poly1305(_key);
        open.Decrypt(_nonce, _ciphertext, _tag, _opened, _aad);
    }

    /// <summary>BCL ChaCha20-Poly1305 with one object reused for every message (AeadKey's way).</summary>
    [Benchmark]
    public void ChaCha_Bcl_KeyReused()
    {
        _chacha.Encrypt(_nonce, _plaintext, _ciphertext, _tag, _aad);
        _chacha.Decrypt(_nonce, _ciphertext, _tag, _opened, _aad);
    }

    /// <summary>The BCL's per-key setup alone: construct and dispose one ChaCha20Poly1305.</summary>
    [Benchmark]
    public void ChaCha_Bcl_KeySetupOnly()
    {
        using var cipher = new ChaCha20Poly1305(_key);
    }

    /// <summary>libsodium AES-256-GCM (AES-NI only), key read from the span.</summary>
    [Benchmark]
    public bool Aes256Gcm_Sodium()
    {
        fixed (byte* k = _key, n = _nonce, m = _plaintext, c = _ciphertext, t = _tag, a = _aad, o = _opened)
        {
            int sealRc = Sodium.crypto_aead_aes256gcm_encrypt_detached(c, t, null, m, (ulong)Size, a, 16, null, n, k);
            return (sealRc | Sodium.crypto_aead_aes256gcm_decrypt_detached(o, null, c, (ulong)Size, t, a, 16, n, k)) == 0;
        }
    }

    /// <summary>BCL AES-256-GCM keyed per message.</summary>
    [Benchmark]
    public void Aes256Gcm_Bcl_KeyPerMessage()
    {
        using (var seal = new AesGcm(_key, 16)) seal.Encrypt(_nonce, _plaintext, _ciphertext, _tag, _aad);
        using var open = new AesGcm(_key, 16);
        open.Decrypt(_nonce, _ciphertext, _tag, _opened, _aad);
    }

    /// <summary>BCL AES-256-GCM with one object reused.</summary>
    [Benchmark]
    public void Aes256Gcm_Bcl_KeyReused()
    {
        _aes.Encrypt(_nonce, _plaintext, _ciphertext, _tag, _aad);
        _aes.Decrypt(_nonce, _ciphertext, _tag, _opened, _aad);
    }
}
