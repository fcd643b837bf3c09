// MLS's MAC (RFC 9420 §5.1, §17.1): HMAC over the suite's KDF hash. NoFuture.Crypto has no public HMAC, but
// HKDF-Extract(salt, IKM) is defined as HMAC-Hash(salt, IKM) (RFC 5869 §2.2), so MAC(key, data) = KDF.Extract(salt =
// key, ikm = data) and a tag is Nh bytes of the KDF's hash. Used for the membership tag (§6.2) and the confirmation tag
// (§8.2). Verification recomputes the tag into stack scratch, wiped in finally, and compares in constant time.
using System.Security.Cryptography;

namespace NoFuture.Mls.Crypto;

internal static class MlsMac
{
    private const int MaxHashSize = 64;

    /// <summary>MAC(key, data) into <paramref name="tag"/>, which the caller sized to the KDF's hash.</summary>
    internal static void Compute(MlsCipherSuite suite, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> tag) =>
        suite.Kdf.Extract(data, key, tag);

    /// <summary>Whether <paramref name="tag"/> (a peer's) is MAC(key, data). A tag of the wrong length is false, not an
    /// exception: it is the peer's bytes, and its length (Nh) is public.</summary>
    internal static bool Verify(MlsCipherSuite suite, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> tag)
    {
        int nh = suite.Kdf.HashSizeInBytes;
        if (tag.Length != nh) return false;
        Span<byte> expected = stackalloc byte[MaxHashSize];
        try
        {
            Compute(suite, key, data, expected[..nh]);
            return CryptographicOperations.FixedTimeEquals(expected[..nh], tag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(expected);
        }
    }
}
