using NoFuture.Memory;

namespace NoFuture.Sessions.Tests.Storage;

public class InMemorySessionStoreTests
{
    [Fact]
    public void SaveLoadOverwriteDelete()
    {
        using var store = new InMemorySessionStore();
        Assert.Null(store.Load("alice.1"));
        store.Save("alice.1", [1, 2, 3]);
        store.Save("bob.2", [9]);
        using (Secret? loaded = store.Load("alice.1")) Assert.True(loaded!.FixedTimeEquals([1, 2, 3]));
        store.Save("alice.1", [4, 5]);
        using (Secret? loaded = store.Load("alice.1")) Assert.True(loaded!.FixedTimeEquals([4, 5]));
        Assert.Equal(["alice.1", "bob.2"], store.ListNames());
        Assert.True(store.Delete("alice.1"));
        Assert.False(store.Delete("alice.1"));
        Assert.Null(store.Load("alice.1"));
        Assert.Equal(["bob.2"], store.ListNames());
    }

    [Fact]
    public void LoadedRecordIsACopy()
    {
        using var store = new InMemorySessionStore();
        store.Save("a", [1, 2, 3]);
        using (Secret loaded = store.Load("a")!)
        {
            using SecretWriteLease lease = loaded.OpenWrite();
            lease.Span.Clear();
        }
        using Secret again = store.Load("a")!;
        Assert.True(again.FixedTimeEquals([1, 2, 3]));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("../x")]
    [InlineData("a b")]
    [InlineData("é")]
    public void InvalidNamesAreCallerMistakes(string name)
    {
        using var store = new InMemorySessionStore();
        Assert.Throws<ArgumentException>(() => store.Save(name, [1]));
        Assert.Throws<ArgumentException>(() => store.Load(name));
        Assert.Throws<ArgumentException>(() => store.Delete(name));
        Assert.Throws<ArgumentException>(() => store.Save("ok", []));
        Assert.False(SessionStoreNames.IsValid(name));
    }

    [Fact]
    public void NameLengthBoundary()
    {
        Assert.True(SessionStoreNames.IsValid(new string('a', SessionStoreNames.MaxLength)));
        Assert.False(SessionStoreNames.IsValid(new string('a', SessionStoreNames.MaxLength + 1)));
    }

    [Fact]
    public void DisposeWipesAndRefusesFurtherUse()
    {
        var store = new InMemorySessionStore();
        store.Save("a", [1]);
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.Load("a"));
        Assert.Throws<ObjectDisposedException>(() => store.Save("a", [1]));
        store.Dispose();
    }
}
