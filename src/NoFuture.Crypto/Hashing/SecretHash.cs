// Thin span-based hashing for inputs that may be secret (lease spans): SHA-2 through the BCL (FIPS 180-4),
// SHA-3 and SHAKE through our own Keccak (FIPS 202), whose state is wiped after every call. The BCL's SHA-3
// types work here too but cost ~1.3 µs per call on this platform and keep their state in OpenSSL's heap.
using System.Security.Cryptography;

namespace NoFuture.Crypto;

/// <summary>
/// One-shot hash functions over spans. Use them on secret memory through a lease
/// (<c>using var lease = secret.OpenRead(); SecretHash.Sha3_256(lease.Span, digest);</c>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "FIPS 202 names, as the BCL's SHA3_256.")]
public static class SecretHash
{
    /// <summary>The SHA-256 digest size: 32 bytes.</summary>
    public const int Sha256SizeInBytes = 32;

    /// <summary>The SHA-384 digest size: 48 bytes.</summary>
    public const int Sha384SizeInBytes = 48;

    /// <summary>The SHA-512 digest size: 64 bytes.</summary>
    public const int Sha512SizeInBytes = 64;

    /// <summary>The SHA3-256 digest size: 32 bytes.</summary>
    public const int Sha3_256SizeInBytes = 32;

    /// <summary>The SHA3-512 digest size: 64 bytes.</summary>
    public const int Sha3_512SizeInBytes = 64;

    /// <summary>SHA-256 of <paramref name="data"/> into <paramref name="digest"/> (exactly 32 bytes).</summary>
    /// <exception cref="ArgumentException">The digest has the wrong size.</exception>
    public static void Sha256(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (digest.Length != Sha256SizeInBytes) CryptoThrowHelper.WrongSize(nameof(digest), Sha256SizeInBytes);
        SHA256.HashData(data, digest);
    }

    /// <summary>SHA-384 of <paramref name="data"/> into <paramref name="digest"/> (exactly 48 bytes).</summary>
    /// <exception cref="ArgumentException">The digest has the wrong size.</exception>
    public static void Sha384(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (digest.Length != Sha384SizeInBytes) CryptoThrowHelper.WrongSize(nameof(digest), Sha384SizeInBytes);
        SHA384.HashData(data, digest);
    }

    /// <summary>SHA-512 of <paramref name="data"/> into <paramref name="digest"/> (exactly 64 bytes).</summary>
    /// <exception cref="ArgumentException">The digest has the wrong size.</exception>
    public static void Sha512(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (digest.Length != Sha512SizeInBytes) CryptoThrowHelper.WrongSize(nameof(digest), Sha512SizeInBytes);
        SHA512.HashData(data, digest);
    }

    /// <summary>SHA3-256 of <paramref name="data"/> into <paramref name="digest"/> (exactly 32 bytes).</summary>
    /// <exception cref="ArgumentException">The digest has the wrong size.</exception>
    public static void Sha3_256(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (digest.Length != Sha3_256SizeInBytes) CryptoThrowHelper.WrongSize(nameof(digest), Sha3_256SizeInBytes);
        Keccak.Sha3.Sha3_256(data, digest);
    }

    /// <summary>SHA3-512 of <paramref name="data"/> into <paramref name="digest"/> (exactly 64 bytes).</summary>
    /// <exception cref="ArgumentException">The digest has the wrong size.</exception>
    public static void Sha3_512(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (digest.Length != Sha3_512SizeInBytes) CryptoThrowHelper.WrongSize(nameof(digest), Sha3_512SizeInBytes);
        Keccak.Sha3.Sha3_512(data, digest);
    }

    /// <summary>SHAKE128 of <paramref name="data"/>, filling all of <paramref name="output"/> (any length).</summary>
    public static void Shake128(ReadOnlySpan<byte> data, Span<byte> output) => Keccak.Sha3.Shake128(data, output);

    /// <summary>SHAKE256 of <paramref name="data"/>, filling all of <paramref name="output"/> (any length).</summary>
    public static void Shake256(ReadOnlySpan<byte> data, Span<byte> output) => Keccak.Sha3.Shake256(data, output);
}
