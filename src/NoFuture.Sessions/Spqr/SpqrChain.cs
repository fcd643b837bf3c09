// The per-epoch key chains of SPQR, read from the Rust crate spqr v1.5.3 (src/chain.rs, Chain):
//   new(auth key): (next_root ‖ A2B ‖ B2A) = HKDF(salt 0, auth key, "Signal PQ Ratchet V1 Chain  Start", 96);
//     epoch 0 is that A2B/B2A pair: the first messages already carry keys derived from the auth key.
//   add_epoch(e, secret): (next_root ‖ A2B ‖ B2A) = HKDF(salt next_root, secret, "… Chain Add Epoch", 96).
//   Our send chain is the part named by our direction, our receive chain the other one.
//   send_key(e): moving the send epoch forward drops all but one epoch before it and clears their send chains.
//   recv_key(e, i): epoch must be held (EpochOutOfRange otherwise), then the direction's key(i).
// ChainParams: max_jump 25,000 and max_ooo_keys 2,000 by default; 0 selects the default (as the crate's protobuf
// getters do). libsignal passes its MAX_FORWARD_JUMPS / MAX_MESSAGE_KEYS (the same values) and u32::MAX as
// max_jump for a session with oneself.
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Sessions.Spqr;

internal sealed partial class SpqrChain : IDisposable
{
    internal const uint DefaultMaxJump = 25_000;
    internal const uint DefaultMaxOutOfOrderKeys = 2_000;
    private const int EpochsToKeepPriorToSendEpoch = 1;
    private const int KeySize = SpqrChainDirection.KeySize;

    private readonly List<(SpqrChainDirection Send, SpqrChainDirection Recv)> _links;
    private readonly Secret _nextRoot;
    private readonly bool _a2b;

    private SpqrChain(bool a2b, ulong currentEpoch, ulong sendEpoch, uint maxJump, uint maxOoo, Secret nextRoot,
        List<(SpqrChainDirection, SpqrChainDirection)> links)
    {
        _a2b = a2b;
        CurrentEpoch = currentEpoch;
        SendEpoch = sendEpoch;
        MaxJump = maxJump;
        MaxOutOfOrderKeys = maxOoo;
        _nextRoot = nextRoot;
        _links = links;
    }

    internal ulong CurrentEpoch { get; private set; }

    internal ulong SendEpoch { get; private set; }

    internal uint MaxJump { get; }

    internal uint MaxOutOfOrderKeys { get; }

    internal int LinkCount => _links.Count;

    internal static SpqrChain Create(ReadOnlySpan<byte> authKey, bool a2b, uint maxJump, uint maxOoo)
    {
        if (maxJump == 0) maxJump = DefaultMaxJump;
        if (maxOoo == 0) maxOoo = DefaultMaxOutOfOrderKeys;
        Span<byte> okm = stackalloc byte[3 * KeySize];
        try
        {
            SpqrKdf.Hkdf(default, authKey, SpqrKdf.ChainStart, okm);
            var chain = new SpqrChain(a2b, 0, 0, maxJump, maxOoo, Secret.CopyFrom(okm[..KeySize]), []);
            chain._links.Add(chain.LinkFrom(okm));
            return chain;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(okm);
        }
    }

    private (SpqrChainDirection, SpqrChainDirection) LinkFrom(ReadOnlySpan<byte> okm)
    {
        ReadOnlySpan<byte> a2bKey = okm.Slice(KeySize, KeySize), b2aKey = okm.Slice(2 * KeySize, KeySize);
        SpqrChainDirection send = SpqrChainDirection.Create(_a2b ? a2bKey : b2aKey);
        SpqrChainDirection recv = SpqrChainDirection.Create(_a2b ? b2aKey : a2bKey);
        return (send, recv);
    }

    /// <summary>Chain::add_epoch: <paramref name="epoch"/> must be the next one.</summary>
    internal void AddEpoch(ulong epoch, ReadOnlySpan<byte> secret)
    {
        if (epoch != CurrentEpoch + 1) SpqrThrowHelper.Invariant("epoch secret out of order");
        EpochSecretObserverForTesting?.Invoke(secret);
        Span<byte> okm = stackalloc byte[3 * KeySize];
        try
        {
            using (SecretWriteLease root = _nextRoot.OpenWrite())
            {
                SpqrKdf.Hkdf(root.Span, secret, SpqrKdf.ChainAddEpoch, okm);
                okm[..KeySize].CopyTo(root.Span);
            }
            _links.Add(LinkFrom(okm));
            CurrentEpoch = epoch;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(okm);
        }
    }

    private int EpochIndex(ulong epoch)
    {
        if (epoch > CurrentEpoch) return -1;
        ulong back = CurrentEpoch - epoch;
        if (back >= (ulong)_links.Count) return -1;
        return _links.Count - 1 - (int)back;
    }

