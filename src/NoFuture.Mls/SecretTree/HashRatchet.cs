// RFC 9420 §9.1: one sender ratchet (a leaf's handshake or application ratchet).
//   ratchet_key_[N]_[j]      = DeriveTreeSecret(ratchet_secret_[N]_[j], "key",    j, AEAD.Nk)
//   ratchet_nonce_[N]_[j]    = DeriveTreeSecret(ratchet_secret_[N]_[j], "nonce",  j, AEAD.Nn)
//   ratchet_secret_[N]_[j+1] = DeriveTreeSecret(ratchet_secret_[N]_[j], "secret", j, KDF.Nh)
// §9.2: a ratchet secret is consumed once the next one is derived from it, and a key/nonce once used; both are wiped then.
// A ratchet is used either for sending (our own leaf) or for receiving (a peer's leaf), fixed by its first use:
//   - sending hands out generations 0, 1, 2, … in order and keeps nothing behind: a key is never handed out twice;
//   - receiving accepts a generation up to MaximumForwardDistance past the next expected one and keeps the keys of the
//     skipped generations within OutOfOrderTolerance of the newest one received, each handed out once.
// Receiving is take-then-commit (§9.2: a key is deleted once used, i.e. once its message opened): TakeForReceiving derives
// on scratch and changes nothing; Commit consumes. A forged message for generation g thus leaves g usable by the genuine one.
// A request that fails (reused, too old, too far ahead) changes nothing. Generation is a uint32 on the wire (§6.3.2);
// the ratchet ends after generation 2^32 − 1, whose "next secret" would need generation 2^32.
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Crypto;

namespace NoFuture.Mls.SecretTree;

/// <summary>One sender ratchet of RFC 9420 §9.1 with the deletion schedule of §9.2. Not thread-safe: the tree that
/// owns it serialises access.</summary>
internal sealed class HashRatchet : IDisposable
{
    private const int MaxSize = 64;

    private readonly MlsCipherSuite _suite;
    private readonly RatchetWindow _window;
    private readonly Dictionary<uint, AeadKeyNonce> _past = [];
    private Secret? _secret; // ratchet_secret_[N]_[_next]; null once the last generation was handed out, or disposed
    private ulong _next;
    private Mode _mode;
    private long _version; // bumped at every consumption, so a stale take is detected at commit
    private bool _disposed;

    private enum Mode
    {
        Unused,
        Sending,
        Receiving,
    }

    /// <summary>Takes ownership of <paramref name="root"/> (ratchet_secret_[N]_[0]).</summary>
    internal HashRatchet(MlsCipherSuite suite, Secret root, RatchetWindow window)
    {
        _suite = suite;
        _secret = root;
        _window = window;
    }

    /// <summary>The next generation this ratchet would derive (the one its current secret belongs to).</summary>
    internal ulong NextGeneration => _next;

    /// <summary>Test hook: the secrets this ratchet holds (its current ratchet secret, and a key and a nonce per kept
    /// past generation).</summary>
    internal int LiveSecretCount => (_secret is null ? 0 : 1) + 2 * _past.Count;

