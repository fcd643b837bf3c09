namespace NoFuture.Memory;

/// <summary>
/// Read access to a <see cref="Secret"/> while it is open. Keeps the secret's memory alive until disposed.
/// Open with <see cref="Secret.OpenRead"/> in a <c>using</c> declaration; do not copy.
/// </summary>
public unsafe ref struct SecretReadLease : IDisposable
{
    private Secret? _secret;
    private readonly byte* _data;
    private readonly int _length;

    internal SecretReadLease(Secret secret, byte* data, int length)
    {
        _secret = secret;
        _data = data;
        _length = length;
    }

    /// <summary>The secret's bytes.</summary>
    /// <exception cref="ObjectDisposedException">The lease was disposed.</exception>
    public readonly ReadOnlySpan<byte> Span
    {
        get
        {
            if (_secret is null) ThrowHelper.Disposed(nameof(SecretReadLease));
            // SAFETY: the lease holds a reference on the secret, so its memory stays mapped and readable.
            return new ReadOnlySpan<byte>(_data, _length);
        }
    }

    /// <summary>Closes the lease.</summary>
    public void Dispose()
    {
        Secret? secret = _secret;
        _secret = null;
        secret?.EndLease(write: false);
    }
}
