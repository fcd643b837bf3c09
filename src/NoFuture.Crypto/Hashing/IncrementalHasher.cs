// A reusable incremental hash (HashAlgorithm.CreateIncremental). It allocates once, when created: its state sits in a
// Secret it owns (locked, wiped on Reset, on GetHashAndReset and on Dispose, and by SecureMemory.Purge), so secret
// input never leaves a trace in our memory. Where SHA-2 falls back to the BCL (no libcrypto.so.3), the state is the
// BCL's IncrementalHash instead, in the platform's memory; disposing it frees and cleanses that.
// Not thread-safe, like the BCL's IncrementalHash.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An incremental hash over one <see cref="HashAlgorithm"/>: <see cref="Append"/> any number of times, then
/// <see cref="GetHashAndReset"/>. Reusable, and allocation-free after creation. Not thread-safe.
/// </summary>
/// <remarks>The state is wiped by <see cref="Reset"/>, <see cref="GetHashAndReset"/> and <see cref="Dispose"/>, since the
/// input may be secret.</remarks>
[DebuggerDisplay("IncrementalHasher {Algorithm.Name}")]
public sealed class IncrementalHasher : IDisposable
{
    private readonly Secret? _state;
    private readonly IncrementalHash? _bcl;
    private bool _disposed;

    internal IncrementalHasher(HashAlgorithm algorithm)
    {
        Algorithm = algorithm;
        int size = algorithm.StateSizeInBytes;
        if (size == 0)
        {
            _bcl = algorithm.CreateBclHash();
            Debug.Assert(_bcl is not null);
            return;
        }
        _state = Secret.Allocate(size);
        try
        {
            using SecretWriteLease lease = _state.OpenWrite();
            algorithm.InitState(lease.Span);
        }
        catch
        {
            _state.Dispose();
            throw;
        }
    }

    /// <summary>The hash function.</summary>
    public HashAlgorithm Algorithm { get; }

    /// <summary>Appends <paramref name="data"/> (any length, including none) to the input.</summary>
    /// <exception cref="ObjectDisposedException">The hasher was disposed, or secret memory was purged.</exception>
    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_bcl is not null)
        {
            _bcl.AppendData(data);
            return;
        }
        using SecretWriteLease lease = _state!.OpenWrite();
        Algorithm.AppendState(lease.Span, data);
    }

    /// <summary>
    /// Writes the digest of everything appended since the last reset into <paramref name="destination"/> (exactly
    /// <see cref="HashAlgorithm.HashSizeInBytes"/> bytes) and starts over.
    /// </summary>
    /// <exception cref="ArgumentException">The destination has the wrong size (the state is left unchanged).</exception>
    /// <exception cref="ObjectDisposedException">The hasher was disposed, or secret memory was purged.</exception>
    public void GetHashAndReset(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length != Algorithm.HashSizeInBytes) CryptoThrowHelper.WrongSize(nameof(destination), Algorithm.HashSizeInBytes);
        if (_bcl is not null)
        {
            _bcl.GetHashAndReset(destination);
            return;
        }
        using SecretWriteLease lease = _state!.OpenWrite();
        Algorithm.FinishState(lease.Span, destination);
    }

    /// <summary>Discards everything appended so far (the state is wiped) and starts over.</summary>
    /// <exception cref="ObjectDisposedException">The hasher was disposed, or secret memory was purged.</exception>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_bcl is not null)
        {
            Span<byte> discard = stackalloc byte[64];
            _bcl.GetHashAndReset(discard[..Algorithm.HashSizeInBytes]);
            CryptographicOperations.ZeroMemory(discard);
            return;
        }
        using SecretWriteLease lease = _state!.OpenWrite();
        lease.Span.Clear();
        Algorithm.InitState(lease.Span);
    }

    /// <summary>Wipes the state and releases it. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _state?.Dispose();
        _bcl?.Dispose();
    }

    /// <summary>Returns the type and the algorithm's name.</summary>
    public override string ToString() => $"IncrementalHasher {Algorithm.Name}";
}
