// The session store contract (docs/sessions.md, "Session state at rest"). Records are opaque secret bytes (a
// session's exported state, an identity); the store decides how they are kept. Implementations: InMemorySessionStore
// and FileSessionStore (encrypted at rest, atomically written).
using NoFuture.Memory;

namespace NoFuture.Sessions;

/// <summary>Keeps named secret records, such as exported session states and identities.</summary>
/// <remarks>A record is read back into secret memory and written from a span the caller keeps in secret memory;
/// names are short identifiers (letters, digits, '.', '_', '-'), checked by <see cref="SessionStoreNames"/>.
/// Implementations are safe for concurrent callers.</remarks>
public interface ISessionStore
{
    /// <summary>Reads a record into a new <see cref="Secret"/> the caller disposes, or returns null when there is none.</summary>
    /// <exception cref="ArgumentException">The name is not a valid record name.</exception>
    /// <exception cref="SessionStoreException">The stored record failed its integrity check.</exception>
    Secret? Load(string name);

    /// <summary>Replaces (or creates) a record. Either the whole new record is stored or, if this fails or the process
    /// dies, the previous one is still there.</summary>
    /// <exception cref="ArgumentException">The name is not a valid record name, or the record is empty.</exception>
    void Save(string name, ReadOnlySpan<byte> record);

    /// <summary>Removes a record; returns false when there was none.</summary>
    /// <exception cref="ArgumentException">The name is not a valid record name.</exception>
    bool Delete(string name);

    /// <summary>The names of the stored records, sorted ordinally.</summary>
    IReadOnlyList<string> ListNames();
}
