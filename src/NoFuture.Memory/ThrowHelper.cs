// Every exception message is built here, so none of them ever carries a secret byte or a secret's length.
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NoFuture.Memory;

internal static class ThrowHelper
{
    internal static string RefusalMessage(SecretProtection protection, long requested, long available, int error)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"The operating system refused {protection} for {requested} bytes of secret memory");
        if (available >= 0) text += string.Create(CultureInfo.InvariantCulture, $"; {available} bytes remain under the limit");
        if (error != 0) text += string.Create(CultureInfo.InvariantCulture, $" (OS error {error})");
        if (protection == SecretProtection.Locked)
            return text + ". Raise RLIMIT_MEMLOCK (ulimit -l), grant CAP_IPC_LOCK, or use ProtectionPolicy.BestEffort.";
        return text + ".";
    }

    [DoesNotReturn]
    internal static void Disposed(string typeName) =>
        throw new ObjectDisposedException(typeName, "The secret was disposed or purged.");

    [DoesNotReturn]
    internal static void WrongLength(string paramName) =>
        throw new ArgumentException("The lengths of the secret and the buffer differ.", paramName);

    [DoesNotReturn]
    internal static void Frozen() =>
        throw new InvalidOperationException("The secret is frozen (read-only); call Melt() before writing.");

    [DoesNotReturn]
    internal static void WritersOpen() =>
        throw new InvalidOperationException("A write lease is open; close it before freezing the secret.");

    [DoesNotReturn]
    internal static void BadLength(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, "The length must be positive and at most Secret.MaxLength.");

    [DoesNotReturn]
    internal static void MoveOntoItself(string paramName) =>
        throw new ArgumentException("A secret cannot be moved onto itself.", paramName);

    [DoesNotReturn]
    internal static void CountCorrupted() =>
        Environment.FailFast("NoFuture.Memory: a secret's lease count went below zero (released more often than opened). Terminating.");

    [DoesNotReturn]
    internal static void Corrupted(string where) =>
        Environment.FailFast($"NoFuture.Memory: {where} canary mismatch: secret memory was overwritten (memory corruption). Terminating.");

    // ---- Input that fails a check: SecureMemoryException with its reason (docs/failure-policy.md) ----

    [DoesNotReturn]
    internal static void InputRejected(SecureMemoryError error) =>
        throw new SecureMemoryException(error, error switch
        {
            SecureMemoryError.EnclaveTampered => "The enclave failed authentication: its sealed bytes were altered.",
            SecureMemoryError.InputEmpty => "The input is empty.",
            SecureMemoryError.InputTooLong => "The input is longer than the maximum length given.",
            SecureMemoryError.InputTruncated => "The input ended before the length asked for.",
            _ => "Secret memory refused its input.",
        });

    // ---- Caller mistakes ----

    [DoesNotReturn]
    internal static void ChoiceNotBit(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, "The choice must be 0 or 1.");

    [DoesNotReturn]
    internal static void Undefined(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, "The value is not defined by its enum.");

    [DoesNotReturn]
    internal static void PooledTooLong(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, "The pooled tier holds at most Secret.MaxPooledLength bytes.");

    [DoesNotReturn]
    internal static void QueueTooLong() =>
        throw new InvalidOperationException("The stream holds more than Secret.MaxLength bytes.");

    // ---- The environment ----

    [DoesNotReturn]
    internal static void Refused(SecretProtection protection, long requested, long available, int error) =>
        throw new ProtectionRefusedException(protection, requested, available, error);

    [DoesNotReturn]
    internal static void MapFailed(string what, int error) =>
        throw new InsufficientMemoryException(string.Create(CultureInfo.InvariantCulture, $"mmap of {what} failed (OS error {error})."));

    [DoesNotReturn]
    internal static void ProtectFailed(string what, int error) =>
        throw new InsufficientMemoryException(string.Create(CultureInfo.InvariantCulture, $"mprotect of {what} failed (OS error {error})."));

    [DoesNotReturn]
    internal static void OsCallFailed(string call, int errno) =>
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{call} failed (errno {errno})."));

    [DoesNotReturn]
    internal static void NoTerminal(int errno) =>
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"No terminal to read a passphrase from (errno {errno})."));

    [DoesNotReturn]
    internal static T PlatformUnsupported<T>() =>
        throw new PlatformNotSupportedException("NoFuture.Memory supports Linux, macOS and Windows.");
}
