namespace NoFuture.Memory.Platform;

/// <summary>Page protection the allocator can apply. Never executable.</summary>
internal enum PageAccess
{
    None,
    Read,
    ReadWrite,
}
