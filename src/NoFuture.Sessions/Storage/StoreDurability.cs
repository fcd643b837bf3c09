namespace NoFuture.Sessions;

/// <summary>What a <see cref="FileSessionStore"/>'s writes survive once <see cref="FileSessionStore.Save"/> or
/// <see cref="FileSessionStore.Delete"/> has returned.</summary>
/// <remarks>Either way a write is atomic: the record goes to a temporary file that is renamed over the old one, so a
/// crash of the process at any moment leaves the previous record or the new one, never a mix.</remarks>
public enum StoreDurability
{
    /// <summary>The default. Each write is flushed to the disk (the file, then the directory entry) before it returns,
    /// so a power loss or an operating-system crash afterwards keeps it. Each flush costs milliseconds on some disks.</summary>
    PowerLoss = 0,

    /// <summary>Writes are atomic but not flushed: a crash of the process keeps them (the operating system holds
    /// them), a power loss or an operating-system crash may lose the latest ones. For stores whose contents can be
    /// lost, such as a temporary folder deleted at the end of a run.</summary>
    ProcessCrash = 1,
}
