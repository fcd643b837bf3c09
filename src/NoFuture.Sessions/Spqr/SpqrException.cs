// The exception of the SPQR layer for a peer's message (or a stored record) that fails a check
// (docs/failure-policy.md). Messages come from SpqrThrowHelper and never contain secret material or secret lengths.
using System.Security.Cryptography;

namespace NoFuture.Sessions.Spqr;

/// <summary>An SPQR message or exported state failed a check. Nothing was changed.</summary>
internal sealed class SpqrException : CryptographicException
{
    /// <summary>Creates an exception with a reason and a message.</summary>
    public SpqrException(SpqrError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>The reason.</summary>
    public SpqrError Error { get; }
}
