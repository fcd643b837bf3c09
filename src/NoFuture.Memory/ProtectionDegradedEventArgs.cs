namespace NoFuture.Memory;

/// <summary>Describes a protection that was refused and skipped under <see cref="ProtectionPolicy.BestEffort"/>.</summary>
public sealed class ProtectionDegradedEventArgs : EventArgs
{
    internal ProtectionDegradedEventArgs(SecretProtection protection, long requestedBytes, long availableBytes, int errorCode)
    {
        Protection = protection;
        RequestedBytes = requestedBytes;
        AvailableBytes = availableBytes;
        ErrorCode = errorCode;
    }

    /// <summary>The protection the allocation does not have.</summary>
    public SecretProtection Protection { get; }

    /// <summary>Bytes of memory concerned (whole pages).</summary>
    public long RequestedBytes { get; }

    /// <summary>Bytes still available under the OS limit when known, else -1.</summary>
    public long AvailableBytes { get; }

    /// <summary>The OS error number, or 0.</summary>
    public int ErrorCode { get; }

    /// <inheritdoc />
    public override string ToString() => ThrowHelper.RefusalMessage(Protection, RequestedBytes, AvailableBytes, ErrorCode);
}
