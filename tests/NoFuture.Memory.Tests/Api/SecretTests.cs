using System.IO.Pipelines;

namespace NoFuture.Memory.Tests.Api;

public class SecretTests
{
    public static TheoryData<int, SecretTier> Shapes => new()
    {
        { 1, SecretTier.Pooled }, { 32, SecretTier.Pooled }, { 4096, SecretTier.Pooled },
        { 1, SecretTier.Guarded }, { 4096, SecretTier.Guarded }, { 10_000, SecretTier.Guarded },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AllocateGivesZeroedWritableMemoryWithEveryProtection(int length, SecretTier tier)
    {
        using var secret = Secret.Allocate(length, new SecretOptions { Tier = tier });
        Assert.Equal(length, secret.Length);
        Assert.Equal(tier, secret.Tier);
        using (SecretReadLease lease = secret.OpenRead()) Assert.True(ConstantTime.IsZero(lease.Span));
        secret.Write(0, static (span, _) => span.Fill(0x5A));
        Assert.True(secret.Read(0, static (span, _) => span.IndexOfAnyExcept((byte)0x5A) < 0));
        SecretProtection expected = SecretProtection.Locked | SecretProtection.ExcludedFromDumps | SecretProtection.WipedOnFork
                                    | SecretProtection.GuardPages | SecretProtection.Canaries;
        Assert.Equal(expected, secret.Protection & expected);
    }

    [Fact]
    public void AutoTierPicksPooledUpTo4KiBAndGuardedAbove()
    {
        using var small = Secret.Allocate(Secret.MaxPooledLength);
        using var large = Secret.Allocate(Secret.MaxPooledLength + 1);
        Assert.Equal(SecretTier.Pooled, small.Tier);
        Assert.Equal(SecretTier.Guarded, large.Tier);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Secret.MaxLength + 1)]
    public void BadLengthsAreRejected(int length) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Secret.Allocate(length));

    [Fact]
    public void PooledTierRefusesMoreThan4KiB() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Secret.Allocate(5000, new SecretOptions { Tier = SecretTier.Pooled }));

    [Fact]
    public void UseAfterDisposeThrowsObjectDisposed()
    {
        var secret = Secret.Allocate(32);
        secret.Dispose();
        secret.Dispose(); // idempotent
        Assert.True(secret.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => secret.OpenRead());
        Assert.Throws<ObjectDisposedException>(() => secret.OpenWrite());
        Assert.Throws<ObjectDisposedException>(() => secret.FixedTimeEquals(stackalloc byte[32]));
        Assert.Throws<ObjectDisposedException>(() => secret.Clone());
    }

    [Theory]
    [InlineData(SecretTier.Pooled)]
    [InlineData(SecretTier.Guarded)]
    public unsafe void DisposeWhileALeaseIsOpenDefersTheWipe(SecretTier tier)
    {
        var secret = Secret.Allocate(32, new SecretOptions { Tier = tier });
        secret.Write(0, static (s, _) => s.Fill(7));
        byte* data = secret.DangerousData;
        SecretReadLease lease = secret.OpenRead();
        secret.Dispose();
        Assert.True(secret.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => secret.OpenRead());
        Assert.True(lease.Span.IndexOfAnyExcept((byte)7) < 0, "the bytes must stay until the lease closes");
        if (tier == SecretTier.Pooled)
        {
            lease.Dispose();
            Assert.True(new ReadOnlySpan<byte>(data, 32).IndexOfAnyExcept((byte)0) < 0, "wiped when the last lease closed");
        }
        else
        {
            lease.Dispose(); // the mapping is gone now; reading it would fault
        }
        bool threw = false;
        try { _ = lease.Span.Length; }
        catch (ObjectDisposedException) { threw = true; }
        Assert.True(threw, "a closed lease must not hand out its span");
    }

    [Fact]
    public void ToStringRevealsNeitherContentNorLength()
    {
        using var secret = Secret.CopyFrom("hunter2hunter2"u8);
        Assert.Equal("Secret", secret.ToString());
        Assert.DoesNotContain("14", secret.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MoveFromWipesTheSource()
    {
        byte[] source = [1, 2, 3, 4, 5, 6, 7, 8];
        using var secret = Secret.MoveFrom(source);
        Assert.All(source, b => Assert.Equal(0, b));
        Assert.True(secret.FixedTimeEquals([1, 2, 3, 4, 5, 6, 7, 8]));
    }

    [Fact]
    public void CreateRandomIsRandom()
    {
        using var a = Secret.CreateRandom(32);
        using var b = Secret.CreateRandom(32);
        Assert.False(a.FixedTimeEquals(b));
        Assert.False(a.Read(0, static (s, _) => ConstantTime.IsZero(s)));
    }

    [Fact]
    public void CopyCloneAndMoveBetweenSecrets()
    {
        using var a = Secret.CreateRandom(64);
        using var b = Secret.Allocate(64);
        a.CopyTo(b);
        Assert.True(a.FixedTimeEquals(b));
        using Secret c = a.Clone();
        Assert.True(c.FixedTimeEquals(a));
        using var d = Secret.Allocate(64, new SecretOptions { Tier = SecretTier.Guarded });
        c.MoveTo(d);
        Assert.True(c.IsDisposed);
        Assert.True(d.FixedTimeEquals(a));
        Assert.Throws<ArgumentException>(() => a.CopyTo(Secret.Allocate(63)));
    }

    [Theory]
    [InlineData(SecretTier.Pooled)]
    [InlineData(SecretTier.Guarded)]
    public void FrozenSecretsRefuseWriteLeasesUntilMelted(SecretTier tier)
    {
        using var secret = Secret.Allocate(32, new SecretOptions { Tier = tier });
        secret.Freeze();
        Assert.True(secret.IsFrozen);
        Assert.Throws<InvalidOperationException>(() => secret.OpenWrite());
        using (SecretReadLease lease = secret.OpenRead()) Assert.Equal(32, lease.Span.Length);
        secret.Melt();
        secret.Clear();
    }

    [Theory]
    [InlineData(SecretTier.Pooled)]
    [InlineData(SecretTier.Guarded)]
    public void FreezeIsRefusedWhileAWriterIsOpen(SecretTier tier)
    {
        using var secret = Secret.Allocate(32, new SecretOptions { Tier = tier });
        using (SecretWriteLease writer = secret.OpenWrite())
        {
            Assert.Throws<InvalidOperationException>(() => secret.Freeze());
            Assert.False(secret.IsFrozen);
            writer.Span[0] = 7; // still writable: the refused freeze changed nothing
        }
        secret.Freeze(); // the writer is closed
        Assert.True(secret.IsFrozen);
        Assert.Throws<InvalidOperationException>(() => secret.OpenWrite().Dispose());
        secret.Melt();
        using (SecretReadLease lease = secret.OpenRead()) Assert.Equal(7, lease.Span[0]);
    }

    [Theory]
    [InlineData(SecretTier.Pooled)]
    [InlineData(SecretTier.Guarded)]
    public void AWriterClosedTwiceThroughACopyCountsOnce(SecretTier tier)
    {
        using var secret = Secret.Allocate(32, new SecretOptions { Tier = tier });
        SecretWriteLease first = secret.OpenWrite();
        using SecretWriteLease second = secret.OpenWrite();
        SecretWriteLease copy = first;
        first.Dispose();
        copy.Dispose(); // must not close `second` as well
        Assert.Throws<InvalidOperationException>(() => secret.Freeze());
    }

    [Fact]
    public void MoveToItselfIsRefusedAndKeepsTheBytes()
    {
        using var secret = Secret.CreateRandom(32);
        byte[] before = secret.Read(0, static (s, _) => s.ToArray());
        ArgumentException e = Assert.Throws<ArgumentException>(() => secret.MoveTo(secret));
        Assert.Equal("destination", e.ParamName);
        Assert.False(secret.IsDisposed);
        Assert.True(secret.FixedTimeEquals(before));
    }

    [Fact]
    public void NoAccessAtRestSecretsAreReadableThroughNestedLeases()
    {
        using var secret = Secret.Allocate(100, new SecretOptions { NoAccessAtRest = true });
        Assert.Equal(SecretTier.Guarded, secret.Tier);
        Assert.True((secret.Protection & SecretProtection.NoAccessAtRest) != 0);
        secret.Write(0, static (s, _) => s.Fill(3));
        using (SecretReadLease outer = secret.OpenRead())
        {
            using (SecretReadLease inner = secret.OpenRead()) Assert.Equal(3, inner.Span[99]);
            Assert.Equal(3, outer.Span[0]); // still accessible: the outer lease is open
        }
    }

    [Fact]
    public void ReadFromStreamReadsExactlyAndFailsCleanlyOnShortInput()
    {
        using var stream = new MemoryStream([1, 2, 3, 4, 5]);
        using (Secret s = Secret.ReadFrom(stream, 4)) Assert.True(s.FixedTimeEquals([1, 2, 3, 4]));
        Assert.Equal(SecureMemoryError.InputTruncated, Assert.Throws<SecureMemoryException>(() => Secret.ReadFrom(stream, 4)).Error);
    }

    [Fact]
    public async Task ReadFromAsyncStreamAndPipe()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using (Secret s = await Secret.ReadFromAsync(new MemoryStream([9, 8, 7]), 3, cancellationToken: ct))
            Assert.True(s.FixedTimeEquals([9, 8, 7]));

        var pipe = new Pipe();
        byte[] payload = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];
        await pipe.Writer.WriteAsync(payload.AsMemory(0, 60), ct);
        await pipe.Writer.WriteAsync(payload.AsMemory(60), ct);
        await pipe.Writer.CompleteAsync();
        using Secret fromPipe = await Secret.ReadFromAsync(pipe.Reader, 100, cancellationToken: ct);
        Assert.True(fromPipe.FixedTimeEquals(payload));

        var shortPipe = new Pipe();
        await shortPipe.Writer.WriteAsync(new byte[3], ct);
        await shortPipe.Writer.CompleteAsync();
        Assert.Equal(SecureMemoryError.InputTruncated, (await Assert.ThrowsAsync<SecureMemoryException>(async () => await Secret.ReadFromAsync(shortPipe.Reader, 4, cancellationToken: ct))).Error);
        Assert.Equal(SecureMemoryError.InputTruncated, (await Assert.ThrowsAsync<SecureMemoryException>(
            async () => await Secret.ReadFromAsync(new MemoryStream([1, 2]), 3, cancellationToken: ct))).Error);
    }

    [Fact]
    public void ReadToEndTakesAStreamOfUnknownLength()
    {
        using (Secret s = Secret.ReadToEnd(new MemoryStream([1, 2, 3]), 16)) Assert.Equal(3, s.Length);
        Assert.Equal(SecureMemoryError.InputTooLong, Assert.Throws<SecureMemoryException>(() => Secret.ReadToEnd(new MemoryStream(new byte[17]), 16)).Error);
        Assert.Equal(SecureMemoryError.InputEmpty, Assert.Throws<SecureMemoryException>(() => Secret.ReadToEnd(new MemoryStream(), 16)).Error);
        using (Secret exact = Secret.ReadToEnd(new MemoryStream(new byte[16]), 16)) Assert.Equal(16, exact.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Secret.MaxLength + 1)]
    [InlineData(int.MaxValue)]
    public void ReadToEndRefusesAnImpossibleMaximumNamingIt(int maxLength)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(
            () => Secret.ReadToEnd(new MemoryStream([1, 2, 3]), maxLength));
        Assert.Equal("maxLength", e.ParamName);
    }
}
