// One direction (send or receive) of one SPQR epoch's key chain, read from the Rust crate spqr v1.5.3
// (src/chain.rs, ChainEpochDirection and KeyHistory):
//   next_key: ctr += 1; (next, key) = HKDF(salt 0, next, ctr BE32 ‖ "Signal PQ Ratchet V1 Chain Next", 64).
//   key(at): at > ctr jumps forward (at most max_jump), storing the skipped keys that stay within max_ooo_keys of
//   `at`; at < ctr takes a stored key (KeyTrimmed when at + max_ooo_keys < ctr, KeyAlreadyRequested when absent);
//   at == ctr is KeyAlreadyRequested. Stored keys are [index BE32][key 32]; when their count reaches
//   trim_size = max_ooo_keys * 11 / 10 + 1 the ones below ctr - max_ooo_keys are dropped (Rust's gc, same order of
//   removal: swap with the last entry).
// Everything secret (next, stored keys) lives in Secrets; CheckKey validates without changing anything, PeekKey
// computes a key without changing anything and CommitKey then applies it, so a receiver can check a whole message
// with the key before the chain moves (the Double Ratchet's MAC is checked in between).
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Sessions.Spqr;

internal sealed partial class SpqrChainDirection : IDisposable
{
    internal const int KeySize = 32;
    private const int EntrySize = 4 + KeySize;

    private Secret? _next;          // null once cleared (old send chains)
    private Secret? _history;       // capacity = Length / EntrySize entries
    private int _count;             // stored entries

    private SpqrChainDirection(uint ctr, Secret? next)
    {
        Ctr = ctr;
        _next = next;
    }

    internal uint Ctr { get; private set; }

    internal int StoredKeys => _count;

    internal static SpqrChainDirection Create(ReadOnlySpan<byte> next) => new(0, Secret.CopyFrom(next));

    internal void ClearNext()
    {
        _next?.Dispose();
        _next = null;
    }

    /// <summary>next_key: the next key in order; returns its index.</summary>
    internal uint NextKey(Span<byte> key)
    {
        if (_next is null) SpqrThrowHelper.Invariant("chain key was cleared");
        if (Ctr == uint.MaxValue) SpqrThrowHelper.Invariant("chain counter exhausted");
        Advance(key);
        return Ctr;
    }

    private void Advance(Span<byte> key)
    {
        Ctr++;
        using SecretWriteLease next = _next!.OpenWrite();
        Step(Ctr, next.Span, key);
    }

    /// <summary>One next_key step at counter <paramref name="ctr"/> (already incremented): <paramref name="next"/> is
    /// replaced by its successor, the message key goes to <paramref name="key"/>.</summary>
    [SkipLocalsInit] // info and okm are written before they are read; okm is wiped
    private static void Step(uint ctr, Span<byte> next, Span<byte> key)
    {
        Span<byte> info = stackalloc byte[4 + 31];
        Span<byte> okm = stackalloc byte[2 * KeySize];
        try
        {
            BinaryPrimitives.WriteUInt32BigEndian(info, ctr);
            SpqrKdf.ChainNext.CopyTo(info[4..]);
            SpqrKdf.Hkdf(default, next, info, okm);
            okm[..KeySize].CopyTo(next);
            okm[KeySize..].CopyTo(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(okm);
        }
    }

    /// <summary>
    /// key(at) without changing anything, after a successful <see cref="CheckKey"/>: the key goes to
    /// <paramref name="key"/> and, when <paramref name="at"/> is past the counter, the chain value after it to
    /// <paramref name="nextAfter"/> (32 bytes of secret scratch), which <see cref="CommitKey"/> then installs instead
    /// of computing the chain again.
    /// </summary>
    internal void PeekKey(uint at, Span<byte> key, Span<byte> nextAfter)
    {
        if (at < Ctr)
        {
            int i = Find(at);
            if (i < 0) SpqrThrowHelper.Invariant("key not checked");
            using SecretReadLease h = _history!.OpenRead();
            h.Span.Slice(i * EntrySize + 4, KeySize).CopyTo(key);
            return;
        }
        if (_next is null || at == Ctr) SpqrThrowHelper.Invariant("key not checked");
        using (SecretReadLease next = _next.OpenRead()) next.Span.CopyTo(nextAfter);
        for (uint c = Ctr + 1; ; c++)
        {
            Step(c, nextAfter, key);
            if (c == at) break;
        }
    }

    /// <summary>key(at) after <see cref="PeekKey"/> of the same <paramref name="at"/> with nothing changed in between:
    /// the same changes as <see cref="Key"/>, reusing <paramref name="nextAfter"/> when no key is skipped.</summary>
    internal void CommitKey(uint at, uint maxJump, uint maxOoo, ReadOnlySpan<byte> nextAfter)
    {
        if (at != Ctr + 1 || _next is null || Ctr == uint.MaxValue)
        {
            Span<byte> discard = stackalloc byte[KeySize];
            try
            {
                Key(at, maxJump, maxOoo, discard);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(discard);
            }
            return;
        }
        // Key's order for the next key in sequence: nothing to store, the history collected, then one step.
        Gc(maxOoo);
        using (SecretWriteLease next = _next.OpenWrite()) nextAfter.CopyTo(next.Span);
        Ctr = at;
    }

    /// <summary>The error key(at) would give, without changing anything; <see cref="SpqrError.Unknown"/> when it would succeed.</summary>
    internal SpqrError CheckKey(uint at, uint maxJump, uint maxOoo)
    {
        if (at > Ctr)
        {
            if (at - Ctr > maxJump) return SpqrError.KeyJump;
            if (_next is null) return SpqrError.EpochOutOfRange; // cannot happen for a receive chain
            return SpqrError.Unknown;
        }
        if (at == Ctr) return SpqrError.KeyAlreadyRequested;
        if ((ulong)at + maxOoo < Ctr) return SpqrError.KeyTrimmed;
        return Find(at) >= 0 ? SpqrError.Unknown : SpqrError.KeyAlreadyRequested;
    }

    /// <summary>key(at) after a successful <see cref="CheckKey"/>.</summary>
    internal void Key(uint at, uint maxJump, uint maxOoo, Span<byte> key)
    {
        SpqrError e = CheckKey(at, maxJump, maxOoo);
        if (e != SpqrError.Unknown) SpqrThrowHelper.Rejected(e);
        if (at < Ctr)
        {
            int i = Find(at);
            using (SecretWriteLease h = _history!.OpenWrite())
                h.Span.Slice(i * EntrySize + 4, KeySize).CopyTo(key);
            Remove(i);
            return;
        }
        if ((ulong)at > (ulong)Ctr + maxOoo) Clear();
        Span<byte> skipped = stackalloc byte[KeySize];
        try
        {
            while (at > Ctr + 1)
            {
                Advance(skipped);
                // Only keys that the trimming below would not drop at once are kept.
                if ((ulong)Ctr + maxOoo >= at) Add(Ctr, skipped);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(skipped);
        }
        Gc(maxOoo);
        Advance(key);
    }

    private int Find(uint at)
    {
        if (_count == 0) return -1;
        using SecretReadLease h = _history!.OpenRead();
        ReadOnlySpan<byte> data = h.Span;
        for (int i = 0; i < _count; i++)
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(data[(i * EntrySize)..]) == at) return i;
        }
        return -1;
    }

