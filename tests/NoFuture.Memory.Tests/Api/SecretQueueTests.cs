namespace NoFuture.Memory.Tests.Api;

public class SecretQueueTests
{
    [Fact]
    public void WriteReadNextAndFlushPreserveOrder()
    {
        byte[] data = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7))];
        using var queue = new SecretQueue(chunkSize: 4096);
        queue.Write(data);
        Assert.Equal(10_000, queue.Length);

        using var first = Secret.Allocate(100);
        using (SecretWriteLease lease = first.OpenWrite()) Assert.Equal(100, queue.Read(lease.Span));
        Assert.True(first.FixedTimeEquals(data.AsSpan(0, 100)));

        using (Secret? rest = queue.Next())
        {
            Assert.NotNull(rest);
            Assert.True(rest.FixedTimeEquals(data.AsSpan(100, 3996))); // the rest of the first chunk
        }
        using (Secret? all = queue.Flush())
        {
            Assert.NotNull(all);
            Assert.True(all.FixedTimeEquals(data.AsSpan(4096)));
        }
        Assert.Equal(0, queue.Length);
        Assert.Null(queue.Next());
        Assert.Null(queue.Flush());
        Assert.Equal(0, queue.Read(new byte[4]));
    }

    [Fact]
    public void WriteFromASecretAndDispose()
    {
        using var secret = Secret.CreateRandom(50);
        var queue = new SecretQueue(16);
        queue.Write(secret);
        using (Secret? back = queue.Flush()) Assert.True(back!.FixedTimeEquals(secret));
        queue.Dispose();
        Assert.Throws<ObjectDisposedException>(() => queue.Write(new byte[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecretQueue(0));
    }
}
