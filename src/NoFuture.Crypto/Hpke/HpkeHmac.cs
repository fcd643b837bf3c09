// HMAC (RFC 2104) and HKDF (RFC 5869) for HPKE's key schedule, written over one reused SHA-2 context per thread.
// Why not the BCL's HKDF or HMAC one-shots: each of those fetches and keys a fresh OpenSSL context (about 1.5 µs per
// call here, 6 µs per key schedule), which alone cost more than the 10% budget HPKE has over its KEM. Reusing an
// IncrementalHash (a plain hash, never keyed, so the BCL keeps no copy of any key) costs a digest update/final per
// hash. HMAC(K, m) = H((K' ^ opad) || H((K' ^ ipad) || m)), K' = K zero-padded to the block (or H(K) when longer).
// The padded key blocks and the inner hash live on the stack and are wiped in finally; GetHashAndReset re-initialises
// the OpenSSL context, so no keyed state survives a call. Tested against the BCL's HKDF (HpkeHmacTests) and by every
// RFC 9180 vector.
using System.Diagnostics;
using System.Security.Cryptography;

namespace NoFuture.Crypto.Hpke;

internal static class HpkeHmac
{
    private const int MaxBlockSize = 128, MaxHashSize = 64;

    [ThreadStatic]
    private static IncrementalHash? t_sha256, t_sha384, t_sha512;

    /// <summary>HKDF-Extract(salt, ikm) = HMAC(salt, ikm); an empty salt is HashLen zeros, which HMAC pads identically.</summary>
    internal static void Extract(HashAlgorithmName hash, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ikm, Span<byte> prk) =>
        Mac(hash, salt, ikm, default, default, prk);

    /// <summary>HKDF-Expand(prk, info, L) with L = the output's length (at most 255 · HashLen).</summary>
    internal static void Expand(HashAlgorithmName hash, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> info, Span<byte> output)
    {
        int hashLength = HashLength(hash);
        Debug.Assert(output.Length is > 0 && output.Length <= 255 * hashLength);
        Span<byte> t = stackalloc byte[MaxHashSize];
        t = t[..hashLength];
        Span<byte> counter = stackalloc byte[1];
        try
        {
            int written = 0;
            for (int i = 1; written < output.Length; i++)
            {
                counter[0] = (byte)i;
                // T(i) = HMAC(PRK, T(i-1) || info || i), T(0) empty.
                Mac(hash, prk, i == 1 ? default : t, info, counter, t);
                int n = Math.Min(hashLength, output.Length - written);
                t[..n].CopyTo(output[written..]);
                written += n;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(t);
        }
    }

    /// <summary>HMAC(key, m1 || m2 || m3) into <paramref name="mac"/> (HashLen bytes); <paramref name="mac"/> may overlap m1.</summary>
    /// <remarks>Each hash gets its input in one contiguous buffer (one update, one final): the P/Invoke per update is
    /// the cost that matters at these sizes.</remarks>
    internal static void Mac(HashAlgorithmName hash, ReadOnlySpan<byte> key, ReadOnlySpan<byte> m1, ReadOnlySpan<byte> m2, ReadOnlySpan<byte> m3, Span<byte> mac)
    {
        IncrementalHash h = Hash(hash);
        int blockSize = hash == HashAlgorithmName.SHA256 ? 64 : 128, hashLength = HashLength(hash);
        Span<byte> outer = stackalloc byte[MaxBlockSize + MaxHashSize];
        outer = outer[..(blockSize + hashLength)];
        using HpkeScratch inner = new(blockSize + m1.Length + m2.Length + m3.Length, stackalloc byte[HpkeScratch.StackSize + MaxBlockSize]);
        try
        {
            Span<byte> pad = outer[..blockSize];
            pad.Clear();
            if (key.Length > blockSize)
            {
                h.AppendData(key);
                h.GetHashAndReset(pad); // K' = H(K), zero-padded
            }
            else
            {
                key.CopyTo(pad);
            }
            // inner = (K' ^ ipad) || m; outer = (K' ^ opad) || H(inner)
            Span<byte> innerInput = inner.Span;
            for (int i = 0; i < blockSize; i++) innerInput[i] = (byte)(pad[i] ^ 0x36);
            m1.CopyTo(innerInput[blockSize..]);
            m2.CopyTo(innerInput[(blockSize + m1.Length)..]);
            m3.CopyTo(innerInput[(blockSize + m1.Length + m2.Length)..]);
            for (int i = 0; i < blockSize; i++) pad[i] ^= 0x5c;
            h.AppendData(innerInput);
            h.GetHashAndReset(outer[blockSize..]);
            h.AppendData(outer);
            h.GetHashAndReset(mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(outer);
        }
    }

    private static int HashLength(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA256 ? 32 : hash == HashAlgorithmName.SHA384 ? 48 : 64;

    private static IncrementalHash Hash(HashAlgorithmName hash)
    {
        if (hash == HashAlgorithmName.SHA256) return t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (hash == HashAlgorithmName.SHA384) return t_sha384 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
        Debug.Assert(hash == HashAlgorithmName.SHA512);
        return t_sha512 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
    }
}
