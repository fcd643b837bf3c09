// A sealed secret: ChaCha20-Poly1305 ciphertext under the split process key (see EnclaveKey). The ciphertext
// may live anywhere; opening decrypts straight into a new Secret, so the plaintext never touches the heap.
using NoFuture.Memory.Primitives;

namespace NoFuture.Memory;

/// <summary>
/// A secret encrypted at rest. Seal a <see cref="Secret"/> you will not need for a while; <see cref="Open"/> it
/// into secret memory when you do. The key is held split in locked (<c>memfd_secret</c> where available) memory.
/// </summary>
/// <remarks>
/// After <see cref="SecureMemory.Purge"/> the process key is gone and every existing enclave throws
/// <see cref="ObjectDisposedException"/> on <see cref="Open"/>. Thread-safe.
/// </remarks>
public sealed class Enclave
{
    private const int Overhead = ChaCha20Poly1305Core.NonceSize + ChaCha20Poly1305Core.TagSize;
    private readonly byte[] _box;
    private readonly int _generation;

    private Enclave(byte[] box, int length, int generation)
    {
        _box = box;
        Length = length;
        _generation = generation;
    }

    /// <summary>The length of the sealed secret in bytes.</summary>
    public int Length { get; }

    /// <summary>The protections of the memory that holds the process key.</summary>
    public static SecretProtection KeyProtection => Enclaves.EnclaveKey.Protection;

    /// <summary>Seals <paramref name="secret"/> and disposes (wipes) it.</summary>
    /// <exception cref="ObjectDisposedException">The secret was disposed or purged.</exception>
    public static Enclave Seal(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Enclave enclave;
        using (SecretReadLease lease = secret.OpenRead())
        {
            enclave = SealCore(lease.Span);
        }
        secret.Dispose();
        return enclave;
    }

    /// <summary>
    /// Seals a copy of <paramref name="plaintext"/>, leaving the source as it is (for example the span of
    /// another secret's lease).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The span is empty or longer than <see cref="Secret.MaxLength"/>.</exception>
    public static Enclave SealCopy(ReadOnlySpan<byte> plaintext)
    {
        if ((uint)(plaintext.Length - 1) >= Secret.MaxLength) ThrowHelper.BadLength(nameof(plaintext));
        return SealCore(plaintext);
    }

    /// <summary>An enclave holding <paramref name="length"/> random bytes (generated in secret memory, then sealed).</summary>
    public static Enclave Random(int length) => Seal(Secret.CreateRandom(length));

    /// <summary>Decrypts into a new <see cref="Secret"/>.</summary>
    /// <exception cref="ObjectDisposedException">The process key was purged since sealing.</exception>
    /// <exception cref="SecureMemoryException">The sealed bytes were altered (<see cref="SecureMemoryError.EnclaveTampered"/>).</exception>
    public Secret Open(SecretOptions? options = null)
    {
        Secret secret = Secret.Allocate(Length, options);
        try
        {
            OpenInto(secret);
            return secret;
        }
        catch
        {
            secret.Dispose();
            throw;
        }
    }

    /// <summary>Decrypts into <paramref name="destination"/>, which must have the same length.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ObjectDisposedException">The process key was purged since sealing.</exception>
    /// <exception cref="SecureMemoryException">The sealed bytes were altered (<see cref="SecureMemoryError.EnclaveTampered"/>).</exception>
    public void OpenInto(Secret destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Length != Length) ThrowHelper.WrongLength(nameof(destination));
        using SecretWriteLease lease = destination.OpenWrite();
        if (!Enclaves.EnclaveKey.Open(_box, _generation, lease.Span))
            ThrowHelper.InputRejected(SecureMemoryError.EnclaveTampered);
    }

    /// <summary>Returns "Enclave": never the content, never the length.</summary>
    public override string ToString() => "Enclave";

    internal static Enclave SealCore(ReadOnlySpan<byte> plaintext)
    {
        byte[] box = new byte[plaintext.Length + Overhead];
        int generation = Enclaves.EnclaveKey.Seal(plaintext, box);
        return new Enclave(box, plaintext.Length, generation);
    }

    internal Span<byte> SealedBytesForTesting => _box;
}
