// Builds an HpkePrivateKey in place: the key's Secret is allocated first and written through one write lease, so the
// private key never exists outside secret memory; if anything throws before Finish, Abort frees (wipes) it.
// Use it as a plain local with try { ...; return b.Finish(); } catch { b.Abort(); throw; }: a `using` variable is
// read-only, so Finish would mark a defensive copy.
using NoFuture.Memory;

namespace NoFuture.Crypto.Hpke.Kems;

internal ref struct HpkeKeyBuilder
{
    private readonly HpkeKemCore _kem;
    private readonly Secret _secret;
    private SecretWriteLease _lease;
    private bool _leaseOpen;
    private bool _finished;

    internal HpkeKeyBuilder(HpkeKemCore kem, int length, SecretOptions? options)
    {
        _kem = kem;
        _secret = Secret.Allocate(length, options);
        _lease = _secret.OpenWrite();
        _leaseOpen = true;
        PublicKey = new byte[kem.PublicKeySize];
    }

    /// <summary>The key's secret memory (serialized private key first, then the family's cached form).</summary>
    internal readonly Span<byte> Key => _lease.Span;

    /// <summary>The public key (not secret).</summary>
    internal byte[] PublicKey { get; }

    /// <summary>Closes the lease, freezes the secret and hands it to a new key (with an optional companion object).</summary>
    internal HpkePrivateKey Finish(IDisposable? companion = null)
    {
        _lease.Dispose();
        _leaseOpen = false;
        _secret.Freeze();
        _finished = true;
        return new HpkePrivateKey(_kem.Kem, _secret, PublicKey, companion);
    }

    /// <summary>Frees (wipes) the secret unless <see cref="Finish"/> handed it to a key.</summary>
    internal void Abort()
    {
        if (_leaseOpen)
        {
            _lease.Dispose();
            _leaseOpen = false;
        }
        if (!_finished) _secret.Dispose();
    }
}
