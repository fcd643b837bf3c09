// The Double Ratchet state of one session (Signal's Double Ratchet specification, section 3.2 and 3.5 with skipped
// keys; libsignal's SessionState and its session cipher), with SPQR's state beside it (the triple ratchet):
//   RK (root key), DHs (our ratchet key pair), CKs and its index (sending chain), PN (previous counter), up to
//   MaxReceiverChains receiving chains (peer ratchet key, CKr and index, skipped keys), the SPQR state, both identity
//   keys (for the MAC) and, for the initiator until the first reply, the prekey message fields.
// Every key is in a Secret or an X25519PrivateKey (whose scalar is a Secret); stack scratch is wiped in finally.
// Decryption is take-then-commit: DecryptTransaction computes everything a message needs (a DH ratchet step, chain
// advance, skipped keys, SPQR's key without moving SPQR) into new objects or this state's working Secrets, checks the
// MAC and the padding, and only Commit applies them (SPQR's braid first, the only step of Commit that can fail, and
// then with nothing changed). A message failing any check leaves this object's keys untouched.
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Crypto.Aead;
using NoFuture.Memory;
using NoFuture.Sessions.Protocol;
using NoFuture.Sessions.Spqr;

namespace NoFuture.Sessions.Ratchet;

internal sealed partial class RatchetState : IDisposable
{
    internal const int KeySize = RatchetKdf.KeySize;

    internal RatchetState(QuantumSessionOptions options, byte[] localIdentity, byte[] remoteIdentity, uint localRegistrationId,
        Secret rootKey, X25519PrivateKey senderRatchet, Secret senderChainKey, SpqrState spqr)
    {
        Options = options;
        LocalIdentity = localIdentity;
        RemoteIdentity = remoteIdentity;
        LocalRegistrationId = localRegistrationId;
        RootKey = rootKey;
        SenderRatchet = senderRatchet;
        SenderChainKey = senderChainKey;
        Spqr = spqr;
    }

    internal QuantumSessionOptions Options { get; }

    /// <summary>Our identity key, serialized (33 bytes).</summary>
    internal byte[] LocalIdentity { get; }

    /// <summary>The peer's identity key, serialized (33 bytes).</summary>
    internal byte[] RemoteIdentity { get; }

    internal uint LocalRegistrationId { get; }

    internal Secret RootKey { get; private set; }

    internal X25519PrivateKey SenderRatchet { get; private set; }

    internal Secret SenderChainKey { get; private set; }

    internal uint SenderIndex { get; private set; }

    internal uint PreviousCounter { get; private set; }

    internal List<ReceiverChain> Receivers { get; } = [];

    internal SpqrState Spqr { get; private set; }

    internal PendingPreKey? Pending { get; set; }

    /// <summary>The responder's record of the initiator's base key (32 bytes), to match later prekey messages.</summary>
    internal byte[]? RemoteBaseKey { get; set; }

