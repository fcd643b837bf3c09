// Maps the managed library's exceptions to C status codes: no exception ever crosses the ABI boundary
// (an exception escaping an [UnmanagedCallersOnly] method terminates the process).
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Native;

internal static class StatusMap
{
    /// <summary>
    /// The status for <paramref name="exception"/>. <paramref name="invalidOperation"/> is what an
    /// <see cref="InvalidOperationException"/> means for the calling function (frozen, busy or refused).
    /// A disposed object is reported as purged while its handle is still live (only nf_purge disposes behind a live
    /// handle), and as a bad handle once another thread freed it.
    /// </summary>
    internal static int From(Exception exception, int invalidOperation = NativeStatus.Internal, ulong handle = 0, ulong other = 0) =>
        exception switch
        {
            ObjectDisposedException => (handle == 0 || HandleTable.IsLive(handle)) && (other == 0 || HandleTable.IsLive(other))
                ? NativeStatus.Purged
                : NativeStatus.BadHandle,
            ProtectionRefusedException => NativeStatus.Refused,
            SecureMemoryException { Error: SecureMemoryError.EnclaveTampered } => NativeStatus.Tampered,
            CryptoException => NativeStatus.Rejected,
            HpkeException { Error: HpkeError.MessageLimitReached } => NativeStatus.Internal,
            HpkeException => NativeStatus.Rejected,
            Argon2Exception { Error: Argon2Error.MemoryLimitExceeded or Argon2Error.WorkLimitExceeded } => NativeStatus.LimitExceeded,
            Argon2Exception { Error: Argon2Error.MemoryUnavailable } => NativeStatus.OutOfMemory,
            Argon2Exception => NativeStatus.Rejected,
            CryptographicException => NativeStatus.Internal,
            ArgumentException => NativeStatus.InvalidArgument,
            InvalidOperationException => invalidOperation,
            OutOfMemoryException or InsufficientExecutionStackException => NativeStatus.OutOfMemory,
            PlatformNotSupportedException => NativeStatus.Unsupported,
            _ => NativeStatus.Internal,
        };
}
