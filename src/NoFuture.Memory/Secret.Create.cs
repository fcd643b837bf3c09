// Ways into secret memory that never stage the plaintext on the GC heap: random bytes straight from the OS,
// a span moved in and wiped, a stream or pipe read directly into the secret, a passphrase from the terminal.
using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using NoFuture.Memory.Platform;

namespace NoFuture.Memory;

public sealed partial class Secret
{
    /// <summary>Allocates a secret filled from the operating system's CSPRNG (written straight into it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is out of range.</exception>
    /// <exception cref="ProtectionRefusedException">The OS refused a protection under the strict policy.</exception>
    public static Secret CreateRandom(int length, SecretOptions? options = null) =>
        FillRandom(Allocate(length, options));

    /// <summary>As <see cref="CreateRandom"/>, without a finalizer (see <see cref="AllocateOwned"/>).</summary>
    internal static Secret CreateRandomOwned(int length, SecretOptions? options) =>
        FillRandom(AllocateOwned(length, options));

    private static Secret FillRandom(Secret secret)
    {
        try
        {
            using SecretWriteLease lease = secret.OpenWrite();
            PageAllocator.Current.FillRandom(lease.Span);
            return secret;
        }
        catch
        {
            secret.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Moves <paramref name="source"/> into a new secret and wipes <paramref name="source"/> to zero. Use this for
    /// key material that arrived in an ordinary buffer; the source is wiped even when allocation fails.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The source is empty or too long.</exception>
    public static Secret MoveFrom(Span<byte> source, SecretOptions? options = null)
    {
        try
        {
            return CopyFrom(source, options);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(source);
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/> into a new secret, leaving the source as it is (for example another
    /// secret's lease). For bytes in an ordinary buffer prefer <see cref="MoveFrom"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The source is empty or too long.</exception>
    public static Secret CopyFrom(ReadOnlySpan<byte> source, SecretOptions? options = null) =>
        CopyInto(Allocate(source.Length, options), source);

    /// <summary>As <see cref="CopyFrom"/>, without a finalizer (see <see cref="AllocateOwned"/>).</summary>
    internal static Secret CopyFromOwned(ReadOnlySpan<byte> source, SecretOptions? options) =>
        CopyInto(AllocateOwned(source.Length, options), source);

    private static Secret CopyInto(Secret secret, ReadOnlySpan<byte> source)
    {
        try
        {
            using SecretWriteLease lease = secret.OpenWrite();
            source.CopyTo(lease.Span);
            return secret;
        }
        catch
        {
            // Only a purge between allocation and copy gets here; an owned secret has no finalizer to free it.
            secret.Dispose();
            throw;
        }
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes from <paramref name="stream"/> directly into a new secret.</summary>
    /// <exception cref="SecureMemoryException">The stream ended first (<see cref="SecureMemoryError.InputTruncated"/>; nothing is kept).</exception>
    public static Secret ReadFrom(Stream stream, int length, SecretOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Secret secret = Allocate(length, options);
        try
        {
            using SecretWriteLease lease = secret.OpenWrite();
            if (stream.ReadAtLeast(lease.Span, length, throwOnEndOfStream: false) < length)
                ThrowHelper.InputRejected(SecureMemoryError.InputTruncated);
            return secret;
        }
        catch
        {
            secret.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end directly into secret memory (at most <paramref name="maxLength"/>
    /// bytes) and returns a secret of exactly the bytes read.
    /// </summary>
    /// <exception cref="SecureMemoryException">The stream is empty (<see cref="SecureMemoryError.InputEmpty"/>) or longer than
    /// <paramref name="maxLength"/> (<see cref="SecureMemoryError.InputTooLong"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is not 1 to <see cref="MaxLength"/>.</exception>
    public static Secret ReadToEnd(Stream stream, int maxLength, SecretOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if ((uint)(maxLength - 1) >= MaxLength) ThrowHelper.BadLength(nameof(maxLength));
        using Secret staging = Allocate(maxLength, new SecretOptions { Tier = SecretTier.Guarded, Policy = options?.Policy });
        int total = 0;
        using (SecretWriteLease lease = staging.OpenWrite())
        {
            int n;
            while (total < maxLength && (n = stream.Read(lease.Span[total..])) > 0) total += n;
        }
        if (total == maxLength && HasMore(stream)) total++;
        if (total == 0) ThrowHelper.InputRejected(SecureMemoryError.InputEmpty);
        if (total > maxLength) ThrowHelper.InputRejected(SecureMemoryError.InputTooLong);
        using SecretReadLease read = staging.OpenRead();
        return CopyFrom(read.Span[..total], options);
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes from <paramref name="stream"/> directly into a new secret.</summary>
    /// <exception cref="SecureMemoryException">The stream ended first (<see cref="SecureMemoryError.InputTruncated"/>; nothing is kept).</exception>
    public static async ValueTask<Secret> ReadFromAsync(Stream stream, int length, SecretOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Secret secret = Allocate(length, options);
        try
        {
            secret.BeginWrite();
            try
            {
                using NativeMemoryManager memory = secret.CreateMemoryManager();
                if (await stream.ReadAtLeastAsync(memory.Memory, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < length)
                    ThrowHelper.InputRejected(SecureMemoryError.InputTruncated);
            }
            finally
            {
                secret.EndLease(write: true);
            }
            return secret;
        }
        catch
        {
            secret.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads exactly <paramref name="length"/> bytes from <paramref name="reader"/> into a new secret, wiping the
    /// pipe's buffers as it consumes them.
    /// </summary>
    /// <exception cref="SecureMemoryException">The pipe completed first (<see cref="SecureMemoryError.InputTruncated"/>; nothing is kept).</exception>
    public static async ValueTask<Secret> ReadFromAsync(PipeReader reader, int length, SecretOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Secret secret = Allocate(length, options);
        try
        {
            int filled = 0;
            while (filled < length)
            {
                ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                ReadOnlySequence<byte> taken = result.Buffer.Slice(0, Math.Min(result.Buffer.Length, length - filled));
                filled = secret.MoveIn(taken, filled);
                reader.AdvanceTo(taken.End);
                if (filled < length && (result.IsCompleted || result.IsCanceled)) ThrowHelper.InputRejected(SecureMemoryError.InputTruncated);
            }
            return secret;
        }
        catch
        {
            secret.Dispose();
            throw;
        }
    }

    /// <summary>Whether the stream has another byte; that byte (secret input) is read into wiped stack scratch.</summary>
    private static bool HasMore(Stream stream)
    {
        Span<byte> probe = stackalloc byte[1];
        try
        {
            return stream.Read(probe) > 0;
        }
        finally
        {
            probe.Clear();
        }
    }

    private int MoveIn(ReadOnlySequence<byte> source, int offset)
    {
        using SecretWriteLease lease = OpenWrite();
        foreach (ReadOnlyMemory<byte> segment in source)
        {
            segment.Span.CopyTo(lease.Span[offset..]);
            offset += segment.Length;
            // The pipe's pool memory is ours until AdvanceTo: wipe the plaintext we consumed.
            MemoryMarshal.AsMemory(segment).Span.Clear();
        }
        return offset;
    }

    private unsafe NativeMemoryManager CreateMemoryManager() => new(_data, Length);

    internal void BeginWrite()
    {
        AddRef();
        try
        {
            if (_region is not null) _region.Open(write: true);
            else EnterPooledWriter();
        }
        catch
        {
            Release();
            throw;
        }
    }
}
