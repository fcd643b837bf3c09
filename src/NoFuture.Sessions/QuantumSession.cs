// The public face of a 1:1 session: PQXDH to start (Handshake/Pqxdh.cs), then the Double Ratchet with SPQR mixed into
// every message key (Ratchet/), on libsignal 0.103's wire format (Protocol/WireFormat.cs). See docs/sessions.md.
// Every call is serialized on one lock, so concurrent callers see the messages in some order and never a torn state.
using NoFuture.Memory;
using NoFuture.Sessions.Handshake;
using NoFuture.Sessions.Protocol;
using NoFuture.Sessions.Ratchet;

namespace NoFuture.Sessions;

/// <summary>
/// A post-quantum 1:1 session, wire-compatible with libsignal: PQXDH (revision 3) to start, then the Double Ratchet
/// with the SPQR post-quantum ratchet mixed into every message key. All keys live in NoFuture.Memory.
/// </summary>
/// <remarks>
/// Thread-safe: calls are serialized inside. A message that fails any check throws <see cref="SessionException"/> and
/// changes nothing: no ratchet step, no key consumed, no output written. <see cref="Dispose"/> wipes every key.
/// Authentication of the peer's identity key is the caller's job (compare <see cref="ExportRemoteIdentityKey"/> out of band,
/// as Signal's safety numbers do).
/// </remarks>
public sealed class QuantumSession : IDisposable
{
    private readonly Lock _lock = new();
    private readonly RatchetState _state;
    private bool _disposed;

    private QuantumSession(RatchetState state) => _state = state;

    /// <summary>
    /// Starts a session with the owner of <paramref name="bundle"/> (PQXDH initiator). The messages this session
    /// encrypts are PreKeySignalMessages until the peer's first message arrives.
    /// </summary>
    /// <param name="identity">Our identity.</param>
    /// <param name="bundle">The peer's verified bundle (<see cref="PreKeyBundle.Import"/>).</param>
    /// <param name="options">Limits and addresses, or null for the defaults.</param>
    /// <returns>The session.</returns>
    /// <exception cref="SessionException">A bundle key gives an all-zero X25519 output (<see cref="SessionError.InvalidKey"/>).</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="identity"/> was disposed.</exception>
    public static QuantumSession Initiate(QuantumIdentity identity, PreKeyBundle bundle, QuantumSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(bundle);
        lock (identity.SyncRoot)
            return new QuantumSession(RatchetState.CreateInitiator(identity, bundle, options ?? QuantumSessionOptions.Default));
    }

