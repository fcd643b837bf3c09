// One message's decryption as a transaction over a RatchetState (Double Ratchet specification section 3.5,
// RatchetDecrypt with TrySkippedMessageKeys, SkipMessageKeys and DHRatchet; libsignal's decrypt_message_with_state):
//   1. the receiving chain for the message's ratchet key, or a DH ratchet step computed into new objects;
//   2. the message key seed: a stored skipped key (counter behind the chain; none left: Duplicate), or the chain
//      advanced to the counter (at most MaxForwardJumps ahead: TooFarAhead) with the skipped seeds kept aside;
//   3. SPQR's receive key, computed without changing SPQR's state (SpqrState.PrepareRecv; its key, when it has
//      one, salts the message keys);
//   4. the message keys, the truncated MAC over both identity keys (BadMac), the addresses (AddressMismatch),
//      AES-256-CBC with its padding checked (BadCiphertext), into the session's plaintext scratch.
// Only Commit changes the state: first SPQR's braid takes the message (SpqrState.CommitRecv: the braid's own checks,
// which need decoded chunks, either fail with nothing changed or apply), then everything else, which cannot fail.
// Release discards whatever was not committed. libsignal runs the same checks on a cloned SessionState; the
// transaction copies nothing. On a chain that exists already (no DH ratchet step) it allocates nothing either: the
// transaction object is the session's, and the advanced chain key, SPQR's chain value and the plaintext go to the
// session's working area (RatchetState.Work), whose span the caller passes to every step under one write lease (one
// lease per message instead of one per value and step), wiped by Release as far as it was used.
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Crypto.Aead;
using NoFuture.Memory;
using NoFuture.Sessions.Protocol;
using NoFuture.Sessions.Spqr;

namespace NoFuture.Sessions.Ratchet;

internal sealed class DecryptTransaction : IDisposable
{
    private const int ChainKeyAt = RatchetState.WorkChainKeyOffset, SpqrNextAt = RatchetState.WorkSpqrNextOffset,
        PlaintextAt = RatchetState.WorkPlaintextOffset, KeySize = RatchetState.KeySize;

    private readonly RatchetState _state;
    private ReceiverChain? _chain;
    private int _takenSkipped = -1;
    private uint _advancedIndex;
    private readonly List<(uint Counter, Secret Seed)> _newSkipped = [];
    private Secret? _newRoot, _newSenderChainKey;
    private X25519PrivateKey? _newSender;
    private ReceiverChain? _newChain;
    private Range _pqRatchet;
    private int _ciphertextLength;                // plaintext bytes written (and to wipe): in the work area, or
    private Secret? _largePlaintext;              // in this when the message is longer than the work area holds
    private bool _prepared, _committed;

    /// <summary>One per session (<see cref="RatchetState.Transaction"/>), reused under the session's lock.</summary>
    internal DecryptTransaction(RatchetState state) => _state = state;

    internal int PlaintextLength { get; private set; }

    /// <summary>Runs every check of a SignalMessage (section comment above); throws SessionException, state unchanged
    /// (and <paramref name="work"/> wiped). <paramref name="work"/> is the span of a write lease on
    /// <see cref="RatchetState.Work"/>, the same for every step up to <see cref="Release"/>.</summary>
    internal static DecryptTransaction Prepare(RatchetState state, ReadOnlySpan<byte> message, Span<byte> work)
    {
        if (!WireFormat.TryParseSignalMessage(message, out WireFormat.SignalMessageView view, out bool versionOk))
            SessionThrowHelper.Rejected(SessionError.Malformed, "message");
        if (!versionOk) SessionThrowHelper.Rejected(SessionError.UnsupportedVersion, "message");
        DecryptTransaction t = state.Transaction;
        if (t._prepared) SpqrThrowHelper.Invariant("decrypt transaction in use");
        t._prepared = true;
        t._committed = false;
        try
        {
            t.Run(message, view, work);
            return t;
        }
        catch
        {
            t.Release(work);
            throw;
        }
    }

