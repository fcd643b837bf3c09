namespace NoFuture.Memory;

/// <summary>
/// The operating system refused a protection under <see cref="ProtectionPolicy.Strict"/>. Carries the numbers
/// needed to fix the environment (for a lock refusal: bytes needed and bytes still available under
/// <c>RLIMIT_MEMLOCK</c>). Nothing was allocated.
/// </summary>
public sealed class ProtectionRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProtectionRefusedException() : this(SecretProtection.None, 0, 0, 0) { }

    /// <summary>Creates the exception with a message.</summary>
    public ProtectionRefusedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public ProtectionRefusedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a refused protection.</summary>
    /// <param name="protection">The protection that was refused.</param>
    /// <param name="requestedBytes">Bytes the protection was needed for.</param>
    /// <param name="availableBytes">Bytes still available under the limit, or -1 when unknown.</param>
    /// <param name="errorCode">The OS error number, or 0.</param>
    public ProtectionRefusedException(SecretProtection protection, long requestedBytes, long availableBytes, int errorCode)
        : base(ThrowHelper.RefusalMessage(protection, requestedBytes, availableBytes, errorCode))
    {
        Protection = protection;
        RequestedBytes = requestedBytes;
        AvailableBytes = availableBytes;
        ErrorCode = errorCode;
    }

    /// <summary>The protection that was refused.</summary>
    public SecretProtection Protection { get; }

    /// <summary>Bytes of memory the protection was requested for (whole pages).</summary>
    public long RequestedBytes { get; }

    /// <summary>Bytes still available under the OS limit when it is known, else -1.</summary>
    public long AvailableBytes { get; }

    /// <summary>The OS error number (errno / Win32 error), or 0 when the limit was checked before asking.</summary>
    public int ErrorCode { get; }
}