    /// <summary>
    /// Accepts a session from a peer's first message, a PreKeySignalMessage (PQXDH responder), and decrypts it. The
    /// one-time prekey it used is consumed, and the same handshake is refused if it comes again.
    /// </summary>
    /// <param name="identity">Our identity, which made the bundle the peer used.</param>
    /// <param name="preKeyMessage">The message bytes.</param>
    /// <param name="plaintext">The first message's plaintext, in a new secret; null when it is empty (a secret is never
    /// empty).</param>
    /// <param name="options">Limits and addresses, or null for the defaults.</param>
    /// <returns>The session.</returns>
    /// <exception cref="SessionException">The message fails a check (see <see cref="SessionError"/>); nothing was created
    /// and no prekey was consumed.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="identity"/> was disposed.</exception>
    public static QuantumSession Accept(QuantumIdentity identity, ReadOnlySpan<byte> preKeyMessage, out Secret? plaintext,
        QuantumSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        options ??= QuantumSessionOptions.Default;
        if (!WireFormat.TryParsePreKeyMessage(preKeyMessage, out WireFormat.PreKeyMessageView view, out bool versionOk))
            SessionThrowHelper.Rejected(SessionError.Malformed, "prekey message");
        if (!versionOk) SessionThrowHelper.Rejected(SessionError.UnsupportedVersion, "prekey message");
        ReadOnlySpan<byte> theirIdentity = preKeyMessage.Slice(view.IdentityKey, 32);
        ReadOnlySpan<byte> baseKey = preKeyMessage.Slice(view.BaseKey, 32);
        lock (identity.SyncRoot)
        {
            using NoFuture.Crypto.X25519PrivateKey identityKey = identity.OpenIdentityKey(); // from its enclave, for this call
            NoFuture.Crypto.X25519PrivateKey? signedPreKey = identity.FindSignedPreKey(view.SignedPreKeyId);
            NoFuture.Crypto.Kyber1024Round3Key? kyberPreKey = identity.FindKyberPreKey(view.KyberPreKeyId);
            NoFuture.Crypto.X25519PrivateKey? oneTime = view.HasPreKeyId ? identity.FindOneTimePreKey(view.PreKeyId) : null;
            if (signedPreKey is null || kyberPreKey is null || (view.HasPreKeyId && oneTime is null))
                SessionThrowHelper.Rejected(SessionError.UnknownPreKey, "prekey message");
            string handshakeKey = QuantumIdentity.HandshakeKey(view.KyberPreKeyId, view.SignedPreKeyId, baseKey);
            if (identity.WasAccepted(handshakeKey)) SessionThrowHelper.Rejected(SessionError.PreKeyReplay, "prekey message");

            RatchetState state;
            using (Secret handshake = Pqxdh.Accept(identityKey, signedPreKey, oneTime, kyberPreKey, theirIdentity,
                       baseKey, preKeyMessage[view.KyberCiphertext]))
            {
                state = RatchetState.CreateResponder(identity, signedPreKey, handshake, theirIdentity, baseKey, options);
            }
            var session = new QuantumSession(state);
            try
            {
                plaintext = DecryptToSecret(state, preKeyMessage[view.Message]);
            }
            catch
            {
                session.Dispose();
                throw;
            }
            identity.CommitAccepted(handshakeKey, view.HasPreKeyId ? view.PreKeyId : null);
            return session;
        }
    }

    /// <summary>Whether <paramref name="message"/> is a PreKeySignalMessage (what <see cref="Accept"/> takes) rather
    /// than a SignalMessage. Both kinds go to <see cref="Decrypt(ReadOnlySpan{byte})"/> on an established session.</summary>
    /// <param name="message">The message bytes.</param>
    /// <returns>True for a PreKeySignalMessage.</returns>
    public static bool IsPreKeyMessage(ReadOnlySpan<byte> message) => WireFormat.IsPreKeyMessage(message);

