// Comparisons and copies between secrets, all without leaving secret memory.
namespace NoFuture.Memory;

public sealed partial class Secret
{
    /// <summary>Compares two secrets in time that depends only on their lengths.</summary>
    /// <exception cref="ObjectDisposedException">Either secret was disposed or purged.</exception>
    public bool FixedTimeEquals(Secret other)
    {
        ArgumentNullException.ThrowIfNull(other);
        using SecretReadLease mine = OpenRead();
        using SecretReadLease theirs = other.OpenRead();
        return ConstantTime.AreEqual(mine.Span, theirs.Span);
    }

    /// <summary>Compares the secret with <paramref name="other"/> in time that depends only on the lengths.</summary>
    /// <exception cref="ObjectDisposedException">The secret was disposed or purged.</exception>
    public bool FixedTimeEquals(ReadOnlySpan<byte> other)
    {
        using SecretReadLease mine = OpenRead();
        return ConstantTime.AreEqual(mine.Span, other);
    }

    /// <summary>Copies this secret's bytes into <paramref name="destination"/>, which must have the same length.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ObjectDisposedException">Either secret was disposed or purged.</exception>
    /// <exception cref="InvalidOperationException">The destination is frozen.</exception>
    public void CopyTo(Secret destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Length != Length) ThrowHelper.WrongLength(nameof(destination));
        using SecretReadLease source = OpenRead();
        using SecretWriteLease target = destination.OpenWrite();
        source.Span.CopyTo(target.Span);
    }

    /// <summary>A new secret with the same bytes (and, by default, the same kind of allocation).</summary>
    /// <exception cref="ObjectDisposedException">The secret was disposed or purged.</exception>
    public Secret Clone(SecretOptions? options = null)
    {
        using SecretReadLease source = OpenRead();
        return CopyFrom(source.Span, options ?? new SecretOptions
        {
            Tier = Tier,
            NoAccessAtRest = (Protection & SecretProtection.NoAccessAtRest) != 0,
        });
    }

    /// <summary>Copies this secret into <paramref name="destination"/> and then disposes (wipes) this one.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="destination"/> is this secret
    /// (moving it onto itself would wipe it).</exception>
    public void MoveTo(Secret destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (ReferenceEquals(destination, this))
            ThrowHelper.MoveOntoItself(nameof(destination));
        CopyTo(destination);
        Dispose();
    }
}