    private void Add(uint index, ReadOnlySpan<byte> key)
    {
        int capacity = _history is null ? 0 : _history.Length / EntrySize;
        if (_count == capacity)
        {
            Secret grown = Secret.Allocate(Math.Max(16, 2 * capacity) * EntrySize);
            if (_history is not null)
            {
                using (SecretReadLease old = _history.OpenRead())
                using (SecretWriteLease w = grown.OpenWrite())
                    old.Span[..(_count * EntrySize)].CopyTo(w.Span);
                _history.Dispose();
            }
            _history = grown;
        }
        using SecretWriteLease h = _history!.OpenWrite();
        Span<byte> entry = h.Span.Slice(_count * EntrySize, EntrySize);
        BinaryPrimitives.WriteUInt32BigEndian(entry, index);
        key.CopyTo(entry[4..]);
        _count++;
    }

    /// <summary>KeyHistory::remove: the last entry moves into the hole.</summary>
    private void Remove(int i)
    {
        using SecretWriteLease h = _history!.OpenWrite();
        Span<byte> data = h.Span;
        int last = _count - 1;
        if (i != last) data.Slice(last * EntrySize, EntrySize).CopyTo(data[(i * EntrySize)..]);
        CryptographicOperations.ZeroMemory(data.Slice(last * EntrySize, EntrySize));
        _count--;
    }

    private void Clear()
    {
        if (_history is null) return;
        using (SecretWriteLease h = _history.OpenWrite())
            CryptographicOperations.ZeroMemory(h.Span);
        _count = 0;
    }

    /// <summary>KeyHistory::gc(ctr).</summary>
    private void Gc(uint maxOoo)
    {
        long trimSize = (long)maxOoo * 11 / 10 + 1;
        if (_count < trimSize) return;
        uint horizon = Ctr - maxOoo;
        int i = 0;
        while (i < _count)
        {
            uint index;
            using (SecretReadLease h = _history!.OpenRead())
                index = BinaryPrimitives.ReadUInt32BigEndian(h.Span[(i * EntrySize)..]);
            if (index < horizon) Remove(i);
            else i++;
        }
    }

    internal SpqrChainDirection Clone()
    {
        var c = new SpqrChainDirection(Ctr, _next?.Clone());
        if (_count > 0)
        {
            c._history = _history!.Clone();
            c._count = _count;
        }
        return c;
    }

    internal int ExportedLength => 4 + 1 + KeySize + 4 + _count * EntrySize;

    internal void Export(ref SpqrRecordWriter w)
    {
        w.U32(Ctr);
        w.U8(_next is null ? (byte)0 : (byte)1);
        Span<byte> next = w.Take(KeySize);
        if (_next is not null)
        {
            using SecretReadLease n = _next.OpenRead();
            n.Span.CopyTo(next);
        }
        else
        {
            next.Clear();
        }
        w.U32((uint)_count);
        if (_count > 0)
        {
            using SecretReadLease h = _history!.OpenRead();
            w.Bytes(h.Span[..(_count * EntrySize)]);
        }
    }

    internal static SpqrChainDirection Import(ref SpqrRecordReader r)
    {
        uint ctr = r.U32();
        bool hasNext = r.Bool();
        ReadOnlySpan<byte> next = r.Take(KeySize);
        uint count = r.U32();
        if (count > int.MaxValue / EntrySize) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
        ReadOnlySpan<byte> entries = r.Take((int)count * EntrySize);
        var d = new SpqrChainDirection(ctr, hasNext ? Secret.CopyFrom(next) : null);
        if (count > 0)
        {
            d._history = Secret.CopyFrom(entries);
            d._count = (int)count;
        }
        return d;
    }

    public void Dispose()
    {
        _next?.Dispose();
        _history?.Dispose();
        _next = null;
        _history = null;
        _count = 0;
    }
}
