// Goal: one epoch of the RFC 9420 §8 key schedule for suite 1 (HKDF-SHA256) in ≤ 15 µs: from commit_secret through
// joiner_secret, welcome_secret, epoch_secret and the nine secrets derived from it, down to epoch_authenticator and the
// next init_secret (EpochSecrets.Derive). A group member runs this once per commit, so it sits on the commit path of
// every member. There is no peer in process: the figure is an absolute goal.
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls;
using NoFuture.Mls.KeySchedule;

namespace NoFuture.Benchmarks;

/// <summary>One epoch of the MLS key schedule (RFC 9420 §8), suite 1.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class MlsKeyScheduleBenchmarks
{
    private readonly MlsCipherSuite _suite = MlsCipherSuite.Mls128DhKemX25519Aes128GcmSha256Ed25519;
    private readonly byte[] _init = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _commit = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _psk = RandomNumberGenerator.GetBytes(32);

    // A GroupContext of realistic size: version, suite, a 16-byte group id, epoch, two 32-byte hashes, no extensions.
    private readonly byte[] _groupContext = RandomNumberGenerator.GetBytes(2 + 2 + 1 + 16 + 8 + 1 + 32 + 1 + 32 + 1);

    /// <summary>EpochSecrets.Derive: init_secret, commit_secret, psk_secret and GroupContext to every epoch secret.</summary>
    [Benchmark]
    public void DeriveEpoch()
    {
        using EpochSecrets secrets = EpochSecrets.Derive(_suite, _init, _commit, _psk, _groupContext);
    }

    /// <summary>Part of an epoch: DHKEM(X25519).DeriveKeyPair, what external_pub (§8.3) costs.</summary>
    [Benchmark]
    public void ExternalKeyPair()
    {
        using HpkePrivateKey key = HpkePrivateKey.DeriveKeyPair(_suite.Kem, _commit);
    }

    /// <summary>Part of an epoch: eleven 32-byte Secrets allocated and disposed, one per secret the epoch keeps.</summary>
    [Benchmark]
    public void ElevenSecrets()
    {
        Span<Secret?> secrets = new Secret?[11];
        for (int i = 0; i < secrets.Length; i++) secrets[i] = Secret.Allocate(32);
        foreach (Secret? s in secrets) s!.Dispose();
    }
}
