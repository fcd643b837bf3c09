// Every exception of the session stores is built here (docs/failure-policy.md): messages name the file or the check,
// never a record's contents or length.
using System.Diagnostics.CodeAnalysis;

namespace NoFuture.Sessions;

internal static class SessionStoreThrowHelper
{
    [DoesNotReturn]
    internal static void InvalidName(string parameterName) =>
        throw new ArgumentException(
            $"A record name is 1 to {SessionStoreNames.MaxLength} characters from letters, digits, '.', '_' and '-', not starting with '.'.",
            parameterName);

    [DoesNotReturn]
    internal static void KeyWrongSize(string parameterName, int expected) =>
        throw new ArgumentException($"The store key must be {expected} bytes.", parameterName);

    [DoesNotReturn]
    internal static void ParametersNotArgon2id(string parameterName, int tagLength) =>
        throw new ArgumentException($"The store's passphrase parameters must be Argon2id with a {tagLength}-byte tag.", parameterName);

    [DoesNotReturn]
    internal static void DurabilityUndefined(string parameterName) =>
        throw new ArgumentOutOfRangeException(parameterName, "Not a defined StoreDurability value.");

    [DoesNotReturn]
    internal static void RecordLength(string parameterName, int max) =>
        throw new ArgumentException($"A record is 1 to {max} bytes.", parameterName);

    [DoesNotReturn]
    internal static void KindMismatch(string directory, bool storeUsesPassphrase) =>
        throw new ArgumentException(storeUsesPassphrase
            ? $"The store in '{directory}' is opened with a passphrase, not a key."
            : $"The store in '{directory}' is opened with a key, not a passphrase.");

    [DoesNotReturn]
    internal static void WrongKey(string directory) =>
        throw new SessionStoreException(SessionStoreError.WrongKey, $"The key or passphrase does not open the store in '{directory}'.");

    [DoesNotReturn]
    internal static void HeaderRejected(string path, string reason) =>
        throw new SessionStoreException(SessionStoreError.HeaderRejected, $"The store header '{path}' was rejected: {reason}.");

    [DoesNotReturn]
    internal static void RecordRejected(string name, string reason) =>
        throw new SessionStoreException(SessionStoreError.RecordRejected, $"The record '{name}' was rejected: {reason}.");

    [DoesNotReturn]
    internal static void InUse(string directory) =>
        throw new IOException($"The store in '{directory}' is open in another process or instance.");

    [DoesNotReturn]
    internal static void Disposed(string typeName) => throw new ObjectDisposedException(typeName);
}