    [SkipLocalsInit] // every scratch byte is written before it is read; the scratch is wiped in finally
    private void Run(ReadOnlySpan<byte> message, in WireFormat.SignalMessageView view, Span<byte> work)
    {
        QuantumSessionOptions options = _state.Options;
        ReadOnlySpan<byte> ratchetKey = message.Slice(view.RatchetKey, 32);
        uint counter = view.Counter;
        Span<byte> scratch = stackalloc byte[32 * 4 + 128 + RatchetKdf.MessageKeysSize];
        Span<byte> ck = scratch[..32], seed = scratch[32..64], dh = scratch[64..96], pqKey = scratch[96..128],
            rc = scratch[128..192], rc2 = scratch[192..256], keys = scratch[256..];
        try
        {
            uint index;
            _chain = _state.FindReceiver(ratchetKey);
            if (_chain is null)
            {
                // DHRatchet: RK, CKr = KDF_RK(RK, DH(DHs, DHr)); DHs = new; RK, CKs = KDF_RK(RK, DH(DHs, DHr)).
                if (!_state.SenderRatchet.Agree(ratchetKey, dh)) SessionThrowHelper.Rejected(SessionError.InvalidKey, "message's ratchet key");
                using (SecretReadLease root = _state.RootKey.OpenRead()) RatchetKdf.RootStep(root.Span, dh, rc);
                rc[32..].CopyTo(ck);
                _newSender = RatchetState.NewRatchetKey();
                if (!_newSender.Agree(ratchetKey, dh)) SessionThrowHelper.Rejected(SessionError.InvalidKey, "message's ratchet key");
                RatchetKdf.RootStep(rc[..32], dh, rc2);
                _newRoot = Secret.CopyFrom(rc2[..32]);
                _newSenderChainKey = Secret.CopyFrom(rc2[32..]);
                index = 0;
            }
            else
            {
                using (SecretReadLease chainKey = _chain.ChainKey.OpenRead()) chainKey.Span.CopyTo(ck);
                index = _chain.Index;
            }

            bool advanced = false;
            if (counter < index)
            {
                // Only an existing chain can be behind (a new chain starts at 0).
                _takenSkipped = _chain!.FindSkipped(counter);
                if (_takenSkipped < 0) SessionThrowHelper.Rejected(SessionError.Duplicate, "message");
                using SecretReadLease stored = _chain.Skipped[_takenSkipped].Seed.OpenRead();
                stored.Span.CopyTo(seed);
            }
            else
            {
                if (counter - index > (uint)options.MaxForwardJumps) SessionThrowHelper.Rejected(SessionError.TooFarAhead, "message");
                while (index < counter)
                {
                    // Only the newest MaxMessageKeys skipped seeds could survive the trim at commit; older ones are not kept.
                    if (counter - index <= (uint)options.MaxMessageKeys)
                    {
                        RatchetKdf.MessageKeySeed(ck, seed);
                        _newSkipped.Add((index, Secret.CopyFrom(seed)));
                    }
                    RatchetKdf.NextChainKey(ck, ck);
                    index++;
                }
                RatchetKdf.ChainStep(ck, seed, ck);
                _advancedIndex = counter + 1;
                advanced = true;
            }

            bool hasKey;
            _pqRatchet = view.PqRatchet;
            try
            {
                hasKey = _state.Spqr.PrepareRecv(message[view.PqRatchet], pqKey, work.Slice(SpqrNextAt, KeySize));
            }
            catch (CryptographicException)
            {
                SessionThrowHelper.Rejected(SessionError.PostQuantumRatchet, "message");
                return;
            }
            RatchetKdf.MessageKeys(seed, hasKey ? pqKey : default, keys);

            // The MAC covers sender identity ‖ receiver identity ‖ everything before the MAC (protocol.rs, compute_mac).
            Span<byte> mac = dh; // reuse: 32 bytes
            RatchetKdf.Hmac(keys[32..64], _state.RemoteIdentity, _state.LocalIdentity, message[..^WireFormat.MacSize], mac);
            if (!CryptographicOperations.FixedTimeEquals(mac[..WireFormat.MacSize], message[^WireFormat.MacSize..]))
                SessionThrowHelper.Rejected(SessionError.BadMac, "message");

            if (view.HasAddresses && options.LocalAddress is SessionAddress local && options.RemoteAddress is SessionAddress remote)
            {
                Span<byte> expected = stackalloc byte[WireFormat.AddressesSize];
                WireFormat.WriteAddresses(expected, remote, local);
                if (!expected.SequenceEqual(message[view.Addresses])) SessionThrowHelper.Rejected(SessionError.AddressMismatch, "message");
            }

            ReadOnlySpan<byte> ciphertext = message[view.Ciphertext];
            if (ciphertext.IsEmpty) SessionThrowHelper.Rejected(SessionError.BadCiphertext, "message");
            int length;
            if (ciphertext.Length <= work.Length - PlaintextAt)
            {
                _ciphertextLength = ciphertext.Length; // set before writing: Release wipes what a failed padding check left
                length = Aes256Cbc.Decrypt(keys[..32], keys[64..80], ciphertext, work.Slice(PlaintextAt, ciphertext.Length));
            }
            else
            {
                _largePlaintext = _state.LargePlaintext(ciphertext.Length);
                _ciphertextLength = ciphertext.Length;
                using SecretWriteLease output = _largePlaintext.OpenWrite();
                length = Aes256Cbc.Decrypt(keys[..32], keys[64..80], ciphertext, output.Span[..ciphertext.Length]);
            }
            if (length < 0) SessionThrowHelper.Rejected(SessionError.BadCiphertext, "message");
            PlaintextLength = length;

            if (_chain is null) _newChain = new ReceiverChain(ratchetKey.ToArray(), Secret.CopyFrom(ck), _advancedIndex);
            else if (advanced) ck.CopyTo(work.Slice(ChainKeyAt, KeySize));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch);
        }
    }

    /// <summary>
    /// Applies the message: SPQR's braid takes it first (the one step that can still fail, with nothing changed:
    /// SessionError.PostQuantumRatchet), then every computed change is swapped into the state. Call once, after
    /// <see cref="Prepare"/>, with the same message and working span.
    /// </summary>
    internal void Commit(ReadOnlySpan<byte> message, ReadOnlySpan<byte> work)
    {
        if (!_prepared || _committed) SpqrThrowHelper.Invariant("decrypt transaction not prepared");
        try
        {
            _state.Spqr.CommitRecv(message[_pqRatchet], work.Slice(SpqrNextAt, KeySize));
        }
        catch (CryptographicException)
        {
            SessionThrowHelper.Rejected(SessionError.PostQuantumRatchet, "message");
        }
        ReceiverChain chain;
        if (_newChain is not null)
        {
            _state.ApplyRatchetStep(_newRoot!, _newSender!, _newSenderChainKey!, _newChain);
            chain = _newChain;
            _newRoot = _newSenderChainKey = null;
            _newSender = null;
            _newChain = null;
        }
        else
        {
            chain = _chain!;
            if (_takenSkipped >= 0)
            {
                chain.Skipped[_takenSkipped].Seed.Dispose();
                chain.Skipped.RemoveAt(_takenSkipped);
            }
            else
            {
                // The advanced key overwrites the used one (forward secrecy: the used chain key is gone); its copy in
                // the work area is wiped by Release.
                using (SecretWriteLease chainKey = chain.ChainKey.OpenWrite()) work.Slice(ChainKeyAt, KeySize).CopyTo(chainKey.Span);
                chain.Index = _advancedIndex;
            }
        }
        if (_newSkipped.Count > 0)
        {
            chain.Skipped.AddRange(_newSkipped);
            _newSkipped.Clear();
        }
        int excess = chain.Skipped.Count - _state.Options.MaxMessageKeys;
        if (excess > 0)
        {
            for (int i = 0; i < excess; i++) chain.Skipped[i].Seed.Dispose();
            chain.Skipped.RemoveRange(0, excess);
        }
        // A message from the peer acknowledges the handshake (libsignal: clear_unacknowledged_pre_key_message).
        _state.Pending = null;
        _committed = true;
    }

    internal bool Committed => _committed;

    /// <summary>Copies the plaintext (<see cref="PlaintextLength"/> bytes) to <paramref name="destination"/>.</summary>
    internal void CopyPlaintext(ReadOnlySpan<byte> work, Span<byte> destination)
    {
        if (_largePlaintext is null)
        {
            work.Slice(PlaintextAt, PlaintextLength).CopyTo(destination);
            return;
        }
        using SecretReadLease plaintext = _largePlaintext.OpenRead();
        plaintext.Span[..PlaintextLength].CopyTo(destination);
    }

    /// <summary>The plaintext in a new Secret of its length; null when it is empty (a Secret is never empty).</summary>
    internal Secret? TakePlaintext(ReadOnlySpan<byte> work)
    {
        if (PlaintextLength == 0) return null;
        Secret result = Secret.Allocate(PlaintextLength);
        using SecretWriteLease target = result.OpenWrite();
        CopyPlaintext(work, target.Span);
        return result;
    }

    /// <summary>Releases whatever was not committed and wipes what the message wrote to the working area (and to the
    /// large plaintext Secret); the transaction is ready for the next message. Call it, with the same span, after
    /// every successful <see cref="Prepare"/> (a failing one calls it itself).</summary>
    internal void Release(Span<byte> work)
    {
        Dispose();
        // One wipe for the chain key, SPQR's chain value and the plaintext bytes this message wrote.
        CryptographicOperations.ZeroMemory(work[..(PlaintextAt + (_largePlaintext is null ? _ciphertextLength : 0))]);
        if (_largePlaintext is not null)
        {
            using SecretWriteLease p = _largePlaintext.OpenWrite();
            CryptographicOperations.ZeroMemory(p.Span[.._ciphertextLength]);
        }
        _largePlaintext = null;
        PlaintextLength = 0;
        _ciphertextLength = 0;
        _chain = null;
        _takenSkipped = -1;
        _prepared = false;
    }

    /// <summary>Disposes what the transaction computed and did not commit (the working area is the session's).</summary>
    public void Dispose()
    {
        foreach ((_, Secret seed) in _newSkipped) seed.Dispose();
        _newSkipped.Clear();
        _newRoot?.Dispose();
        _newSenderChainKey?.Dispose();
        _newSender?.Dispose();
        _newChain?.Dispose();
        _newRoot = _newSenderChainKey = null;
        _newSender = null;
        _newChain = null;
    }
}
