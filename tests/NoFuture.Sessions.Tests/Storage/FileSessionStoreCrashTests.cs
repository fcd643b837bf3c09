// A process killed at a random moment while saving must leave a record that loads and is one of the two it was
// writing between (docs/sessions.md, "Session state at rest").
using System.Buffers.Binary;
using System.Globalization;
using NoFuture.Memory;
using NoFuture.Sessions.Probe;
using NoFuture.Tests.Shared;

namespace NoFuture.Sessions.Tests.Storage;

public sealed class FileSessionStoreCrashTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nf-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData(StoreDurability.PowerLoss)]
    [InlineData(StoreDurability.ProcessCrash)] // no flushes: the rename alone must keep the promise for a killed process
    public async Task KilledMidWriteLeavesTheLastOrTheNextRecord(StoreDurability durability)
    {
        byte[] keyBytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(FileSessionStore.KeySizeInBytes);
        var random = new Random();
        for (int round = 0; round < 5; round++)
        {
            string dir = Path.Combine(_root, "r" + round);
            long confirmed = 0;
            using (System.Diagnostics.Process child = ChildProbe.StartInteractive("NoFuture.Sessions.Probe", $"store-writer \"{dir}\" {Convert.ToHexString(keyBytes)} {durability}"))
            {
                try
                {
                    Assert.Equal("ready=1", await child.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));
                    // Let it write a random number of records (at least one), then kill it without warning.
                    int target = random.Next(1, 200);
                    while (confirmed < target)
                    {
                        string? line = await child.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
                        Assert.NotNull(line);
                        confirmed = long.Parse(line!["saved=".Length..], CultureInfo.InvariantCulture);
                    }
                }
                finally
                {
                    child.Kill();
                    await child.WaitForExitAsync(TestContext.Current.CancellationToken);
                }
            }
            using Secret key = Secret.CopyFrom(keyBytes);
            using FileSessionStore store = FileSessionStore.OpenWithKey(dir, key);
            using Secret record = store.Load("alice.1")!;
            byte[] copy = new byte[record.Length];
            using (SecretReadLease lease = record.OpenRead()) lease.Span.CopyTo(copy);
            long generation = BinaryPrimitives.ReadInt64BigEndian(copy);
            // Lines may be buffered in the pipe: the child can have gone on past what we read, never back.
            Assert.True(generation >= confirmed, $"round {round}: record {generation} is older than confirmed {confirmed}");
            Assert.Equal(StoreRecordPattern.Make(generation), copy);
            Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp"));
        }
    }
}
