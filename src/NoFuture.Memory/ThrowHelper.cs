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
}
