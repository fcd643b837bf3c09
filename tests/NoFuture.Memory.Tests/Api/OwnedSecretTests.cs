// Secret.AllocateOwned (and its CreateRandom/CopyFrom forms): the secrets the C ABI's handle table owns, which have
// no finalizer. Everything else about them is an ordinary Secret; the public secrets keep their finalizer, now in
// a SecretReclaimer of their own. Reading a slot after Dispose or after the finalizer is safe: pooled slabs are never
// unmapped. These tests look at slots other tests could rent, so they run alone (ProcessWideCounts).
using System.Runtime.CompilerServices;

namespace NoFuture.Memory.Tests.Api;

[Collection(ProcessWideCounts.Name)]
public unsafe class OwnedSecretTests
{
    private static readonly SecretOptions Pooled = new() { Tier = SecretTier.Pooled };
    private static readonly SecretOptions Guarded = new() { Tier = SecretTier.Guarded };

    [Fact]
    public void OwnedSecretsHaveNoFinalizerAndPublicOnesDo()
    {
        foreach (SecretOptions options in new[] { Pooled, Guarded })
        {
            using Secret owned = Secret.AllocateOwned(32, options);
            using Secret random = Secret.CreateRandomOwned(32, options);
            using Secret copied = Secret.CopyFromOwned([1, 2, 3], options);
            using Secret ordinary = Secret.Allocate(32, options);
            using Secret ordinaryRandom = Secret.CreateRandom(32, options);
            Assert.False(owned.IsReclaimed);
            Assert.False(random.IsReclaimed);
            Assert.False(copied.IsReclaimed);
            Assert.True(ordinary.IsReclaimed);
            Assert.True(ordinaryRandom.IsReclaimed);
            Assert.Equal(options.Tier, owned.Tier);
        }
    }

    [Theory]
    [InlineData(32, SecretTier.Pooled)]
    [InlineData(1024, SecretTier.Pooled)]
    [InlineData(32, SecretTier.Guarded)]
    public void AnOwnedSecretBehavesAsASecret(int length, SecretTier tier)
    {
        var options = new SecretOptions { Tier = tier };
        Secret secret = Secret.CopyFromOwned(Enumerable.Repeat((byte)0xA5, length).ToArray(), options);
        Assert.Equal(length, secret.Length);
        Assert.True(secret.FixedTimeEquals(Enumerable.Repeat((byte)0xA5, length).ToArray()));
        secret.Freeze();
        Assert.Throws<InvalidOperationException>(() => secret.OpenWrite().Dispose());
        secret.Melt();
        secret.Write(0, static (span, _) => span[0] = 7);
        Assert.Equal(7, secret.Read(0, static (span, _) => span[0]));
        secret.Dispose();
        Assert.True(secret.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => secret.OpenRead().Dispose());
    }

    [Fact]
    public void DisposingAnOwnedPooledSecretWipesItsSlot()
    {
        Secret secret = Secret.CreateRandomOwned(64, Pooled);
        secret.Write(0, static (span, _) => span.Fill(0xA5));
        byte* data = secret.DangerousData;
        secret.Dispose();
        Assert.True(IsZero(data, 64));
    }

    // TryDisposeRecycling / TryAllocateRecycled: the C ABI's handle table keeps a freed pooled slot for its next
    // secret of the same size class (both called under its lock). The kept slot is wiped and counts as free.
    [Fact]
    public void ARecycledSlotComesBackZeroedAndCountsAsFree()
    {
        long live = MemoryMetrics.LivePooled;
        Secret first = Secret.AllocateOwned(48, Pooled);
        first.Write(0, static (span, _) => span.Fill(0xA5));
        byte* data = first.DangerousData;
        Assert.Equal(live + 1, MemoryMetrics.LivePooled);
        Assert.True(first.TryDisposeRecycling());
        Assert.True(first.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => first.OpenRead().Dispose());
        Assert.True(IsZero(data, 48));
        Assert.Equal(live, MemoryMetrics.LivePooled);

        Secret? second = Secret.TryAllocateRecycled(40); // the same size class (64 bytes)
        Assert.NotNull(second);
        Assert.Equal(40, second.Length);
        Assert.False(second.IsReclaimed);
        Assert.True(IsZero(second.DangerousData, 40));
        Assert.Equal(live + 1, MemoryMetrics.LivePooled);
        second.Write(0, static (span, _) => span.Fill(0x5A));
        second.Dispose(); // an ordinary dispose returns the slot to its shard
        Assert.Equal(live, MemoryMetrics.LivePooled);
    }

    [Fact]
    public void OnlyAnOwnedPooledSecretWithNoLeaseOpenIsRecycled()
    {
        Secret pooled = Secret.AllocateOwned(32, Pooled);
        SecretReadLease lease = pooled.OpenRead();
        Assert.False(pooled.TryDisposeRecycling()); // nothing changed: the caller disposes it the ordinary way
        Assert.False(pooled.IsDisposed);
        lease.Dispose();
        pooled.Dispose();
        Assert.False(pooled.TryDisposeRecycling()); // already disposed

        using Secret guarded = Secret.AllocateOwned(32, Guarded);
        Assert.False(guarded.TryDisposeRecycling());
        Assert.False(guarded.IsDisposed);
        using Secret ordinary = Secret.Allocate(32, Pooled);
        Assert.False(ordinary.TryDisposeRecycling()); // has a finalizer: not the handle table's
        Assert.False(ordinary.IsDisposed);
    }

    // The handle table calls TryDisposeRecycling while a thread that looked the handle up just before may be opening
    // a lease: either the lease gets in first (then nothing is recycled and the wipe waits for it) or it is refused.
    // A lease that got in must never see its bytes wiped under it.
    [Fact]
    public void ALeaseRacingTryDisposeRecyclingKeepsItsBytesOrIsRefused()
    {
        int wiped = 0;
        for (int round = 0; round < 1000; round++)
        {
            Secret secret = Secret.AllocateOwned(32, Pooled);
            secret.Write(0, static (span, _) => span.Fill(0xA5));
            using var start = new Barrier(2);
            var reader = new Thread(() =>
            {
                start.SignalAndWait(TestContext.Current.CancellationToken);
                for (int i = 0; i < 20; i++)
                {
                    try
                    {
                        using SecretReadLease lease = secret.OpenRead();
                        Thread.SpinWait(50);
                        if (lease.Span.IndexOfAnyExcept((byte)0xA5) >= 0) Interlocked.Increment(ref wiped);
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                }
            });
            reader.Start();
            start.SignalAndWait(TestContext.Current.CancellationToken);
            Thread.SpinWait(round % 64);
            if (!secret.TryDisposeRecycling()) secret.Dispose();
            reader.Join();
        }
        Assert.Equal(0, wiped);
    }

    [Fact]
    public void AForgottenPublicPooledSecretIsStillWipedByTheFinalizer()
    {
        byte* data = Forget();
        Assert.False(IsZero(data, 64));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.True(IsZero(data, 64));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte* Forget()
    {
        Secret secret = Secret.Allocate(64, Pooled);
        secret.Write(0, static (span, _) => span.Fill(0xA5));
        return secret.DangerousData;
    }

    private static bool IsZero(byte* data, int length) => ConstantTime.IsZero(new ReadOnlySpan<byte>(data, length));
}