    /// <summary>The peer's identity key, serialized (0x05 and 32 bytes), to compare out of band.</summary>
    /// <returns>A copy of the key.</returns>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public byte[] ExportRemoteIdentityKey()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return (byte[])_state.RemoteIdentity.Clone();
        }
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> into a message for the peer: a PreKeySignalMessage while the handshake is
    /// unacknowledged (the initiator before the peer's first message), else a SignalMessage.
    /// </summary>
    /// <param name="plaintext">The message content (may be empty).</param>
    /// <returns>The message's wire bytes (public).</returns>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    /// <exception cref="InvalidOperationException">The sending chain reached 2^32 - 1 messages without a reply.</exception>
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _state.Encrypt(plaintext);
        }
    }

    /// <summary>Decrypts a message from the peer into a new secret of the plaintext's length.</summary>
    /// <param name="message">A SignalMessage, or a PreKeySignalMessage of this session's handshake.</param>
    /// <returns>The plaintext, in secret memory; null when the plaintext is empty (a secret is never empty).</returns>
    /// <exception cref="SessionException">The message fails a check (see <see cref="SessionError"/>); the session is unchanged.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public Secret? Decrypt(ReadOnlySpan<byte> message)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return DecryptToSecret(_state, InnerMessage(message));
        }
    }

    /// <summary>
    /// Decrypts a message from the peer into <paramref name="destination"/> (typically a write lease over a secret).
    /// A destination as long as the message always suffices.
    /// </summary>
    /// <param name="message">A SignalMessage, or a PreKeySignalMessage of this session's handshake.</param>
    /// <param name="destination">Where the plaintext goes.</param>
    /// <returns>The plaintext's length.</returns>
    /// <exception cref="SessionException">The message fails a check; the session and <paramref name="destination"/> are unchanged.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the plaintext; the session is unchanged.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public int Decrypt(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ReadOnlySpan<byte> inner = InnerMessage(message);
            // One lease on the working area for the whole message (DecryptTransaction's header comment).
            using SecretWriteLease lease = _state.Work.OpenWrite();
            Span<byte> work = lease.Span;
            DecryptTransaction t = DecryptTransaction.Prepare(_state, inner, work);
            try
            {
                if (destination.Length < t.PlaintextLength) SessionThrowHelper.TooSmall(nameof(destination), t.PlaintextLength);
                t.Commit(inner, work);
                t.CopyPlaintext(work, destination);
                return t.PlaintextLength;
            }
            finally
            {
                t.Release(work);
            }
        }
    }

    /// <summary>The SignalMessage to decrypt: the message itself, or the one inside a PreKeySignalMessage that belongs to
    /// this session (the initiator repeats the handshake until it hears back).</summary>
    private ReadOnlySpan<byte> InnerMessage(ReadOnlySpan<byte> message)
    {
        if (!WireFormat.IsPreKeyMessage(message)) return message;
        if (!WireFormat.TryParsePreKeyMessage(message, out WireFormat.PreKeyMessageView view, out bool versionOk))
            SessionThrowHelper.Rejected(SessionError.Malformed, "prekey message");
        if (!versionOk) SessionThrowHelper.Rejected(SessionError.UnsupportedVersion, "prekey message");
        if (_state.RemoteBaseKey is null || !message.Slice(view.BaseKey, 32).SequenceEqual(_state.RemoteBaseKey) ||
            !message.Slice(view.IdentityKey, 32).SequenceEqual(_state.RemoteIdentity.AsSpan(1)))
            SessionThrowHelper.Rejected(SessionError.UnknownSession, "prekey message");
        return message[view.Message];
    }

    /// <summary>Decrypts and commits <paramref name="message"/>, returning its plaintext in a new Secret (null when
    /// empty), under one lease on the working area.</summary>
    private static Secret? DecryptToSecret(RatchetState state, ReadOnlySpan<byte> message)
    {
        using SecretWriteLease lease = state.Work.OpenWrite();
        Span<byte> work = lease.Span;
        DecryptTransaction t = DecryptTransaction.Prepare(state, message, work);
        try
        {
            t.Commit(message, work);
            return t.TakePlaintext(work);
        }
        finally
        {
            t.Release(work);
        }
    }

    /// <summary>
    /// Exports the whole session state (every key, counter and stored skipped key) into a new secret, for persistence.
    /// Encrypt it at rest (an <see cref="Enclave"/> or a store's own encryption); it is as sensitive as the session.
    /// </summary>
    /// <returns>The record, in secret memory.</returns>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public Secret Export()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Secret record = Secret.Allocate(_state.RecordLength);
            using SecretWriteLease lease = record.OpenWrite();
            _state.WriteRecord(lease.Span);
            return record;
        }
    }

    /// <summary>Restores a session from a record made by <see cref="Export"/>.</summary>
    /// <param name="record">The record.</param>
    /// <param name="options">Limits and addresses (not part of the record), or null for the defaults.</param>
    /// <returns>The session, in the state it was exported in.</returns>
    /// <exception cref="SessionException">The record is malformed (<see cref="SessionError.InvalidRecord"/>).</exception>
    public static QuantumSession Import(Secret record, QuantumSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        using SecretReadLease lease = record.OpenRead();
        return new QuantumSession(RatchetState.ReadRecord(lease.Span, options ?? QuantumSessionOptions.Default));
    }

    internal RatchetState StateForTesting => _state;

    internal int SpqrEpochsCompleted
    {
        get
        {
            lock (_lock) return _state.Spqr.EpochsCompleted;
        }
    }

    /// <summary>Wipes every key the session holds. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _state.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => "QuantumSession";
}
