// SPQR V1 (Signal's Sparse Post-Quantum Ratchet, the ML-KEM braid) as libsignal 0.103 drives it, read from the Rust
// crate spqr v1.5.3 (src/lib.rs: initial_state, send, recv) and libsignal's rust/protocol/src/ratchet.rs
// (version V1, min_version V1: SPQR is required, so the key chain starts from the auth key and every message from
// the first one carries a key; chain params max_jump 25,000 / max_ooo_keys 2,000).
//   send: the braid's next message; an epoch secret it produces is added to the chain; the message key is the next
//     send key of epoch (message epoch - 1); the index goes on the wire.
//   recv: version byte 0 (or an empty field) is rejected (libsignal requires V1), above 1 is ignored with no key (a
//     future version, as the crate does); then the braid takes the message, an epoch secret it produces is added to
//     the chain, and the key is the receive key (epoch - 1, index). Epoch 1 with index 0 has no key (only a sender
//     without a chain, which V1-required sessions never are, sends that).
// Our state is kept in NoFuture.Memory (SpqrBraid, SpqrChain), not as the crate's serialized protobuf, and a rejected
// message changes nothing: the chain request is checked first, the braid applies only after its own checks, and
// the chain, already checked, cannot fail after that.
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace NoFuture.Sessions.Spqr;

/// <summary>Which side of the session this SPQR state is: A is the PQXDH initiator (libsignal's Alice uses A2B).</summary>
internal enum SpqrDirection
{
    /// <summary>The initiator: starts by sending the ML-KEM header.</summary>
    A2B,

    /// <summary>The responder: starts by waiting for the header.</summary>
    B2A,
}

/// <summary>One party's SPQR state: the braid and its key chains, every secret in NoFuture.Memory.</summary>
internal sealed partial class SpqrState : IDisposable
{
    internal const int MessageKeySize = 32;
    internal const int AuthKeySize = 32;
    private const byte FormatVersion = 1;

    private readonly SpqrBraid _braid;
    private readonly SpqrChain _chain;

    private SpqrState(SpqrBraid braid, SpqrChain chain)
    {
        _braid = braid;
        _chain = chain;
    }

