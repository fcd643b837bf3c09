// Key derivation functions as singletons, in the style of AeadAlgorithm and HpkeKem: HKDF (RFC 5869) with SHA-256,
// SHA-384 and SHA-512. The public methods validate; the internal cores compute (Kdf/HkdfAlgorithm over Kdf/Sha2Hmac,
// the one HKDF implementation, which HPKE's key schedule uses too). Parameter order follows the BCL's HKDF class.
// Sizes: PRK = HashLen (32/48/64); output 1..255·HashLen bytes (RFC 5869 §2.3). Expand accepts a PRK of at least
// HashLen bytes (§2.3 "at least HashLen octets"). A larger output or an empty one is misuse: ArgumentException.
// Outputs may not overlap inputs (the output is written block by block while info and the PRK are still being read).
// Secret outputs: the Secret overloads write straight into a new Secret's write lease. The key (IKM or PRK) is read
// where it lies; keyed hash states live on the stack and are wiped, or in a KdfKey's Secret.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Hashing;
using NoFuture.Crypto.Kdf;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// A key derivation function: <see cref="HkdfSha256"/>, <see cref="HkdfSha384"/>, <see cref="HkdfSha512"/>.
/// <c>Extract</c> turns input keying material into a pseudorandom key (PRK), <c>Expand</c> stretches a PRK,
/// <c>DeriveKey</c> does both. For many expansions of one PRK use <see cref="ImportPrk(Secret)"/>.
/// </summary>
[DebuggerDisplay("{Name}")]
public abstract class KdfAlgorithm
{
    private protected KdfAlgorithm(string name, HashAlgorithm hash)
    {
        Name = name;
        HashAlgorithm = hash;
        HashSizeInBytes = hash.HashSizeInBytes;
        MaxOutputSizeInBytes = 255 * hash.HashSizeInBytes;
    }

    /// <summary>HKDF-SHA256 (PRK 32 bytes, output up to 8160 bytes).</summary>
    public static KdfAlgorithm HkdfSha256 { get; } = new HkdfAlgorithm((Sha2HashAlgorithm)HashAlgorithm.Sha256);

    /// <summary>HKDF-SHA384 (PRK 48 bytes, output up to 12240 bytes).</summary>
    public static KdfAlgorithm HkdfSha384 { get; } = new HkdfAlgorithm((Sha2HashAlgorithm)HashAlgorithm.Sha384);

    /// <summary>HKDF-SHA512 (PRK 64 bytes, output up to 16320 bytes).</summary>
    public static KdfAlgorithm HkdfSha512 { get; } = new HkdfAlgorithm((Sha2HashAlgorithm)HashAlgorithm.Sha512);

    /// <summary>The name, for example "HKDF-SHA256".</summary>
    public string Name { get; }

    /// <summary>The underlying hash.</summary>
    public HashAlgorithm HashAlgorithm { get; }

    /// <summary>HashLen: the size of the pseudorandom key in bytes.</summary>
    public int HashSizeInBytes { get; }

    /// <summary>The largest output, 255 · HashLen bytes.</summary>
    public int MaxOutputSizeInBytes { get; }

    /// <summary>HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-Hash(salt, IKM).</summary>
    /// <param name="ikm">Input keying material (typically a read lease's span).</param>
    /// <param name="salt">Optional salt; empty means HashLen zero bytes.</param>
    /// <param name="prk">Receives the pseudorandom key, exactly <see cref="HashSizeInBytes"/> bytes.</param>
    /// <exception cref="ArgumentException">The PRK buffer has the wrong size or overlaps an input.</exception>
    public void Extract(ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> salt, Span<byte> prk)
    {
        if (prk.Length != HashSizeInBytes) CryptoThrowHelper.WrongSize(nameof(prk), HashSizeInBytes);
        if (prk.Overlaps(ikm) || prk.Overlaps(salt)) CryptoThrowHelper.Overlap(nameof(prk));
        ExtractCore(salt, default, ikm, prk);
    }

