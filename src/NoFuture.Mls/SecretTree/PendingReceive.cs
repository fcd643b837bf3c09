// A receiving ratchet's take (RFC 9420 §9.2, take-then-commit): what consuming one generation would change, held aside
// until the message it serves opened. It owns every secret it holds; Dispose wipes what was not moved into the ratchet.
using NoFuture.Memory;

namespace NoFuture.Mls.SecretTree;

/// <summary>The derived-but-uncommitted state of one receive: the generation's key and nonce (a copy, for a kept past
/// generation), and for a generation ahead the skipped keys to keep and the next ratchet secret.</summary>
internal sealed class PendingReceive : IDisposable
{
    private AeadKeyNonce? _result;
    private List<AeadKeyNonce>? _kept;
    private Secret? _nextSecret;

    internal PendingReceive(long version, AeadKeyNonce result, List<AeadKeyNonce>? kept, Secret? nextSecret)
        : this(version, result.Generation, result, kept, nextSecret)
    {
    }

    /// <summary>A take whose key and nonce went to the caller's stack scratch (<paramref name="result"/> null).</summary>
    internal PendingReceive(long version, uint generation, AeadKeyNonce? result, List<AeadKeyNonce>? kept, Secret? nextSecret)
    {
        Version = version;
        Generation = generation;
        _result = result;
        _kept = kept;
        _nextSecret = nextSecret;
    }

    /// <summary>The ratchet's version at the take; a commit against a later version re-checks the generation.</summary>
    internal long Version { get; }

    /// <summary>The generation taken.</summary>
    internal uint Generation { get; }

    /// <summary>True when the generation was a kept past one (its commit only removes it from the window).</summary>
    internal bool IsFromPast => _kept is null;

    /// <summary>The generation's key and nonce (owned by this object until <see cref="TakeResult"/>); null when the
    /// take wrote them to the caller's scratch.</summary>
    internal AeadKeyNonce? Result => _result;

    internal Secret? TakeNextSecret()
    {
        Secret? s = _nextSecret;
        _nextSecret = null;
        return s;
    }

    internal List<AeadKeyNonce> TakeKept()
    {
        List<AeadKeyNonce> k = _kept ?? [];
        _kept = [];
        return k;
    }

    internal AeadKeyNonce TakeResult()
    {
        AeadKeyNonce r = _result!;
        _result = null;
        return r;
    }

    /// <summary>Wipes whatever was not moved into the ratchet.</summary>
    public void Dispose()
    {
        _result?.Dispose();
        _result = null;
        if (_kept is not null)
        {
            foreach (AeadKeyNonce k in _kept) k.Dispose();
            _kept.Clear();
        }
        _nextSecret?.Dispose();
        _nextSecret = null;
    }
}
