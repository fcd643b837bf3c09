// Test hooks for the session leak scan (tests/NoFuture.Sessions.Probe/SessionLeakScanScenario.cs): every SPQR secret
// the state holds, named as (Secret, offset of a key inside it), so the probe can take the complement of its first
// 8 bytes without copying the key out; and an observer of the epoch secrets, which exist only as wiped stack scratch.
// Nothing here runs in production: the observer is null unless a test sets it.
using NoFuture.Memory;

namespace NoFuture.Sessions.Spqr;

/// <summary>Sees an epoch secret as the chain adds it (the span is stack scratch; copy nothing of it to the heap).</summary>
internal delegate void SpqrSecretObserver(ReadOnlySpan<byte> secret);

internal sealed partial class SpqrState
{
    /// <summary>Adds every key this state holds (braid and chain) to <paramref name="windows"/>.</summary>
    internal void CollectSecretsForTesting(List<(Secret Secret, int Offset)> windows)
    {
        _braid.CollectSecretsForTesting(windows);
        _chain.CollectSecretsForTesting(windows);
    }

    /// <summary>The braid's decapsulation seed d ‖ z while this side holds an ML-KEM key, else null (not a copy).</summary>
    internal Secret? DecapsulationSeedForTesting => _braid.DecapsulationSeedForTesting;

    /// <summary>The braid's encapsulation state m ‖ r ‖ header while this side encapsulates, else null (not a copy).</summary>
    internal Secret? EncapsulationStateForTesting => _braid.EncapsulationStateForTesting;
}

internal sealed partial class SpqrBraid
{
    /// <summary>The authenticator's two keys, the decapsulation seed d ‖ z and the encapsulation state's m and r.</summary>
    internal void CollectSecretsForTesting(List<(Secret Secret, int Offset)> windows)
    {
        _auth.CollectSecretsForTesting(windows);
        if (_dkSeed is not null) windows.AddRange([(_dkSeed, 0), (_dkSeed, 32)]);
        if (_es is not null) windows.AddRange([(_es, 0), (_es, 32)]);
    }

    /// <summary>The decapsulation seed d ‖ z while this side holds an ML-KEM key, else null (not a copy).</summary>
    internal Secret? DecapsulationSeedForTesting => _dkSeed;

    /// <summary>The encapsulation state m ‖ r ‖ header while this side encapsulates, else null (not a copy).</summary>
    internal Secret? EncapsulationStateForTesting => _es;
}

internal sealed partial class SpqrAuthenticator
{
    internal void CollectSecretsForTesting(List<(Secret Secret, int Offset)> windows) =>
        windows.AddRange([(_keys, 0), (_keys, KeySize)]);
}

internal sealed partial class SpqrChain
{
    /// <summary>Set by the leak scan to see each epoch secret; null otherwise.</summary>
    internal static SpqrSecretObserver? EpochSecretObserverForTesting { get; set; }

    /// <summary>next_root and both directions' keys of every epoch held.</summary>
    internal void CollectSecretsForTesting(List<(Secret Secret, int Offset)> windows)
    {
        windows.Add((_nextRoot, 0));
        foreach ((SpqrChainDirection send, SpqrChainDirection recv) in _links)
        {
            send.CollectSecretsForTesting(windows);
            recv.CollectSecretsForTesting(windows);
        }
    }
}

internal sealed partial class SpqrChainDirection
{
    /// <summary>The next chain key and every stored (skipped) key.</summary>
    internal void CollectSecretsForTesting(List<(Secret Secret, int Offset)> windows)
    {
        if (_next is not null) windows.Add((_next, 0));
        for (int i = 0; i < _count; i++) windows.Add((_history!, (i * EntrySize) + 4));
    }
}
