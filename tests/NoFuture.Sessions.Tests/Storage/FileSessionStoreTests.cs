using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Sessions.Tests.Storage;

public sealed class FileSessionStoreTests : IDisposable
{
    // Small Argon2id parameters keep the passphrase tests fast; the format stores whatever parameters were used.
    private static readonly Argon2Parameters s_fast = new(Argon2Type.Argon2id, 256, 1, 1);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "nf-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private string Dir(string name = "s") => Path.Combine(_root, name);

    private static Secret NewKey() => Secret.CreateRandom(FileSessionStore.KeySizeInBytes);

    [Fact]
    public void RecordsSurviveReopening()
    {
        using Secret key = NewKey();
        using (FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key))
        {
            store.Save("alice.1", [1, 2, 3]);
            store.Save("bob.1", [0]);
            store.Save("alice.1", [7, 8]);
        }
        using (FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key))
        {
            using Secret alice = store.Load("alice.1")!;
            Assert.True(alice.FixedTimeEquals([7, 8]));
            using Secret bob = store.Load("bob.1")!;
            Assert.True(bob.FixedTimeEquals([0]));
            Assert.Null(store.Load("carol.1"));
            Assert.Equal(["alice.1", "bob.1"], store.ListNames());
            Assert.True(store.Delete("bob.1"));
            Assert.False(store.Delete("bob.1"));
        }
    }

    [Fact]
    public void NoPlaintextOnDiskAndPrivateModes()
    {
        byte[] marker = "a very recognisable session record"u8.ToArray();
        using Secret key = NewKey();
        using (FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key)) store.Save("x", marker);
        foreach (string file in Directory.EnumerateFiles(Dir()))
        {
            byte[] bytes = File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().IndexOf(marker) < 0, file);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Dir()));
    }

    [Fact]
    public void WrongKeyIsRefusedBeforeAnyRecord()
    {
        using Secret key = NewKey();
        using (FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key)) store.Save("x", [1]);
        using Secret other = NewKey();
        var e = Assert.Throws<SessionStoreException>(() => FileSessionStore.OpenWithKey(Dir(), other));
        Assert.Equal(SessionStoreError.WrongKey, e.Error);
        // The refused open released the directory.
        using FileSessionStore again = FileSessionStore.OpenWithKey(Dir(), key);
        using Secret x = again.Load("x")!;
        Assert.True(x.FixedTimeEquals([1]));
    }

    [Fact]
    public void PassphraseStore()
    {
        using Secret passphrase = Secret.CopyFrom("correct horse battery staple"u8);
        using (FileSessionStore store = FileSessionStore.OpenWithPassphrase(Dir(), passphrase, s_fast)) store.Save("x", [5]);
        // Reopening uses the header's parameters, whatever is passed.
        using (FileSessionStore store = FileSessionStore.OpenWithPassphrase(Dir(), passphrase))
        {
            using Secret x = store.Load("x")!;
            Assert.True(x.FixedTimeEquals([5]));
        }
        using Secret wrong = Secret.CopyFrom("correct horse battery stapler"u8);
        Assert.Equal(SessionStoreError.WrongKey,
            Assert.Throws<SessionStoreException>(() => FileSessionStore.OpenWithPassphrase(Dir(), wrong, s_fast)).Error);
        using Secret key = NewKey();
        Assert.Throws<ArgumentException>(() => FileSessionStore.OpenWithKey(Dir(), key));
    }

    [Fact]
    public void DurabilityIsTheInstancesNotTheStores()
    {
        using Secret key = NewKey();
        using Secret passphrase = Secret.CopyFrom("p"u8);
        using (FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key, StoreDurability.ProcessCrash))
        {
            Assert.Equal(StoreDurability.ProcessCrash, store.Durability);
            store.Save("a", [1, 2]);
            store.Save("b", [3]);
            Assert.True(store.Delete("b"));
        }
        // The same files, read and written by an instance that flushes, and back.
        using (FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key))
        {
            Assert.Equal(StoreDurability.PowerLoss, store.Durability);
            using Secret a = store.Load("a")!;
            Assert.True(a.FixedTimeEquals([1, 2]));
            Assert.Equal(["a"], store.ListNames());
            store.Save("a", [4]);
        }
        using (FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key, StoreDurability.ProcessCrash))
        {
            using Secret a = store.Load("a")!;
            Assert.True(a.FixedTimeEquals([4]));
        }
        using (FileSessionStore store = FileSessionStore.OpenWithPassphrase(Dir("p"), passphrase, s_fast, StoreDurability.ProcessCrash))
        {
            Assert.Equal(StoreDurability.ProcessCrash, store.Durability);
            store.Save("x", [5]);
        }
        using (FileSessionStore store = FileSessionStore.OpenWithPassphrase(Dir("p"), passphrase))
        {
            using Secret x = store.Load("x")!;
            Assert.True(x.FixedTimeEquals([5]));
        }
    }

    [Fact]
    public void CallerMistakes()
    {
        using Secret undefinedKey = NewKey();
        Assert.Throws<ArgumentOutOfRangeException>(() => FileSessionStore.OpenWithKey(Dir("u"), undefinedKey, (StoreDurability)2));
        using Secret undefinedPassphrase = Secret.CopyFrom("p"u8);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            FileSessionStore.OpenWithPassphrase(Dir("u"), undefinedPassphrase, s_fast, (StoreDurability)(-1)));
        Assert.False(Directory.Exists(Dir("u"))); // refused before the directory is made
        using Secret shortKey = Secret.CreateRandom(16);
        Assert.Throws<ArgumentException>(() => FileSessionStore.OpenWithKey(Dir(), shortKey));
        using Secret passphrase = Secret.CopyFrom("p"u8);
        Assert.Throws<ArgumentException>(() =>
            FileSessionStore.OpenWithPassphrase(Dir(), passphrase, new Argon2Parameters(Argon2Type.Argon2i, 256, 1, 1)));
        using Secret key = NewKey();
        using FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key);
        Assert.Throws<ArgumentException>(() => store.Save("../escape", [1]));
        Assert.Throws<ArgumentException>(() => store.Save(".lock", [1]));
        Assert.Throws<ArgumentException>(() => store.Save("x", []));
        Assert.False(File.Exists(Path.Combine(_root, "escape.nfs")));
    }

    [Fact]
    public void OneInstancePerDirectory()
    {
        using Secret key = NewKey();
        using (FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key))
            Assert.Throws<IOException>(() => FileSessionStore.OpenWithKey(Dir(), key));
        using FileSessionStore reopened = FileSessionStore.OpenWithKey(Dir(), key);
    }

    [Fact]
    public void AlteredRecordsAreRejectedAtEveryByte()
    {
        using Secret key = NewKey();
        using FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key);
        store.Save("x", [1, 2, 3, 4, 5, 6, 7, 8]);
        string path = Path.Combine(Dir(), "x.nfs");
        byte[] good = File.ReadAllBytes(path);
        for (int i = 0; i < good.Length; i++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] ^= 0x01;
            File.WriteAllBytes(path, bad);
            Assert.Equal(SessionStoreError.RecordRejected, Assert.Throws<SessionStoreException>(() => store.Load("x")).Error);
        }
        foreach (int length in new[] { 0, 1, 8, 47, 48, good.Length - 1 })
        {
            File.WriteAllBytes(path, good[..length]);
            Assert.Equal(SessionStoreError.RecordRejected, Assert.Throws<SessionStoreException>(() => store.Load("x")).Error);
        }
        File.WriteAllBytes(path, good);
        using Secret x = store.Load("x")!;
        Assert.True(x.FixedTimeEquals([1, 2, 3, 4, 5, 6, 7, 8]));
    }

    [Fact]
    public void RecordsAreBoundToTheirNameAndStore()
    {
        using Secret key = NewKey();
        using FileSessionStore first = FileSessionStore.OpenWithKey(Dir("a"), key);
        using FileSessionStore second = FileSessionStore.OpenWithKey(Dir("b"), key);
        first.Save("alice.1", [1]);
        first.Save("bob.1", [2]);
        // Renamed inside the store: refused.
        File.Copy(Path.Combine(Dir("a"), "alice.1.nfs"), Path.Combine(Dir("a"), "bob.1.nfs"), overwrite: true);
        Assert.Equal(SessionStoreError.RecordRejected, Assert.Throws<SessionStoreException>(() => first.Load("bob.1")).Error);
        // Copied to another store with the same key: refused.
        File.Copy(Path.Combine(Dir("a"), "alice.1.nfs"), Path.Combine(Dir("b"), "alice.1.nfs"));
        Assert.Equal(SessionStoreError.RecordRejected, Assert.Throws<SessionStoreException>(() => second.Load("alice.1")).Error);
    }

    [Fact]
    public void HostileHeadersAreRejectedWithoutDerivingAKey()
    {
        using Secret passphrase = Secret.CopyFrom("p"u8);
        using (FileSessionStore.OpenWithPassphrase(Dir(), passphrase, s_fast)) { }
        string header = Path.Combine(Dir(), ".nofuture-store");
        byte[] good = File.ReadAllBytes(header);

        void Expect(byte[] bytes, SessionStoreError error)
        {
            File.WriteAllBytes(header, bytes);
            Assert.Equal(error, Assert.Throws<SessionStoreException>(() => FileSessionStore.OpenWithPassphrase(Dir(), passphrase, s_fast)).Error);
        }

        // 4 TiB of Argon2 memory would not return; the bound refuses it first.
        byte[] huge = (byte[])good.Clone();
        huge[9] = 0xFF;
        Expect(huge, SessionStoreError.HeaderRejected);
        byte[] kind = (byte[])good.Clone();
        kind[8] = 9;
        Expect(kind, SessionStoreError.HeaderRejected);
        Expect(good[..^1], SessionStoreError.HeaderRejected);
        byte[] magic = (byte[])good.Clone();
        magic[0] ^= 1;
        Expect(magic, SessionStoreError.HeaderRejected);
        // Parameters changed within bounds: authenticated, so the key check fails.
        byte[] iterations = (byte[])good.Clone();
        iterations[16] = 2;
        Expect(iterations, SessionStoreError.WrongKey);
        byte[] tag = (byte[])good.Clone();
        tag[^1] ^= 1;
        Expect(tag, SessionStoreError.WrongKey);
    }

    [Fact]
    public void LeftoverTemporaryFilesAreRemovedOnOpen()
    {
        using Secret key = NewKey();
        using (FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key)) store.Save("x", [1]);
        string leftover = Path.Combine(Dir(), ".x.nfs.0011223344556677.tmp");
        File.WriteAllBytes(leftover, [1, 2, 3]);
        using (FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key))
        {
            Assert.False(File.Exists(leftover));
            Assert.Equal(["x"], store.ListNames());
        }
    }

    [Fact]
    public void DisposedStoreRefusesUse()
    {
        using Secret key = NewKey();
        FileSessionStore store = FileSessionStore.OpenWithKey(Dir(), key);
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.Load("x"));
        Assert.Throws<ObjectDisposedException>(() => store.Save("x", [1]));
        store.Dispose();
    }
}
