// RFC 9420 §9.2: "a key and nonce ... MUST be deleted once used" — used means a message opened under them. A peer's
// message is only a claim until its AEAD open succeeds, so the tree hands out a receiving key without consuming it and
// consumes it on Commit. A forged message for (leaf, generation) therefore cannot burn the genuine message's key.
namespace NoFuture.Mls.SecretTree;

/// <summary>A peer's key and nonce for one (leaf, ratchet, generation), taken from the secret tree but not yet consumed.
/// Call <see cref="Commit"/> once the message opened; Dispose wipes the key and, without a commit, leaves the tree
/// exactly as it was (no generation consumed, no window advanced).</summary>
internal sealed class ReceiverKey : IDisposable
{
    private readonly EpochSecretTree _tree;
    private readonly HashRatchet _ratchet;
    private readonly PendingReceive _pending;
    private bool _committed, _disposed;

    internal ReceiverKey(EpochSecretTree tree, HashRatchet ratchet, PendingReceive pending)
    {
        _tree = tree;
        _ratchet = ratchet;
        _pending = pending;
    }

    /// <summary>The generation's key and nonce (before the reuse guard).</summary>
    internal AeadKeyNonce KeyNonce
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed || _committed, this);
            AeadKeyNonce? result = _pending.Result;
            if (result is null) MlsThrowHelper.InvalidOperation("The key and nonce went to the caller's scratch.");
            return result!;
        }
    }

    /// <summary>The ratchet generation.</summary>
    internal uint Generation => _pending.Generation;

    /// <summary>Consumes the generation (§9.2): a replay of it is then refused. Call once the message opened.</summary>
    /// <exception cref="MlsException">Another message of this generation was committed since the take
    /// (<see cref="MlsError.GenerationReused"/>), or it left the window (<see cref="MlsError.GenerationTooOld"/>).</exception>
    /// <exception cref="InvalidOperationException">Already committed.</exception>
    internal void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed) MlsThrowHelper.InvalidOperation("The receiver key was already committed.");
        _tree.Commit(_ratchet, _pending);
        _committed = true;
        _pending.Dispose();
    }

    /// <summary>Wipes the key and nonce; without a commit, the tree is unchanged.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _pending.Dispose();
    }
}