    /// <summary>HKDF-Extract from the secret <paramref name="ikm"/> into a new <see cref="Secret"/> of HashLen bytes.</summary>
    /// <exception cref="ObjectDisposedException">The input secret was disposed.</exception>
    public Secret Extract(Secret ikm, ReadOnlySpan<byte> salt, SecretOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ikm);
        Secret prk = Secret.Allocate(HashSizeInBytes, options);
        try
        {
            using SecretReadLease input = ikm.OpenRead();
            using SecretWriteLease output = prk.OpenWrite();
            ExtractCore(salt, default, input.Span, output.Span);
            return prk;
        }
        catch
        {
            prk.Dispose();
            throw;
        }
    }

    /// <summary>HKDF-Expand (RFC 5869 §2.3): OKM = T(1) ‖ T(2) ‖ … truncated to the output's length.</summary>
    /// <param name="prk">The pseudorandom key, at least <see cref="HashSizeInBytes"/> bytes.</param>
    /// <param name="output">Receives the keying material: 1 to <see cref="MaxOutputSizeInBytes"/> bytes.</param>
    /// <param name="info">Optional context and application-specific information.</param>
    /// <exception cref="ArgumentException">A size is out of range or the output overlaps an input.</exception>
    public void Expand(ReadOnlySpan<byte> prk, Span<byte> output, ReadOnlySpan<byte> info)
    {
        if (prk.Length < HashSizeInBytes) CryptoThrowHelper.TooSmall(nameof(prk), HashSizeInBytes);
        if (output.Length < 1 || output.Length > MaxOutputSizeInBytes) CryptoThrowHelper.OutputSize(nameof(output), MaxOutputSizeInBytes);
        if (output.Overlaps(prk) || output.Overlaps(info)) CryptoThrowHelper.Overlap(nameof(output));
        ExpandCore(prk, default, info, output);
    }

    /// <summary>HKDF-Expand from the secret <paramref name="prk"/> into a new <see cref="Secret"/> of <paramref name="length"/> bytes.</summary>
    /// <exception cref="ArgumentException">The PRK is shorter than HashLen.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The length is not between 1 and <see cref="MaxOutputSizeInBytes"/>.</exception>
    /// <exception cref="ObjectDisposedException">The PRK secret was disposed.</exception>
    public Secret Expand(Secret prk, ReadOnlySpan<byte> info, int length, SecretOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prk);
        if (prk.Length < HashSizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(prk), HashSizeInBytes);
        CheckLength(length);
        Secret okm = Secret.Allocate(length, options);
        try
        {
            using SecretReadLease input = prk.OpenRead();
            using SecretWriteLease output = okm.OpenWrite();
            ExpandCore(input.Span, default, info, output.Span);
            return okm;
        }
        catch
        {
            okm.Dispose();
            throw;
        }
    }

    /// <summary>HKDF (RFC 5869 §2): Extract then Expand, into <paramref name="output"/> (typically a write lease).</summary>
    /// <param name="ikm">Input keying material.</param>
    /// <param name="output">Receives the keying material: 1 to <see cref="MaxOutputSizeInBytes"/> bytes.</param>
    /// <param name="salt">Optional salt.</param>
    /// <param name="info">Optional context information.</param>
    /// <exception cref="ArgumentException">The output size is out of range or the output overlaps an input.</exception>
    public void DeriveKey(ReadOnlySpan<byte> ikm, Span<byte> output, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info)
    {
        if (output.Length < 1 || output.Length > MaxOutputSizeInBytes) CryptoThrowHelper.OutputSize(nameof(output), MaxOutputSizeInBytes);
        if (output.Overlaps(ikm) || output.Overlaps(salt) || output.Overlaps(info)) CryptoThrowHelper.Overlap(nameof(output));
        DeriveKeyCore(ikm, output, salt, info);
    }

    /// <summary>HKDF from the secret <paramref name="ikm"/> into a new <see cref="Secret"/> of <paramref name="length"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is not between 1 and <see cref="MaxOutputSizeInBytes"/>.</exception>
    /// <exception cref="ObjectDisposedException">The input secret was disposed.</exception>
    public Secret DeriveKey(Secret ikm, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, int length, SecretOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ikm);
        CheckLength(length);
        Secret okm = Secret.Allocate(length, options);
        try
        {
            using SecretReadLease input = ikm.OpenRead();
            using SecretWriteLease output = okm.OpenWrite();
            DeriveKeyCore(input.Span, output.Span, salt, info);
            return okm;
        }
        catch
        {
            okm.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Imports a pseudorandom key for many expansions (for example MLS's ExpandWithLabel, RFC 9420 §8): the key is
    /// processed once and <see cref="KdfKey.Expand(ReadOnlySpan{byte}, Span{byte})"/> then skips that work.
    /// </summary>
    /// <param name="prk">The pseudorandom key, at least <see cref="HashSizeInBytes"/> bytes (typically a read lease's span).</param>
    /// <remarks>The returned key keeps what it derives from the PRK (HMAC's keyed inner and outer hash states, or a
    /// copy of the PRK where SHA-2 runs in the BCL) in a <see cref="Secret"/> it owns; dispose it to wipe that.</remarks>
    /// <exception cref="ArgumentException">The PRK is shorter than HashLen.</exception>
    public KdfKey ImportPrk(ReadOnlySpan<byte> prk)
    {
        if (prk.Length < HashSizeInBytes) CryptoThrowHelper.TooSmall(nameof(prk), HashSizeInBytes);
        return KdfKey.Create(this, prk);
    }

    /// <summary>Imports the pseudorandom key held in <paramref name="prk"/>; see <see cref="ImportPrk(ReadOnlySpan{byte})"/>.</summary>
    /// <exception cref="ArgumentException">The PRK is shorter than HashLen.</exception>
    /// <exception cref="ObjectDisposedException">The PRK secret was disposed.</exception>
    public KdfKey ImportPrk(Secret prk)
    {
        ArgumentNullException.ThrowIfNull(prk);
        if (prk.Length < HashSizeInBytes) CryptoThrowHelper.WrongSecretSize(nameof(prk), HashSizeInBytes);
        using SecretReadLease lease = prk.OpenRead();
        return KdfKey.Create(this, lease.Span);
    }

    /// <summary>Returns the name.</summary>
    public override string ToString() => Name;

    private void CheckLength(int length)
    {
        if (length < 1 || length > MaxOutputSizeInBytes) CryptoThrowHelper.OutOfRange(nameof(length), 1, MaxOutputSizeInBytes);
    }

    private void DeriveKeyCore(ReadOnlySpan<byte> ikm, Span<byte> output, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info)
    {
        Debug.Assert(output.Length is > 0 && output.Length <= MaxOutputSizeInBytes);
        Span<byte> prk = stackalloc byte[64];
        prk = prk[..HashSizeInBytes];
        try
        {
            ExtractCore(salt, default, ikm, prk);
            ExpandCore(prk, default, info, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }

    /// <summary>Extract(salt, prefix || ikm) into <paramref name="prk"/> (HashLen bytes), without building the concatenation.</summary>
    internal abstract void ExtractCore(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> ikm, Span<byte> prk);

    /// <summary>Expand(prk, prefix || info, L) with L = the output's length, without building the concatenation.</summary>
    internal abstract void ExpandCore(ReadOnlySpan<byte> prk, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> info, Span<byte> output);

    /// <summary>The size of the state a KdfKey keeps for a PRK of <paramref name="prkLength"/> bytes.</summary>
    internal abstract int KeyStateSizeInBytes(int prkLength);

    /// <summary>Writes a KdfKey's state for <paramref name="prk"/> into <paramref name="state"/>.</summary>
    internal abstract void ImportKeyState(ReadOnlySpan<byte> prk, Span<byte> state);

    /// <summary>Expand(prk, prefix || info, L) from a KdfKey's state.</summary>
    internal abstract void ExpandFromKeyState(ReadOnlySpan<byte> state, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> info, Span<byte> output);
}