    internal static X25519PrivateKey NewRatchetKey() => X25519PrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);

    internal ReceiverChain? FindReceiver(ReadOnlySpan<byte> ratchetKey)
    {
        // Newest first: the chain the peer sends on now is the last one added.
        for (int i = Receivers.Count - 1; i >= 0; i--)
        {
            if (ratchetKey.SequenceEqual(Receivers[i].RatchetKey)) return Receivers[i];
        }
        return null;
    }

    internal void AddReceiver(ReceiverChain chain)
    {
        Receivers.Add(chain);
        while (Receivers.Count > QuantumSessionOptions.MaxReceiverChains)
        {
            Receivers[0].Dispose();
            Receivers.RemoveAt(0);
        }
    }

    /// <summary>Encrypts one message (section 3.3, RatchetEncrypt) and returns its wire bytes: a PreKeySignalMessage
    /// while the handshake is unacknowledged, else a SignalMessage. The returned array is the only allocation of a
    /// SignalMessage: SPQR's part is built on the stack.</summary>
    [SkipLocalsInit] // every scratch byte is written before it is read; the secret ones are wiped in finally
    internal byte[] Encrypt(ReadOnlySpan<byte> plaintext)
    {
        // A counter that wrapped would reuse message keys; libsignal's counters are u32 too. A chain this long never
        // happens in practice (the peer's reply starts a new chain), so it is refused rather than handled.
        if (SenderIndex == uint.MaxValue) SessionThrowHelper.InvalidOperation("The sending chain is exhausted; a message from the peer starts a new one.");
        Span<byte> scratch = stackalloc byte[KeySize * 4 + RatchetKdf.MessageKeysSize];
        Span<byte> seed = scratch[..32], pqKey = scratch[32..64], mac = scratch[64..96], next = scratch[96..128], keys = scratch[128..];
        Span<byte> pq = stackalloc byte[SpqrMessage.MaxSerializedSize]; // public: SignalMessage field 5
        try
        {
            using SecretWriteLease chainKey = SenderChainKey.OpenWrite();
            RatchetKdf.ChainStep(chainKey.Span, seed, next); // the next chain key is installed once the message is built
            pq = pq[..Spqr.Send(pq, pqKey, out bool hasKey)];
            RatchetKdf.MessageKeys(seed, hasKey ? pqKey : default, keys);

            Span<byte> addresses = stackalloc byte[WireFormat.AddressesSize];
            bool withAddresses = Pending is not null && Options.LocalAddress.HasValue && Options.RemoteAddress.HasValue;
            if (withAddresses) WireFormat.WriteAddresses(addresses, Options.LocalAddress!.Value, Options.RemoteAddress!.Value);
            int ciphertextLength = Aes256Cbc.CiphertextLength(plaintext.Length);
            byte[] message = new byte[WireFormat.SignalMessageSize(ciphertextLength, pq.Length, withAddresses, SenderIndex, PreviousCounter)];
            int offset = WireFormat.WriteSignalMessageHeader(message, SenderRatchet.PublicKey, SenderIndex, PreviousCounter,
                ciphertextLength, pq, withAddresses ? addresses : default, out Range macRange);
            Aes256Cbc.Encrypt(keys[..32], keys[64..80], plaintext, message.AsSpan(offset, ciphertextLength));
            RatchetKdf.Hmac(keys[32..64], LocalIdentity, RemoteIdentity, message.AsSpan(0, macRange.Start.Value), mac);
            mac[..WireFormat.MacSize].CopyTo(message.AsSpan(macRange));

            next.CopyTo(chainKey.Span);
            SenderIndex++;
            if (Pending is not PendingPreKey p) return message;
            byte[] wrapped = new byte[WireFormat.PreKeyMessageSize(p.RegistrationId, p.PreKeyId, p.SignedPreKeyId, p.KyberPreKeyId,
                p.KyberCiphertext.Length, message.Length)];
            WireFormat.WritePreKeyMessage(wrapped, p.RegistrationId, p.PreKeyId, p.SignedPreKeyId, p.KyberPreKeyId, p.KyberCiphertext,
                p.BaseKey, LocalIdentity.AsSpan(1), message);
            return wrapped;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch);
        }
    }

    // The decrypt working area: one Secret, so that a whole message needs one lease on it (QuantumSession opens it
    // around the transaction and passes its span down): the receiving chain's advanced key, SPQR's chain value
    // between prepare and commit, and the plaintext. A plaintext longer than WorkPlaintextCapacity goes to a separate
    // Secret, allocated only once the message's MAC has passed (an unauthenticated length never sizes secret memory).
    internal const int WorkChainKeyOffset = 0, WorkSpqrNextOffset = KeySize, WorkPlaintextOffset = 2 * KeySize;
    internal const int WorkPlaintextCapacity = 2048;

    private DecryptTransaction? _transaction;
    private Secret? _work, _largePlaintext;

    /// <summary>The session's decrypt transaction, reused for every message (calls are serialized by the session).</summary>
    internal DecryptTransaction Transaction => _transaction ??= new DecryptTransaction(this);

    /// <summary>The decrypt working area (layout above); wiped after each message as far as it was used.</summary>
    internal Secret Work => _work ??= Secret.Allocate(WorkPlaintextOffset + WorkPlaintextCapacity);

    /// <summary>The plaintext scratch for messages longer than the working area's, at least
    /// <paramref name="length"/> bytes (grown when needed, never shrunk; wiped after each message).</summary>
    internal Secret LargePlaintext(int length)
    {
        if (_largePlaintext is null || _largePlaintext.Length < length)
        {
            _largePlaintext?.Dispose();
            _largePlaintext = null;
            _largePlaintext = Secret.Allocate(length);
        }
        return _largePlaintext;
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        _work?.Dispose();
        _largePlaintext?.Dispose();
        RootKey.Dispose();
        SenderRatchet.Dispose();
        SenderChainKey.Dispose();
        foreach (ReceiverChain chain in Receivers) chain.Dispose();
        Receivers.Clear();
        Spqr.Dispose();
    }

    /// <summary>Swaps in a committed DH ratchet step (section 3.5, DHRatchet).</summary>
    internal void ApplyRatchetStep(Secret newRoot, X25519PrivateKey newSender, Secret newSenderChainKey, ReceiverChain newChain)
    {
        RootKey.Dispose();
        RootKey = newRoot;
        SenderRatchet.Dispose();
        SenderRatchet = newSender;
        // libsignal: the previous sending chain's last index, saturating at 0.
        PreviousCounter = SenderIndex == 0 ? 0 : SenderIndex - 1;
        SenderChainKey.Dispose();
        SenderChainKey = newSenderChainKey;
        SenderIndex = 0;
        AddReceiver(newChain);
    }

    /// <summary>Swaps in another SPQR state. Tests only (PostCompromiseTests builds the quantum adversary's twin with
    /// it); a session record import now reads its SPQR state before the state is built.</summary>
    internal void ReplaceSpqr(SpqrState spqr)
    {
        Spqr.Dispose();
        Spqr = spqr;
    }

    /// <summary>Restores counters from an exported record.</summary>
    internal void SetCounters(uint senderIndex, uint previousCounter)
    {
        SenderIndex = senderIndex;
        PreviousCounter = previousCounter;
    }
}
