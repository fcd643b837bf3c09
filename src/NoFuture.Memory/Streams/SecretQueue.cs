// A rolling encrypted buffer of secret bytes (memguard's Stream): data written is sealed in chunks at once,
// and read back (or taken chunk by chunk as Secrets) in order. Only the chunk being read is ever plaintext,
// and then only in secret memory.
namespace NoFuture.Memory;

/// <summary>
/// A FIFO of secret bytes (memguard's Stream; not a System.IO.Stream) kept encrypted at rest, in chunks of <see cref="ChunkSize"/> bytes. Write with
/// <see cref="Write(ReadOnlySpan{byte})"/> or <see cref="Write(Secret)"/>; read with <see cref="Read"/>, take the
/// next chunk with <see cref="Next"/>, or everything with <see cref="Flush"/>. Thread-safe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a FIFO queue of bytes; the name says so.")]
public sealed class SecretQueue : IDisposable
{
    /// <summary>The default chunk size: one page.</summary>
    public const int DefaultChunkSize = 4096;

    private readonly Lock _lock = new();
    private readonly Queue<Enclave> _chunks = new();
    private int _frontOffset; // bytes of the front chunk already read
    private long _length;
    private bool _disposed;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="chunkSize">Bytes per sealed chunk (1 to <see cref="Secret.MaxPooledLength"/> × 256).</param>
    /// <exception cref="ArgumentOutOfRangeException">The chunk size is out of range.</exception>
    public SecretQueue(int chunkSize = DefaultChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSize, Secret.MaxPooledLength * 256);
        ChunkSize = chunkSize;
    }

    /// <summary>The chunk size in bytes.</summary>
    public int ChunkSize { get; }

    /// <summary>Bytes written and not yet read.</summary>
    public long Length
    {
        get
        {
            lock (_lock) return _length;
        }
    }

    /// <summary>Seals <paramref name="data"/> into the stream. The source is left as it is (wipe it yourself).</summary>
    /// <exception cref="ObjectDisposedException">The stream was disposed.</exception>
    public void Write(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (!data.IsEmpty)
            {
                int n = Math.Min(ChunkSize, data.Length);
                _chunks.Enqueue(Enclave.SealCore(data[..n]));
                _length += n;
                data = data[n..];
            }
        }
    }

    /// <summary>Seals a copy of <paramref name="secret"/>'s bytes into the stream (the secret stays usable).</summary>
    /// <exception cref="ObjectDisposedException">The stream or the secret was disposed.</exception>
    public void Write(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        using SecretReadLease lease = secret.OpenRead();
        Write(lease.Span);
    }

    /// <summary>
    /// Reads up to <paramref name="destination"/>.Length bytes into <paramref name="destination"/> (which should be
    /// secret memory, e.g. a write lease). Returns the number of bytes read; 0 when the stream is empty.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The stream was disposed, or the process key was purged.</exception>
    public int Read(Span<byte> destination)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int total = 0;
            while (total < destination.Length && _chunks.Count > 0)
            {
                Enclave front = _chunks.Peek();
                using Secret chunk = front.Open();
                using SecretReadLease lease = chunk.OpenRead();
                int n = Math.Min(destination.Length - total, front.Length - _frontOffset);
                lease.Span.Slice(_frontOffset, n).CopyTo(destination[total..]);
                total += n;
                Consume(front, n);
            }
            return total;
        }
    }

    /// <summary>The next chunk (or what is left of it) as a new secret; null when the stream is empty.</summary>
    /// <exception cref="ObjectDisposedException">The stream was disposed, or the process key was purged.</exception>
    public Secret? Next()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_chunks.Count == 0) return null;
            Enclave front = _chunks.Peek();
            Secret result;
            if (_frontOffset == 0)
            {
                result = front.Open();
            }
            else
            {
                using Secret chunk = front.Open();
                using SecretReadLease lease = chunk.OpenRead();
                result = Secret.CopyFrom(lease.Span[_frontOffset..]);
            }
            Consume(front, front.Length - _frontOffset);
            return result;
        }
    }

    /// <summary>Everything left in the stream as one new secret; null when the stream is empty.</summary>
    /// <exception cref="ObjectDisposedException">The stream was disposed, or the process key was purged.</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="Secret.MaxLength"/> bytes are buffered.</exception>
    public Secret? Flush()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_length == 0) return null;
            if (_length > Secret.MaxLength) ThrowHelper.QueueTooLong();
            Secret result = Secret.Allocate((int)_length);
            try
            {
                using SecretWriteLease lease = result.OpenWrite();
                int read = Read(lease.Span);
                System.Diagnostics.Debug.Assert(read == result.Length);
                return result;
            }
            catch
            {
                result.Dispose();
                throw;
            }
        }
    }

    /// <summary>Drops every sealed chunk.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _chunks.Clear();
            _length = 0;
        }
    }

    private void Consume(Enclave front, int n)
    {
        _frontOffset += n;
        _length -= n;
        if (_frontOffset == front.Length)
        {
            _chunks.Dequeue();
            _frontOffset = 0;
        }
    }
}
