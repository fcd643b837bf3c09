// HKDF (RFC 5869) with SHA-256, SHA-384 and SHA-512, one sealed singleton per hash, over Sha2Hmac: the one HKDF
// implementation, shared with HPKE (a reused SHA-2 context; the BCL's HKDF one-shots cost ~1.5 µs per call here).
// Parameter order follows the BCL's HKDF class.
// Sizes: PRK = HashLen (32/48/64); output 1..255·HashLen bytes (RFC 5869 §2.3). Expand accepts a PRK of at least
// HashLen bytes (§2.3 "at least HashLen octets"). A larger output or an empty one is misuse: ArgumentException.
// Secret outputs: the Secret overloads write straight into a new Secret's write lease. The key (IKM or PRK) is read
// where it lies; the padded key blocks live on the stack and are wiped (see Sha2Hmac); OpenSSL sees only unkeyed
// hash contexts.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Kdf;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// HKDF (RFC 5869): <see cref="Sha256"/>, <see cref="Sha384"/>, <see cref="Sha512"/>. <c>Extract</c> turns input
/// keying material into a pseudorandom key, <c>Expand</c> stretches a pseudorandom key, <c>DeriveKey</c> does both.
/// </summary>
[DebuggerDisplay("{Name}")]
public sealed class Hkdf
{
    private Hkdf(string name, HashAlgorithmName hash, int hashSize)
    {
        Name = name;
        HashAlgorithm = hash;
        HashSizeInBytes = hashSize;
        MaxOutputSizeInBytes = 255 * hashSize;
    }

    /// <summary>HKDF-SHA256 (PRK 32 bytes, output up to 8160 bytes).</summary>
    public static Hkdf Sha256 { get; } = new("HKDF-SHA256", HashAlgorithmName.SHA256, 32);

    /// <summary>HKDF-SHA384 (PRK 48 bytes, output up to 12240 bytes).</summary>
    public static Hkdf Sha384 { get; } = new("HKDF-SHA384", HashAlgorithmName.SHA384, 48);

    /// <summary>HKDF-SHA512 (PRK 64 bytes, output up to 16320 bytes).</summary>
    public static Hkdf Sha512 { get; } = new("HKDF-SHA512", HashAlgorithmName.SHA512, 64);

    /// <summary>The name, for example "HKDF-SHA256".</summary>
    public string Name { get; }

    /// <summary>The underlying hash.</summary>
    public HashAlgorithmName HashAlgorithm { get; }

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
        ExtractCore(ikm, salt, prk);
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
            ExtractCore(input.Span, salt, output.Span);
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
        ExpandCore(prk, output, info);
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
            ExpandCore(input.Span, output.Span, info);
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

    /// <summary>Returns the name.</summary>
    public override string ToString() => Name;

    private void CheckLength(int length)
    {
        if (length < 1 || length > MaxOutputSizeInBytes) CryptoThrowHelper.OutOfRange(nameof(length), 1, MaxOutputSizeInBytes);
    }

    private void ExtractCore(ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> salt, Span<byte> prk)
    {
        Debug.Assert(prk.Length == HashSizeInBytes);
        Sha2Hmac.Extract(HashAlgorithm, salt, ikm, prk);
    }

    private void ExpandCore(ReadOnlySpan<byte> prk, Span<byte> output, ReadOnlySpan<byte> info)
    {
        Debug.Assert(prk.Length >= HashSizeInBytes && output.Length is > 0 && output.Length <= MaxOutputSizeInBytes);
        Sha2Hmac.Expand(HashAlgorithm, prk, info, output);
    }

    private void DeriveKeyCore(ReadOnlySpan<byte> ikm, Span<byte> output, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info)
    {
        Debug.Assert(output.Length is > 0 && output.Length <= MaxOutputSizeInBytes);
        Span<byte> prk = stackalloc byte[64];
        prk = prk[..HashSizeInBytes];
        try
        {
            Sha2Hmac.Extract(HashAlgorithm, salt, ikm, prk);
            Sha2Hmac.Expand(HashAlgorithm, prk, info, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }
}
