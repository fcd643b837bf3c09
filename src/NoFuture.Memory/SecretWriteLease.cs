namespace NoFuture.Memory;

/// <summary>
/// Write access to a <see cref="Secret"/> while it is open. Keeps the secret's memory alive until disposed.
/// Open with <see cref="Secret.OpenWrite"/> in a <c>using</c> declaration; do not copy.
/// </summary>
public unsafe ref struct SecretWriteLease : IDisposable
{
    private Secret? _secret;
    private readonly byte* _data;
    private readonly int _length;

    internal SecretWriteLease(Secret secret, byte* data, int length)
    {
        _secret = secret;
        _data = data;
        _length = length;
    }

    /// <summary>The secret's bytes, writable.</summary>
    /// <exception cref="ObjectDisposedException">The lease was disposed.</exception>
    public readonly Span<byte> Span
    {
        get
        {
            if (_secret is null) ThrowHelper.Disposed(nameof(SecretWriteLease));
            // SAFETY: the lease holds a reference on the secret, so its memory stays mapped and writable.
            return new Span<byte>(_data, _length);
        }
    }

    /// <summary>Closes the lease.</summary>
    public void Dispose()
    {
        Secret? secret = _secret;
        _secret = null;
        secret?.EndLease(write: true);
    }
}
