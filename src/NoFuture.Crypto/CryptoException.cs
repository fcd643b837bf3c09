// The exception of NoFuture.Crypto's primitives for untrusted input that fails a check (docs/failure-policy.md).
// Messages come from CryptoThrowHelper and never contain key material or secret lengths.
using System.Security.Cryptography;

namespace NoFuture.Crypto;

/// <summary>Untrusted input (a peer's public key, an imported key, an encoding) failed a check in one of NoFuture.Crypto's
/// primitives. The operation changed nothing.</summary>
/// <remarks>
/// Caller mistakes (wrong buffer sizes, overlapping buffers, disposed keys, a key of the wrong algorithm) are never this
/// type: they throw <see cref="ArgumentException"/>, <see cref="ObjectDisposedException"/> or
/// <see cref="InvalidOperationException"/>. A failed AEAD open or signature verification is not an exception at all: it
/// returns <see langword="false"/>. HPKE and Argon2 have their own types, <see cref="HpkeException"/> and
/// <see cref="Argon2Exception"/>, in the same <see cref="CryptographicException"/> family.
/// </remarks>
public sealed class CryptoException : CryptographicException
{
    /// <summary>Creates an exception with a reason and a message.</summary>
    public CryptoException(CryptoError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates an exception with <see cref="CryptoError.Unknown"/> (for serializers): no reason is claimed.</summary>
    public CryptoException()
        : this(CryptoError.Unknown, "A cryptographic check failed.")
    {
    }

    /// <summary>Creates an exception with <see cref="CryptoError.Unknown"/> and a message.</summary>
    public CryptoException(string message)
        : this(CryptoError.Unknown, message)
    {
    }

    /// <summary>Creates an exception with <see cref="CryptoError.Unknown"/>, a message and an inner exception.</summary>
    public CryptoException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = CryptoError.Unknown;
    }

    /// <summary>The reason.</summary>
    public CryptoError Error { get; }
}
