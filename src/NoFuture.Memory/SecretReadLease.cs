namespace NoFuture.Memory;

/// <summary>
/// Read access to a <see cref="Secret"/> while it is open. Keeps the secret's memory alive until disposed.
/// Open with <see cref="Secret.OpenRead"/> in a <c>using</c> declaration.
/// A copy of a lease is the same lease: disposing any copy closes it for all of them.
/// </summary>
public unsafe ref struct SecretReadLease : IDisposable
{
    private Secret? _secret;
    private readonly LeaseTicket? _ticket;
    private readonly ulong _generation;
    private readonly byte* _data;
    private readonly int _length;

    internal SecretReadLease(Secret secret, byte* data, int length)
    {
        _secret = secret;
        _ticket = LeaseTicket.Issue();
        _generation = _ticket.Generation;
        _data = data;
        _length = length;
    }

    /// <summary>The secret's bytes.</summary>
    /// <exception cref="ObjectDisposedException">The lease was disposed.</exception>
    public readonly ReadOnlySpan<byte> Span
    {
        get
        {
            // A copy of a lease that another copy already closed is closed too (see LeaseTicket).
            if (_secret is null || _ticket!.Generation != _generation) ThrowHelper.Disposed(nameof(SecretReadLease));
            // SAFETY: the lease holds a reference on the secret, so its memory stays mapped and readable.
            return new ReadOnlySpan<byte>(_data, _length);
        }
    }

    /// <summary>Closes the lease. Closing it again, or closing a copy of it, does nothing.</summary>
    public void Dispose()
    {
        Secret? secret = _secret;
        _secret = null;
        if (secret is not null && _ticket!.TryRetire(_generation)) secret.EndLease(write: false);
    }
}
