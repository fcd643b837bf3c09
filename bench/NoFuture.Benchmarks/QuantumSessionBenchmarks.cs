// QuantumSession (PQXDH + Double Ratchet + SPQR, libsignal 0.103's wire format) in the shapes of the goals,
// 1 KiB plaintexts, in-process. The peer, libsignal 0.103 from Node, cannot run inside BenchmarkDotNet: its figures
// come from bench/sessions/run-libsignal.sh in the same session (bench/RESULTS.md, "QuantumSession against libsignal").
//   OneWay:        Alice encrypts, Bob decrypts into a caller span; Bob never answers, so no DH ratchet step (the
//                  per-message cost of a one-way burst, encrypt + decrypt).
//   Alternating:   the parties take turns, so every message starts a new chain (a DH ratchet step on each side) and
//                  carries SPQR's chunk of the turn (its ML-KEM work included), encrypt + decrypt.
//   Establishment: Bob publishes a bundle with a fresh one-time prekey, Alice imports it (its two signatures
//                  verified) and initiates from it and encrypts her first message, Bob accepts it (decrypts it). BundleOnly is the bundle's part, to subtract
//                  (libsignal's figure does not include making the bundle).
using BenchmarkDotNet.Attributes;
using NoFuture.Memory;
using NoFuture.Sessions;

namespace NoFuture.Benchmarks;

/// <summary>QuantumSession per-message and establishment costs (see the file comment).</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class QuantumSessionBenchmarks
{
    private readonly byte[] _plaintext = new byte[1024];
    private readonly byte[] _received = new byte[1024 + 32];
    private QuantumIdentity _alice = null!, _bob = null!;
    private QuantumSession _oneWayA = null!, _oneWayB = null!, _altA = null!, _altB = null!;
    private int _turn;
    private QuantumSessionOptions _aliceOptions = null!, _bobOptions = null!;

    /// <summary>Two identities and two established sessions (one for each shape).</summary>
    [GlobalSetup]
    public void Setup()
    {
        new Random(11).NextBytes(_plaintext);
        _alice = QuantumIdentity.Generate();
        _bob = QuantumIdentity.Generate(2);
        (_oneWayA, _oneWayB) = Establish(_alice, _bob);
        (_altA, _altB) = Establish(_alice, _bob);
        (_aliceOptions, _bobOptions) = Addresses();
    }

    /// <summary>An established pair: Alice initiates, Bob accepts, Bob answers (as libsignal-bench.mjs's handshake).</summary>
    internal static (QuantumSession Alice, QuantumSession Bob) Establish(QuantumIdentity alice, QuantumIdentity bob)
    {
        QuantumSession a = QuantumSession.Initiate(alice, bob.CreatePreKeyBundle());
        QuantumSession b = QuantumSession.Accept(bob, a.Encrypt(new byte[1024]), out Secret? first);
        first?.Dispose();
        a.Decrypt(b.Encrypt(new byte[1024]))?.Dispose();
        return (a, b);
    }

    /// <summary>Wipes the sessions and identities.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _oneWayA.Dispose();
        _oneWayB.Dispose();
        _altA.Dispose();
        _altB.Dispose();
        _alice.Dispose();
        _bob.Dispose();
    }

    /// <summary>One message of a one-way stream: encrypt, then decrypt into a caller span.</summary>
    [Benchmark]
    public int OneWay() => _oneWayB.Decrypt(_oneWayA.Encrypt(_plaintext), _received);

    /// <summary>One message of an alternating conversation: a DH ratchet step and SPQR work on each side.</summary>
    [Benchmark]
    public int Alternating()
    {
        (QuantumSession from, QuantumSession to) = (_turn++ & 1) == 0 ? (_altA, _altB) : (_altB, _altA);
        return to.Decrypt(from.Encrypt(_plaintext), _received);
    }

    /// <summary>Both parties' options with addresses (libsignal's first message carries the addresses field).</summary>
    internal static (QuantumSessionOptions Alice, QuantumSessionOptions Bob) Addresses()
    {
        var alice = new SessionAddress(Guid.NewGuid(), 1);
        var bob = new SessionAddress(Guid.NewGuid(), 1);
        return (new QuantumSessionOptions { LocalAddress = alice, RemoteAddress = bob },
            new QuantumSessionOptions { LocalAddress = bob, RemoteAddress = alice });
    }

    /// <summary>Bob's bundle with a fresh one-time prekey, imported (signatures verified), Initiate, the first message, Accept.</summary>
    [Benchmark]
    public int Establishment()
    {
        PreKeyBundle bundle = QuantumSessionPaired.Import(_bob.CreatePreKeyBundle());
        using QuantumSession a = QuantumSession.Initiate(_alice, bundle, _aliceOptions);
        byte[] first = a.Encrypt(_plaintext);
        using QuantumSession b = QuantumSession.Accept(_bob, first, out Secret? plaintext, _bobOptions);
        int length = plaintext?.Length ?? 0;
        plaintext?.Dispose();
        return length;
    }

    /// <summary>The bundle alone (a one-time prekey generated), the part of <see cref="Establishment"/> libsignal's figure leaves out.</summary>
    [Benchmark]
    public int BundleOnly() => _bob.CreatePreKeyBundle().PreKey.Length;
}
