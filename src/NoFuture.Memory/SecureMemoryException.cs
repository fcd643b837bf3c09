// The exception of NoFuture.Memory for input that fails a check (docs/failure-policy.md): sealed bytes that were
// altered, a stream or terminal that gives too little or too much. Messages come from ThrowHelper.
using System.Security.Cryptography;

namespace NoFuture.Memory;

/// <summary>Input that NoFuture.Memory reads or opens failed a check: an enclave's sealed bytes were altered, or a
/// stream, pipe or terminal gave no bytes, too many, or too few. Nothing was kept.</summary>
/// <remarks>
/// Caller mistakes are never this type: they throw <see cref="ArgumentException"/>,
/// <see cref="ObjectDisposedException"/> or <see cref="InvalidOperationException"/>. The environment refusing a
/// protection is <see cref="ProtectionRefusedException"/>.
/// </remarks>
public sealed class SecureMemoryException : CryptographicException
{
    /// <summary>Creates an exception with a reason and a message.</summary>
    public SecureMemoryException(SecureMemoryError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates an exception with <see cref="SecureMemoryError.Unknown"/> (for serializers): no reason is claimed.</summary>
    public SecureMemoryException()
        : this(SecureMemoryError.Unknown, "Secret memory refused its input.")
    {
    }

    /// <summary>Creates an exception with <see cref="SecureMemoryError.Unknown"/> and a message.</summary>
    public SecureMemoryException(string message)
        : this(SecureMemoryError.Unknown, message)
    {
    }

    /// <summary>Creates an exception with <see cref="SecureMemoryError.Unknown"/>, a message and an inner exception.</summary>
    public SecureMemoryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = SecureMemoryError.Unknown;
    }

    /// <summary>The reason.</summary>
    public SecureMemoryError Error { get; }
}
