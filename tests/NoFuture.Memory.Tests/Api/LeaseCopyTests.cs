// Leases are ref structs, so a caller can copy one. A copy is the same lease: however many copies are disposed,
// the lease releases the secret once, and a closed lease's copies refuse to hand out the span.
namespace NoFuture.Memory.Tests.Api;

public class LeaseCopyTests
{
    // The guarded tier's form of this (an unmapped region read through the other lease: a fatal access
    // violation) runs in a child process: Isolated/LeaseCopyTests.
    [Fact]
    public void ADoubleDisposedCopyDoesNotFreeTheMemoryUnderAnotherLease()
    {
        var secret = Secret.CreateRandom(32);
        byte[] expected = secret.Read(0, static (s, _) => s.ToArray());
        SecretReadLease a = secret.OpenRead();
        SecretReadLease b = secret.OpenRead();
        SecretReadLease c = a;
        a.Dispose();
        c.Dispose();       // a copy of a closed lease: nothing more is released
        secret.Dispose();  // b is still open, so the wipe waits for it
        Assert.True(secret.IsDisposed);
        Assert.True(b.Span.SequenceEqual(expected)); // not wiped, not another secret's slot
        b.Dispose();       // the last lease: now the secret is wiped and freed
        Assert.Throws<ObjectDisposedException>(() => secret.OpenRead().Dispose());
    }

    [Theory]
    [InlineData(SecretTier.Pooled)]
    [InlineData(SecretTier.Guarded)]
    public void TheCopyOfAClosedLeaseRefusesTheSpan(SecretTier tier)
    {
        using var secret = Secret.CreateRandom(32, new SecretOptions { Tier = tier });
        SecretReadLease read = secret.OpenRead();
        SecretReadLease readCopy = read;
        readCopy.Dispose();
        Assert.True(ThrowsDisposed(read));
        read.Dispose(); // closing again does nothing
        SecretWriteLease write = secret.OpenWrite();
        SecretWriteLease writeCopy = write;
        write.Dispose();
        Assert.True(ThrowsDisposed(writeCopy));
        writeCopy.Dispose();
        // The count is intact: the secret can still be leased, frozen and disposed normally.
        secret.Freeze();
        secret.Melt();
        using (SecretReadLease again = secret.OpenRead()) Assert.Equal(32, again.Span.Length);
    }

    [Fact]
    public void ALeaseIsNotReopenedWhenItsTicketIsReused()
    {
        using var secret = Secret.CreateRandom(32);
        byte[] expected = secret.Read(0, static (s, _) => s.ToArray());
        SecretReadLease first = secret.OpenRead();
        SecretReadLease stale = first;
        first.Dispose();
        // The next lease on this thread reuses the pooled ticket; the stale copy must stay closed.
        using SecretReadLease second = secret.OpenRead();
        stale.Dispose();
        Assert.True(ThrowsDisposed(stale));
        secret.Dispose();
        Assert.True(second.Span.SequenceEqual(expected)); // the stale Dispose did not release `second`: no wipe yet
    }

    [Fact]
    public void ADefaultLeaseHasNoSpanAndDisposesQuietly()
    {
        SecretReadLease read = default;
        SecretWriteLease write = default;
        Assert.True(ThrowsDisposed(read));
        Assert.True(ThrowsDisposed(write));
        read.Dispose();
        write.Dispose();
    }

    private static bool ThrowsDisposed(SecretReadLease lease)
    {
        try
        {
            _ = lease.Span;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private static bool ThrowsDisposed(SecretWriteLease lease)
    {
        try
        {
            _ = lease.Span;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }
}
