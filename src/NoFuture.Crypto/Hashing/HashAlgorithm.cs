// Hash functions as sealed singletons, in the style of AeadAlgorithm and HpkeKem: SHA-256/384/512 (FIPS 180-4) and
// SHA3-256/512 (FIPS 202). Inputs may be secret (lease spans), so every state we own is wiped: one-shots keep theirs on
// the stack, IncrementalHasher keeps its in a Secret.
// Who computes: SHA-2 through OpenSSL's low-level functions on a caller-owned context where libcrypto.so.3 is present
// (Linux; Interop/LibCrypto.cs), else the BCL (SHA256.HashData, IncrementalHash), decided once per process;
// SHA-3 through our Keccak (Keccak/), everywhere.
// SHAKE128/256 are not offered here: an XOF needs a different shape (any output length, squeeze many times), and
// nothing public needs it yet; our Keccak serves the internal users (ML-KEM, X-Wing, HPKE's one-stage KDFs).
// The class is named like System.Security.Cryptography.HashAlgorithm on purpose; inside NoFuture.Crypto ours wins.
// Overlap: the one-shots read all of the input before they write the digest, so input and destination may overlap.
using System.Diagnostics;
using NoFuture.Crypto.Hashing;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto;

/// <summary>
/// A hash function: <see cref="Sha256"/>, <see cref="Sha384"/>, <see cref="Sha512"/>, <see cref="Sha3_256"/>,
/// <see cref="Sha3_512"/>, with one-shot <c>Hash</c> over spans and a reusable <see cref="IncrementalHasher"/>.
/// </summary>
/// <remarks>
/// <para>The input may be secret (a read lease's span): every internal state is wiped after use. On Linux SHA-2 runs in
/// OpenSSL's libcrypto on a context that NoFuture owns; elsewhere it runs in the BCL, whose incremental state lives in
/// the platform's own memory.</para>
/// <para>This type has the same simple name as <see cref="System.Security.Cryptography.HashAlgorithm"/>. Code that
/// imports both <c>NoFuture.Crypto</c> and <c>System.Security.Cryptography</c> picks one with an alias, for example
/// <c>using HashAlgorithm = NoFuture.Crypto.HashAlgorithm;</c>.</para>
/// </remarks>
[DebuggerDisplay("{Name}")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "FIPS 202 names, as the BCL's SHA3_256.")]
public abstract class HashAlgorithm
{
    private protected HashAlgorithm(string name, int hashSize, int blockSize)
    {
        Name = name;
        HashSizeInBytes = hashSize;
        BlockSizeInBytes = blockSize;
    }

    /// <summary>SHA-256 (FIPS 180-4): 32-byte digest, 64-byte block.</summary>
    public static HashAlgorithm Sha256 { get; } = new Sha2HashAlgorithm(Sha2Variant.Sha256, LibCrypto.IsAvailable);

    /// <summary>SHA-384 (FIPS 180-4): 48-byte digest, 128-byte block.</summary>
    public static HashAlgorithm Sha384 { get; } = new Sha2HashAlgorithm(Sha2Variant.Sha384, LibCrypto.IsAvailable);

    /// <summary>SHA-512 (FIPS 180-4): 64-byte digest, 128-byte block.</summary>
    public static HashAlgorithm Sha512 { get; } = new Sha2HashAlgorithm(Sha2Variant.Sha512, LibCrypto.IsAvailable);

    /// <summary>SHA3-256 (FIPS 202): 32-byte digest, 136-byte rate.</summary>
    public static HashAlgorithm Sha3_256 { get; } = new Sha3HashAlgorithm(256);

    /// <summary>SHA3-512 (FIPS 202): 64-byte digest, 72-byte rate.</summary>
    public static HashAlgorithm Sha3_512 { get; } = new Sha3HashAlgorithm(512);

    /// <summary>The name, for example "SHA-256" or "SHA3-256".</summary>
    public string Name { get; }

    /// <summary>The digest size in bytes.</summary>
    public int HashSizeInBytes { get; }

    /// <summary>The block size in bytes (HMAC's padding size for SHA-2; the sponge's rate for SHA-3).</summary>
    public int BlockSizeInBytes { get; }

    /// <summary>Hashes <paramref name="data"/> into <paramref name="destination"/>, exactly <see cref="HashSizeInBytes"/> bytes.</summary>
    /// <param name="data">The input, for example a read lease's span. It may overlap <paramref name="destination"/>.</param>
    /// <param name="destination">Receives the digest.</param>
    /// <exception cref="ArgumentException">The destination has the wrong size.</exception>
    public void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length != HashSizeInBytes) CryptoThrowHelper.WrongSize(nameof(destination), HashSizeInBytes);
        HashCore(data, destination);
    }

    /// <summary>Hashes <paramref name="data"/> into the start of <paramref name="destination"/> if it is large enough.</summary>
    /// <returns><see langword="false"/>, with nothing written and <paramref name="bytesWritten"/> 0, when it is too small.</returns>
    public bool TryHash(ReadOnlySpan<byte> data, Span<byte> destination, out int bytesWritten)
    {
        if (destination.Length < HashSizeInBytes)
        {
            bytesWritten = 0;
            return false;
        }
        HashCore(data, destination[..HashSizeInBytes]);
        bytesWritten = HashSizeInBytes;
        return true;
    }

    /// <summary>Hashes <paramref name="data"/> and returns the digest in a new array (for public output only).</summary>
    public byte[] Hash(ReadOnlySpan<byte> data)
    {
        byte[] digest = new byte[HashSizeInBytes];
        HashCore(data, digest);
        return digest;
    }

    /// <summary>
    /// Creates a reusable incremental hasher. It allocates once, here; <c>Append</c>, <c>GetHashAndReset</c> and
    /// <c>Reset</c> allocate nothing. Dispose it to wipe its state.
    /// </summary>
    public IncrementalHasher CreateIncremental() => new(this);

    /// <summary>Returns the name.</summary>
    public override string ToString() => Name;

    /// <summary>The hash; the destination is exactly HashSizeInBytes.</summary>
    private protected abstract void HashCore(ReadOnlySpan<byte> data, Span<byte> destination);

    /// <summary>Bytes of incremental state kept in a Secret, or 0 when the state is a BCL object (<see cref="CreateBclHash"/>).</summary>
    internal abstract int StateSizeInBytes { get; }

    /// <summary>Starts a new hash in <paramref name="state"/>.</summary>
    internal abstract void InitState(Span<byte> state);

    /// <summary>Absorbs <paramref name="data"/> into <paramref name="state"/>.</summary>
    internal abstract void AppendState(Span<byte> state, ReadOnlySpan<byte> data);

    /// <summary>Writes the digest (exactly HashSizeInBytes) and starts a new hash in <paramref name="state"/>.</summary>
    internal abstract void FinishState(Span<byte> state, Span<byte> digest);

    /// <summary>The BCL's incremental hash, for a state that cannot live in our memory (StateSizeInBytes is 0).</summary>
    internal virtual System.Security.Cryptography.IncrementalHash? CreateBclHash() => null;
}
