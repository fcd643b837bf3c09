// One receiving chain of the Double Ratchet (specification section 3.2, state CKr and MKSKIPPED for one ratchet key):
// the peer's ratchet public key, the chain key and its index in a Secret, and the skipped message keys as seeds, each
// in its own Secret (libsignal stores seeds too and derives the message keys when it uses one, so the SPQR key of that
// message can be mixed in then). Oldest skipped keys are dropped first when a chain holds more than its limit.
using NoFuture.Memory;

namespace NoFuture.Sessions.Ratchet;

internal sealed class ReceiverChain : IDisposable
{
    internal ReceiverChain(byte[] ratchetKey, Secret chainKey, uint index)
    {
        RatchetKey = ratchetKey;
        ChainKey = chainKey;
        Index = index;
    }

    /// <summary>The peer's ratchet public key (32 bytes, public).</summary>
    internal byte[] RatchetKey { get; }

    /// <summary>The chain key for message <see cref="Index"/> (32 bytes).</summary>
    internal Secret ChainKey { get; set; }

    internal uint Index { get; set; }

    /// <summary>Skipped message key seeds, oldest first.</summary>
    internal List<(uint Counter, Secret Seed)> Skipped { get; } = [];

    internal int FindSkipped(uint counter)
    {
        for (int i = Skipped.Count - 1; i >= 0; i--)
        {
            if (Skipped[i].Counter == counter) return i;
        }
        return -1;
    }

    public void Dispose()
    {
        ChainKey.Dispose();
        foreach ((_, Secret seed) in Skipped) seed.Dispose();
        Skipped.Clear();
    }
}
