// A store for tests, demos and processes that persist nothing: each record is a copy in its own Secret.
using NoFuture.Memory;

namespace NoFuture.Sessions;

/// <summary>An <see cref="ISessionStore"/> that keeps each record in its own <see cref="Secret"/>; nothing reaches
/// disk. <see cref="Dispose"/> wipes every record.</summary>
public sealed class InMemorySessionStore : ISessionStore, IDisposable
{
    private readonly Dictionary<string, Secret> _records = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <inheritdoc />
    public Secret? Load(string name)
    {
        SessionStoreNames.Check(name, nameof(name));
        lock (_lock)
        {
            ThrowIfDisposed();
            return _records.TryGetValue(name, out Secret? record) ? record.Clone() : null;
        }
    }

    /// <inheritdoc />
    public void Save(string name, ReadOnlySpan<byte> record)
    {
        SessionStoreNames.Check(name, nameof(name));
        if (record.IsEmpty) SessionStoreThrowHelper.RecordLength(nameof(record), Secret.MaxLength);
        // The copy is made before the lock and swapped in under it: a failure leaves the previous record in place.
        Secret copy = Secret.CopyFrom(record);
        Secret? previous;
        lock (_lock)
        {
            if (_disposed)
            {
                copy.Dispose();
                SessionStoreThrowHelper.Disposed(nameof(InMemorySessionStore));
            }
            _records.TryGetValue(name, out previous);
            _records[name] = copy;
        }
        previous?.Dispose();
    }

    /// <inheritdoc />
    public bool Delete(string name)
    {
        SessionStoreNames.Check(name, nameof(name));
        Secret? removed;
        lock (_lock)
        {
            ThrowIfDisposed();
            if (!_records.Remove(name, out removed)) return false;
        }
        removed.Dispose();
        return true;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListNames()
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            var names = _records.Keys.ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    /// <summary>Wipes and forgets every record.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (Secret record in _records.Values) record.Dispose();
            _records.Clear();
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed) SessionStoreThrowHelper.Disposed(nameof(InMemorySessionStore));
    }
}