    /// <summary>Chain::send_key: the next send key of <paramref name="epoch"/>; returns its index.</summary>
    internal uint SendKey(ulong epoch, Span<byte> key)
    {
        if (epoch < SendEpoch) SpqrThrowHelper.Invariant("send epoch decreased");
        int i = EpochIndex(epoch);
        if (i < 0) SpqrThrowHelper.Invariant("send epoch out of range");
        if (SendEpoch != epoch)
        {
            SendEpoch = epoch;
            while (i > EpochsToKeepPriorToSendEpoch)
            {
                _links[0].Send.Dispose();
                _links[0].Recv.Dispose();
                _links.RemoveAt(0);
                i--;
            }
            for (int j = 0; j < i; j++) _links[j].Send.ClearNext();
        }
        return _links[i].Send.NextKey(key);
    }

    /// <summary>The error recv_key would give, without changing anything (Unknown: it would succeed).</summary>
    internal SpqrError CheckRecvKey(ulong epoch, uint index)
    {
        int i = EpochIndex(epoch);
        if (i < 0) return SpqrError.EpochOutOfRange;
        return _links[i].Recv.CheckKey(index, MaxJump, MaxOutOfOrderKeys);
    }

    /// <summary>Chain::recv_key.</summary>
    internal void RecvKey(ulong epoch, uint index, Span<byte> key)
    {
        int i = EpochIndex(epoch);
        if (i < 0) SpqrThrowHelper.Rejected(SpqrError.EpochOutOfRange);
        _links[i].Recv.Key(index, MaxJump, MaxOutOfOrderKeys, key);
    }

    /// <summary>recv_key's key without changing anything (after a successful <see cref="CheckRecvKey"/>); see
    /// <see cref="SpqrChainDirection.PeekKey"/>.</summary>
    internal void PeekRecvKey(ulong epoch, uint index, Span<byte> key, Span<byte> nextAfter)
    {
        int i = EpochIndex(epoch);
        if (i < 0) SpqrThrowHelper.Invariant("epoch not checked");
        _links[i].Recv.PeekKey(index, key, nextAfter);
    }

    /// <summary>recv_key's changes after <see cref="PeekRecvKey"/>. Adding a later epoch in between changes nothing
    /// for <paramref name="epoch"/>: its link is found relative to the current epoch.</summary>
    internal void CommitRecvKey(ulong epoch, uint index, ReadOnlySpan<byte> nextAfter)
    {
        int i = EpochIndex(epoch);
        if (i < 0) SpqrThrowHelper.Rejected(SpqrError.EpochOutOfRange);
        _links[i].Recv.CommitKey(index, MaxJump, MaxOutOfOrderKeys, nextAfter);
    }

    internal SpqrChain Clone()
    {
        var links = new List<(SpqrChainDirection, SpqrChainDirection)>(_links.Count);
        var c = new SpqrChain(_a2b, CurrentEpoch, SendEpoch, MaxJump, MaxOutOfOrderKeys, _nextRoot.Clone(), links);
        try
        {
            foreach ((SpqrChainDirection s, SpqrChainDirection r) in _links) links.Add((s.Clone(), r.Clone()));
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    internal int ExportedLength
    {
        get
        {
            int n = 1 + 8 + 8 + 4 + 4 + KeySize + 4;
            foreach ((SpqrChainDirection s, SpqrChainDirection r) in _links) n += s.ExportedLength + r.ExportedLength;
            return n;
        }
    }

    internal void Export(ref SpqrRecordWriter w)
    {
        w.U8(_a2b ? (byte)1 : (byte)0);
        w.U64(CurrentEpoch);
        w.U64(SendEpoch);
        w.U32(MaxJump);
        w.U32(MaxOutOfOrderKeys);
        using (SecretReadLease root = _nextRoot.OpenRead())
            w.Bytes(root.Span);
        w.U32((uint)_links.Count);
        foreach ((SpqrChainDirection s, SpqrChainDirection r) in _links)
        {
            s.Export(ref w);
            r.Export(ref w);
        }
    }

    internal static SpqrChain Import(ref SpqrRecordReader r)
    {
        bool a2b = r.Bool();
        ulong current = r.U64(), send = r.U64();
        uint maxJump = r.U32(), maxOoo = r.U32();
        ReadOnlySpan<byte> root = r.Take(KeySize);
        uint count = r.U32();
        if (count == 0 || count > (ulong)current + 1 || send > current || maxJump == 0 || maxOoo == 0)
            SpqrThrowHelper.Rejected(SpqrError.StateDecode);
        var chain = new SpqrChain(a2b, current, send, maxJump, maxOoo, Secret.CopyFrom(root), new((int)count));
        try
        {
            for (uint i = 0; i < count; i++)
            {
                SpqrChainDirection s = SpqrChainDirection.Import(ref r);
                SpqrChainDirection v;
                try
                {
                    v = SpqrChainDirection.Import(ref r);
                }
                catch
                {
                    s.Dispose();
                    throw;
                }
                chain._links.Add((s, v));
            }
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach ((SpqrChainDirection s, SpqrChainDirection r) in _links)
        {
            s.Dispose();
            r.Dispose();
        }
        _links.Clear();
        _nextRoot.Dispose();
    }
}
