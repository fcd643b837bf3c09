// Scratch space for HPKE's labeled inputs, which splice secrets (DH outputs, shared secrets, PSKs, IKM) together with
// public labels before one hash or KDF call. Small inputs use the caller's stack buffer, wiped on Dispose; inputs
// longer than it (a long PSK or IKM, a long info string in a one-stage key schedule) go into a temporary Secret, so a
// secret is never copied to the GC heap whatever its length.
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto.Hpke;

/// <summary>A wiped-on-dispose buffer: the caller's stack span, or a temporary <see cref="Secret"/> when larger.</summary>
internal ref struct HpkeScratch
{
    /// <summary>The stack buffer size callers pass in.</summary>
    internal const int StackSize = 256;

    private readonly Secret? _secret;
    private readonly SecretWriteLease _lease;
    private readonly Span<byte> _span;

    internal HpkeScratch(int length, Span<byte> stack)
    {
        if (length <= stack.Length)
        {
            _span = stack[..length];
        }
        else
        {
            _secret = Secret.Allocate(length);
            _lease = _secret.OpenWrite();
            _span = _lease.Span;
        }
    }

    /// <summary>The whole buffer.</summary>
    internal readonly Span<byte> Span => _span;

    /// <summary>A writer that appends from the start of the buffer.</summary>
    internal readonly HpkeWriter Writer() => new(_span);

    public readonly void Dispose()
    {
        if (_secret is null)
        {
            CryptographicOperations.ZeroMemory(_span);
            return;
        }
        _lease.Dispose();
        _secret.Dispose(); // zero-on-free
    }
}
