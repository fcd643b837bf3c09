namespace NoFuture.Sessions;

/// <summary>Why a session store refused its stored bytes.</summary>
public enum SessionStoreError
{
    /// <summary>No reason given.</summary>
    Unknown = 0,

    /// <summary>The key or passphrase does not open this store (its header's check failed).</summary>
    WrongKey = 1,

    /// <summary>The store's header file is malformed or of an unknown version.</summary>
    HeaderRejected = 2,

    /// <summary>A record file is malformed, was altered, or belongs to another name or another store.</summary>
    RecordRejected = 3,
}