    /// <summary>The key and nonce of the next generation, for sealing our own message; the ratchet moves past it.</summary>
    /// <exception cref="InvalidOperationException">The ratchet was used for receiving, or has no generation left.</exception>
    internal AeadKeyNonce NextForSending()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_mode == Mode.Receiving)
            MlsThrowHelper.InvalidOperation("This ratchet receives a peer's messages; it cannot seal our own.");
        if (_secret is null) MlsThrowHelper.InvalidOperation("The ratchet has used its last generation (2^32 - 1).");
        AeadKeyNonce result = AdvanceTo((uint)_next, keepPast: false);
        _mode = Mode.Sending;
        return result;
    }

    /// <summary>Writes the key (Nk bytes) and then the nonce (Nn bytes) of the next generation into
    /// <paramref name="keyNonce"/> (the caller's stack scratch, which it wipes) for sealing our own message, and moves
    /// the ratchet past it; returns the generation. The same schedule as <see cref="NextForSending()"/> without a
    /// <see cref="Secret"/> per key and nonce: a sending key is used once, at once (§9.2).</summary>
    /// <exception cref="InvalidOperationException">The ratchet was used for receiving, or has no generation left.</exception>
    internal uint NextForSending(Span<byte> keyNonce)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_mode == Mode.Receiving)
            MlsThrowHelper.InvalidOperation("This ratchet receives a peer's messages; it cannot seal our own.");
        if (_secret is null) MlsThrowHelper.InvalidOperation("The ratchet has used its last generation (2^32 - 1).");
        int nk = _suite.Aead.KeySizeInBytes, nn = _suite.Aead.NonceSizeInBytes;
        ArgumentOutOfRangeException.ThrowIfNotEqual(keyNonce.Length, nk + nn, nameof(keyNonce));
        uint generation = (uint)_next;
        Secret? following = null;
        try
        {
            // Key, nonce and next secret all expand this generation's secret: HMAC is keyed with it once.
            using (KdfKey prk = _suite.Kdf.ImportPrk(_secret))
            {
                MlsKdf.DeriveTreeSecret(prk, "key"u8, generation, keyNonce[..nk]);
                MlsKdf.DeriveTreeSecret(prk, "nonce"u8, generation, keyNonce[nk..]);
                if (generation != uint.MaxValue)
                {
                    following = Secret.Allocate(_suite.Kdf.HashSizeInBytes);
                    using SecretWriteLease w = following.OpenWrite();
                    MlsKdf.DeriveTreeSecret(prk, "secret"u8, generation, w.Span);
                }
            }
        }
        catch
        {
            CryptographicOperations.ZeroMemory(keyNonce);
            following?.Dispose();
            throw;
        }
        // Commit: the generation's secret is consumed (§9.2); sending keeps no past keys.
        _secret.Dispose();
        _secret = following;
        _next = (ulong)generation + 1;
        _version++;
        _mode = Mode.Sending;
        return generation;
    }

    /// <summary>Checks, without changing anything, that a peer's <paramref name="generation"/> can be served.</summary>
    /// <exception cref="MlsException">The generation was used, is older than the window, or is too far ahead.</exception>
    internal void CheckReceive(uint generation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_mode == Mode.Sending)
            MlsThrowHelper.InvalidOperation("This ratchet seals our own messages; it cannot open a peer's.");
        CheckReceive(generation, _next, _past, _window);
    }

    /// <summary>The window checks for a ratchet at <paramref name="next"/> (0 and no past keys for a fresh one).</summary>
    internal static void CheckReceive(uint generation, ulong next, Dictionary<uint, AeadKeyNonce>? past, RatchetWindow window)
    {
        if (generation < next)
        {
            if (past is not null && past.ContainsKey(generation)) return;
            // next - 1 is the newest generation handed out; the window keeps the OutOfOrderTolerance before it.
            ulong newest = next - 1;
            MlsThrowHelper.Generation(generation + (ulong)window.OutOfOrderTolerance < newest
                ? MlsError.GenerationTooOld
                : MlsError.GenerationReused);
        }
        if (generation - next > window.MaximumForwardDistance) MlsThrowHelper.Generation(MlsError.GenerationTooFarAhead);
    }

    /// <summary>Takes the key and nonce of a peer's <paramref name="generation"/> without consuming anything (§9.2
    /// deletes a key only once it was used successfully): the result owns copies; <see cref="Commit"/> consumes the
    /// generation once the message opened, and disposing an uncommitted result leaves the ratchet as it was.</summary>
    /// <exception cref="MlsException">The generation was used, is older than the window, or is too far ahead; nothing
    /// changed.</exception>
    internal PendingReceive TakeForReceiving(uint generation)
    {
        CheckReceive(generation);
        if (generation < _next)
        {
            AeadKeyNonce kept = _past[generation];
            Secret key = kept.Key.Read(0, static (span, _) => Secret.CopyFrom(span));
            Secret nonce;
            try
            {
                nonce = kept.Nonce.Read(0, static (span, _) => Secret.CopyFrom(span));
            }
            catch
            {
                key.Dispose();
                throw;
            }
            return new PendingReceive(_version, new AeadKeyNonce(generation, key, nonce), null, null);
        }
        return Derive(generation, keepPast: true);
    }

    /// <summary>As <see cref="TakeForReceiving(uint)"/>, but writes the generation's key (Nk bytes) and nonce (Nn
    /// bytes) into <paramref name="keyNonce"/> (the caller's stack scratch, which it wipes) instead of Secrets of the
    /// result: the take serves one AEAD open, at once.</summary>
    /// <exception cref="MlsException">As <see cref="TakeForReceiving(uint)"/>; nothing changed.</exception>
    internal PendingReceive TakeForReceiving(uint generation, Span<byte> keyNonce)
    {
        int nk = _suite.Aead.KeySizeInBytes;
        ArgumentOutOfRangeException.ThrowIfNotEqual(keyNonce.Length, nk + _suite.Aead.NonceSizeInBytes, nameof(keyNonce));
        CheckReceive(generation);
        if (generation < _next)
        {
            AeadKeyNonce kept = _past[generation];
            try
            {
                using (SecretReadLease k = kept.Key.OpenRead()) k.Span.CopyTo(keyNonce[..nk]);
                using (SecretReadLease n = kept.Nonce.OpenRead()) n.Span.CopyTo(keyNonce[nk..]);
            }
            catch
            {
                CryptographicOperations.ZeroMemory(keyNonce);
                throw;
            }
            return new PendingReceive(_version, generation, null, null, null);
        }
        return Derive(generation, keepPast: true, keyNonce);
    }

    /// <summary>Consumes the generation of <paramref name="pending"/> (taken from this ratchet): its kept key leaves the
    /// window, or the ratchet moves past it keeping the skipped generations. If the ratchet moved since the take (another
    /// message of this sender was committed meanwhile), the generation is checked again and consumed from the current
    /// state; a generation consumed meanwhile is refused as reused.</summary>
    /// <exception cref="MlsException">The generation was consumed (or left the window) since it was taken.</exception>
    internal void Commit(PendingReceive pending)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (pending.Version != _version)
        {
            Span<byte> scratch = stackalloc byte[2 * MaxSize];
            try
            {
                using PendingReceive again = TakeForReceiving(pending.Generation,
                    scratch[..(_suite.Aead.KeySizeInBytes + _suite.Aead.NonceSizeInBytes)]);
                Apply(again);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(scratch);
            }
            return;
        }
        Apply(pending);
    }

    private void Apply(PendingReceive pending)
    {
        uint generation = pending.Generation;
        if (pending.IsFromPast)
        {
            _past.Remove(generation, out AeadKeyNonce? used);
            used!.Dispose();
        }
        else
        {
            _secret!.Dispose();
            _secret = pending.TakeNextSecret();
            _next = (ulong)generation + 1;
            foreach (AeadKeyNonce k in pending.TakeKept()) _past.Add(k.Generation, k);
            Evict(generation);
        }
        _mode = Mode.Receiving;
        _version++;
    }

    /// <summary>Takes and consumes a sending generation at once (our own messages need no commit).</summary>
    private AeadKeyNonce AdvanceTo(uint target, bool keepPast)
    {
        using PendingReceive pending = Derive(target, keepPast);
        _secret!.Dispose();
        _secret = pending.TakeNextSecret();
        _next = (ulong)target + 1;
        foreach (AeadKeyNonce k in pending.TakeKept()) _past.Add(k.Generation, k);
        Evict(target);
        _version++;
        return pending.TakeResult();
    }

    /// <summary>Runs the ratchet from <c>_next</c> to <paramref name="target"/> on scratch, changing nothing: the result
    /// holds target's key and nonce, those of the skipped generations inside the window (when
    /// <paramref name="keepPast"/>) and the ratchet secret after target.</summary>
    /// <remarks>With a non-empty <paramref name="targetKeyNonce"/>, target's key and nonce are written there (the
    /// caller's wiped scratch) and the result holds none.</remarks>
    private PendingReceive Derive(uint target, bool keepPast, Span<byte> targetKeyNonce = default)
    {
        KdfAlgorithm kdf = _suite.Kdf;
        int nh = kdf.HashSizeInBytes;
        ulong tolerance = keepPast ? _window.OutOfOrderTolerance : 0;
        ulong keepFrom = target > tolerance ? target - tolerance : 0;
        var kept = new List<AeadKeyNonce>();
        AeadKeyNonce? result = null;
        Secret? nextSecret = null;
        Span<byte> secret = stackalloc byte[MaxSize];
        Span<byte> following = stackalloc byte[MaxSize];
        try
        {
            using (SecretReadLease lease = _secret!.OpenRead()) lease.Span.CopyTo(secret);
            for (ulong j = _next; j <= target; j++)
            {
                uint generation = (uint)j;
                if (j < keepFrom)
                {
                    // A skipped generation outside the window: only its next secret is needed.
                    if (generation == uint.MaxValue) break;
                    MlsKdf.DeriveTreeSecret(kdf, secret[..nh], "secret"u8, generation, following[..nh]);
                }
                else
                {
                    // Key, nonce and next secret all expand this generation's secret: HMAC is keyed with it once.
                    using KdfKey prk = kdf.ImportPrk(secret[..nh]);
                    if (j == target && !targetKeyNonce.IsEmpty)
                    {
                        int nk = _suite.Aead.KeySizeInBytes;
                        MlsKdf.DeriveTreeSecret(prk, "key"u8, generation, targetKeyNonce[..nk]);
                        MlsKdf.DeriveTreeSecret(prk, "nonce"u8, generation, targetKeyNonce[nk..]);
                    }
                    else
                    {
                        AeadKeyNonce keyNonce = KeyNonce(prk, generation);
                        if (j == target) result = keyNonce;
                        else kept.Add(keyNonce);
                    }
                    if (generation == uint.MaxValue) break;
                    MlsKdf.DeriveTreeSecret(prk, "secret"u8, generation, following[..nh]);
                }
                following[..nh].CopyTo(secret);
            }
            if (target != uint.MaxValue) nextSecret = Secret.CopyFrom(secret[..nh]);
            var pending = new PendingReceive(_version, target, result, kept, nextSecret);
            result = null;
            nextSecret = null;
            kept = [];
            return pending;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(following);
            foreach (AeadKeyNonce k in kept) k.Dispose();
            result?.Dispose();
            nextSecret?.Dispose();
        }
    }

    private AeadKeyNonce KeyNonce(KdfKey secret, uint generation)
    {
        Secret key = Secret.Allocate(_suite.Aead.KeySizeInBytes);
        Secret? nonce = null;
        try
        {
            using (SecretWriteLease w = key.OpenWrite())
                MlsKdf.DeriveTreeSecret(secret, "key"u8, generation, w.Span);
            nonce = Secret.Allocate(_suite.Aead.NonceSizeInBytes);
            using (SecretWriteLease w = nonce.OpenWrite())
                MlsKdf.DeriveTreeSecret(secret, "nonce"u8, generation, w.Span);
            return new AeadKeyNonce(generation, key, nonce);
        }
        catch
        {
            key.Dispose();
            nonce?.Dispose();
            throw;
        }
    }

    /// <summary>Wipes the kept keys that fell out of the window once <paramref name="newest"/> was handed out.</summary>
    private void Evict(uint newest)
    {
        ulong tolerance = _window.OutOfOrderTolerance;
        if (newest <= tolerance || _past.Count == 0) return;
        ulong oldest = newest - tolerance;
        List<uint>? gone = null;
        foreach (uint g in _past.Keys)
            if (g < oldest) (gone ??= []).Add(g);
        if (gone is null) return;
        foreach (uint g in gone)
        {
            _past.Remove(g, out AeadKeyNonce? k);
            k!.Dispose();
        }
    }

    /// <summary>Wipes the ratchet secret and every kept key and nonce.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _secret?.Dispose();
        _secret = null;
        foreach (AeadKeyNonce k in _past.Values) k.Dispose();
        _past.Clear();
    }
}