    /// <summary>spqr::initial_state with version V1 and min_version V1.</summary>
    /// <param name="direction">A2B for the PQXDH initiator, B2A for the responder.</param>
    /// <param name="authKey">The 32-byte SPQR auth key PQXDH derives.</param>
    /// <param name="maxJump">ChainParams.max_jump: 0 for the default (25,000). libsignal's u32::MAX for a session
    /// with oneself is int.MaxValue here (both unreachable in practice).</param>
    /// <param name="maxOutOfOrderKeys">ChainParams.max_ooo_keys: 0 for the default (2,000).</param>
    internal static SpqrState Create(SpqrDirection direction, ReadOnlySpan<byte> authKey, int maxJump, int maxOutOfOrderKeys)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxJump);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutOfOrderKeys);
        if (authKey.Length != AuthKeySize) SpqrThrowHelper.WrongSize(nameof(authKey), AuthKeySize);
        bool a2b = direction == SpqrDirection.A2B;
        SpqrBraid braid = SpqrBraid.Create(a2b, authKey);
        try
        {
            return new SpqrState(braid, SpqrChain.Create(authKey, a2b, (uint)maxJump, (uint)maxOutOfOrderKeys));
        }
        catch
        {
            braid.Dispose();
            throw;
        }
    }

    /// <summary>Epochs whose secret this side derived (the chain's current epoch).</summary>
    internal int EpochsCompleted => (int)Math.Min(_chain.CurrentEpoch, int.MaxValue);

    /// <summary>The braid's current epoch and state, for tests and diagnostics.</summary>
    internal (ulong Epoch, SpqrBraidState State) Braid => (_braid.Epoch, _braid.State);

    /// <summary>spqr::send: the message bytes for SignalMessage field 5 and the 32-byte message key.</summary>
    internal byte[] Send(Span<byte> messageKey, out bool hasKey)
    {
        Span<byte> message = stackalloc byte[SpqrMessage.MaxSerializedSize];
        return message[..Send(message, messageKey, out hasKey)].ToArray();
    }

    /// <summary>spqr::send into <paramref name="message"/> (at least <see cref="SpqrMessage.MaxSerializedSize"/>
    /// bytes, public); returns its length. The session's encrypt path, which allocates nothing here.</summary>
    [SkipLocalsInit] // every byte of the scratch is written before it is read
    internal int Send(Span<byte> message, Span<byte> messageKey, out bool hasKey)
    {
        if (messageKey.Length != MessageKeySize) SpqrThrowHelper.WrongSize(nameof(messageKey), MessageKeySize);
        if (message.Length < SpqrMessage.MaxSerializedSize) SpqrThrowHelper.WrongSize(nameof(message), SpqrMessage.MaxSerializedSize);
        Span<byte> chunk = stackalloc byte[SpqrMessage.ChunkSize]; // public (erasure-code data)
        Span<byte> epochSecret = stackalloc byte[SpqrBraid.SecretSize];
        try
        {
            (ulong epoch, SpqrMessageType type, ushort chunkIndex) = _braid.Send(epochSecret, chunk, out ulong secretEpoch);
            if (secretEpoch != 0) _chain.AddEpoch(secretEpoch, epochSecret);
            uint index = _chain.SendKey(epoch - 1, messageKey);
            hasKey = true;
            return new SpqrMessage(epoch, index, type, SpqrMessage.HasChunk(type) ? new SpqrChunk(chunkIndex, chunk) : default).SerializeTo(message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(epochSecret);
        }
    }

    /// <summary>spqr::recv: writes the 32-byte message key and returns true, or returns false when the message
    /// carries none (a future version, or epoch 1 index 0). <see cref="PrepareRecv"/> then <see cref="CommitRecv"/>.</summary>
    /// <exception cref="SpqrException">The message is malformed, out of range, replayed or fails a MAC; the state is unchanged.</exception>
    internal bool Recv(ReadOnlySpan<byte> message, Span<byte> messageKey)
    {
        Span<byte> nextAfter = stackalloc byte[MessageKeySize];
        try
        {
            bool hasKey = PrepareRecv(message, messageKey, nextAfter);
            CommitRecv(message, nextAfter);
            return hasKey;
        }
        catch
        {
            CryptographicOperations.ZeroMemory(messageKey);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(nextAfter);
        }
    }

    /// <summary>
    /// The first half of spqr::recv, changing nothing: parses the message, runs every check that needs no braid
    /// work (version, key epoch and index, braid epoch) and computes the message key (into
    /// <paramref name="messageKey"/>) with the chain value after it (into <paramref name="nextAfter"/>, 32 bytes of
    /// secret scratch for <see cref="CommitRecv"/>). Returns false, with no key, as <see cref="Recv"/> does. The
    /// message key of epoch e never depends on what the braid does with this message: the braid can complete only
    /// epoch e + 1.
    /// </summary>
    /// <exception cref="SpqrException">A check failed; nothing changed.</exception>
    internal bool PrepareRecv(ReadOnlySpan<byte> message, Span<byte> messageKey, Span<byte> nextAfter)
    {
        if (messageKey.Length != MessageKeySize) SpqrThrowHelper.WrongSize(nameof(messageKey), MessageKeySize);
        if (nextAfter.Length != MessageKeySize) SpqrThrowHelper.WrongSize(nameof(nextAfter), MessageKeySize);
        messageKey.Clear();
        if (message.IsEmpty || message[0] == 0) SpqrThrowHelper.Rejected(SpqrError.VersionRejected);
        if (message[0] > SpqrMessage.Version1) return false;
        SpqrMessage msg = SpqrMessage.Deserialize(message);
        ulong keyEpoch = msg.Epoch - 1;
        bool wantKey = !(keyEpoch == 0 && msg.Index == 0);
        if (wantKey)
        {
            SpqrError e = _chain.CheckRecvKey(keyEpoch, msg.Index);
            if (e != SpqrError.Unknown) SpqrThrowHelper.Rejected(e);
        }
        if (!_braid.AcceptsEpoch(msg.Epoch)) SpqrThrowHelper.Rejected(SpqrError.EpochOutOfRange);
        if (wantKey) _chain.PeekRecvKey(keyEpoch, msg.Index, messageKey, nextAfter);
        return wantKey;
    }

    /// <summary>
    /// The second half of spqr::recv, for the message <see cref="PrepareRecv"/> accepted, with nothing changed in
    /// between: the braid takes the message (its own checks, which need the decoded data, run here: a MAC or the
    /// encapsulation key failing leaves everything unchanged and throws), then the chain moves.
    /// </summary>
    /// <exception cref="SpqrException">The braid rejected the message; nothing changed.</exception>
    [SkipLocalsInit] // the braid writes epochSecret before anything reads it; it is wiped
    internal void CommitRecv(ReadOnlySpan<byte> message, ReadOnlySpan<byte> nextAfter)
    {
        if (message.IsEmpty || message[0] == 0) SpqrThrowHelper.Rejected(SpqrError.VersionRejected);
        if (message[0] > SpqrMessage.Version1) return;
        SpqrMessage msg = SpqrMessage.Deserialize(message);
        ulong keyEpoch = msg.Epoch - 1;
        bool wantKey = !(keyEpoch == 0 && msg.Index == 0);
        Span<byte> epochSecret = stackalloc byte[SpqrBraid.SecretSize];
        try
        {
            ulong secretEpoch = _braid.Recv(msg, epochSecret);
            if (secretEpoch != 0) _chain.AddEpoch(secretEpoch, epochSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(epochSecret);
        }
        if (wantKey) _chain.CommitRecvKey(keyEpoch, msg.Index, nextAfter);
    }

    /// <summary>A deep copy; every secret in a fresh allocation.</summary>
    internal SpqrState Clone()
    {
        SpqrBraid braid = _braid.Clone();
        try
        {
            return new SpqrState(braid, _chain.Clone());
        }
        catch
        {
            braid.Dispose();
            throw;
        }
    }

    /// <summary>Length of <see cref="Export"/>'s record (our format, not libsignal's protobuf).</summary>
    internal int ExportedLength => 1 + _braid.ExportedLength + _chain.ExportedLength;

    /// <summary>Writes the state record; <paramref name="destination"/> should be secret memory.</summary>
    internal void Export(Span<byte> destination)
    {
        if (destination.Length != ExportedLength) SpqrThrowHelper.WrongSize(nameof(destination), ExportedLength);
        var w = new SpqrRecordWriter(destination);
        w.U8(FormatVersion);
        _braid.Export(ref w);
        _chain.Export(ref w);
    }

    /// <summary>Reads a record written by <see cref="Export"/>.</summary>
    /// <exception cref="SpqrException">The record does not parse (<see cref="SpqrError.StateDecode"/>).</exception>
    internal static SpqrState Import(ReadOnlySpan<byte> exported)
    {
        var r = new SpqrRecordReader(exported);
        if (r.U8() != FormatVersion) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
        SpqrBraid braid = SpqrBraid.Import(ref r);
        try
        {
            SpqrChain chain = SpqrChain.Import(ref r);
            try
            {
                r.End();
                if (!Consistent(braid, chain)) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
                return new SpqrState(braid, chain);
            }
            catch
            {
                chain.Dispose();
                throw;
            }
        }
        catch
        {
            braid.Dispose();
            throw;
        }
    }

    /// <summary>The braid and the chain move in step: the encapsulating side adds epoch e's secret when it
    /// encapsulates (Ct1Sampled onward), the key holder when it decapsulates (and then stands at e + 1).</summary>
    private static bool Consistent(SpqrBraid braid, SpqrChain chain)
    {
        bool added = braid.State is SpqrBraidState.Ct1Sampled or SpqrBraidState.EkReceivedCt1Sampled
            or SpqrBraidState.Ct1Acknowledged or SpqrBraidState.Ct2Sampled;
        return chain.CurrentEpoch == (added ? braid.Epoch : braid.Epoch - 1);
    }

    /// <summary>Wipes every secret.</summary>
    public void Dispose()
    {
        _braid.Dispose();
        _chain.Dispose();
    }
}
