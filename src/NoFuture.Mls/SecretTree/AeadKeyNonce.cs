// An AEAD key and nonce handed out by the secret tree (RFC 9420 §9.1) or derived for sender data (§6.3.2). The receiver
// owns them and disposes them once the message is sealed or opened: §9.2 counts a used key and nonce as consumed.
using NoFuture.Memory;

namespace NoFuture.Mls.SecretTree;

/// <summary>An AEAD key (Nk bytes) and nonce (Nn bytes), each in its own <see cref="Secret"/>; Dispose wipes both.</summary>
internal sealed class AeadKeyNonce : IDisposable
{
    private readonly Secret _key, _nonce;

    internal AeadKeyNonce(uint generation, Secret key, Secret nonce)
    {
        Generation = generation;
        _key = key;
        _nonce = nonce;
    }

    /// <summary>The ratchet generation the pair belongs to (0 for sender data, which has none).</summary>
    internal uint Generation { get; }

    /// <summary>The AEAD key.</summary>
    internal Secret Key => _key;

    /// <summary>The AEAD nonce (before the reuse_guard of §6.3.1 is applied).</summary>
    internal Secret Nonce => _nonce;

    /// <summary>Wipes the key and the nonce.</summary>
    public void Dispose()
    {
        _key.Dispose();
        _nonce.Dispose();
    }
}
