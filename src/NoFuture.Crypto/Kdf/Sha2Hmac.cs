// HMAC (RFC 2104) and HKDF (RFC 5869) over SHA-2, written over one reused SHA-2 context per thread: the one HKDF
// implementation, behind both the public Hkdf and HPKE's key schedule.
// Why not the BCL's HKDF or HMAC one-shots: each of those fetches and keys a fresh OpenSSL context (about 1.5 µs per
// call here, 6 µs per HPKE key schedule), which alone cost more than the 10% budget HPKE has over its KEM, and MLS
// derives dozens of secrets per epoch. Reusing an
// IncrementalHash (a plain hash, never keyed, so the BCL keeps no copy of any key) costs a digest update/final per
// hash. HMAC(K, m) = H((K' ^ opad) || H((K' ^ ipad) || m)), K' = K zero-padded to the block (or H(K) when longer).
// The message comes in parts (HPKE's labeled inputs are a short public header and the caller's data): short messages
// are copied behind K' ^ ipad into one stack buffer and hashed with one update, since the P/Invoke per update is the
// cost that matters at these sizes; longer ones (a long info, exporter context, PSK or ikm) go to the hash part by part
// straight from where the caller keeps them, so nothing of any length is copied, and no buffer has to be locked
// (RFC 9180 §7.2.1 puts HKDF's input limits at 2^61 bytes and more, beyond any span).
// The padded key blocks and the inner hash live on the stack and are wiped in finally; GetHashAndReset re-initialises
// the OpenSSL context, so no keyed state survives a call. Tested against the BCL's HKDF (Sha2HmacTests) and by every
// RFC 9180 vector.
using System.Diagnostics;
using System.Security.Cryptography;

namespace NoFuture.Crypto.Kdf;

internal static class Sha2Hmac
{
    private const int MaxBlockSize = 128, MaxHashSize = 64;

    /// <summary>Messages up to this length are hashed from one stack buffer; longer ones part by part.</summary>
    private const int ContiguousMessageSize = 256;

    [ThreadStatic]
    private static IncrementalHash? t_sha256, t_sha384, t_sha512;

    /// <summary>HKDF-Extract(salt, ikm) = HMAC(salt, ikm); an empty salt is HashLen zeros, which HMAC pads identically.</summary>
    internal static void Extract(HashAlgorithmName hash, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ikm, Span<byte> prk) =>
        Mac(hash, salt, ikm, default, default, default, prk);

    /// <summary>HKDF-Extract(salt, prefix || ikm), without building the concatenation.</summary>
    internal static void Extract(HashAlgorithmName hash, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> ikm, Span<byte> prk) =>
        Mac(hash, salt, prefix, ikm, default, default, prk);

    /// <summary>HKDF-Expand(prk, info, L) with L = the output's length (at most 255 · HashLen).</summary>
    internal static void Expand(HashAlgorithmName hash, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> info, Span<byte> output) =>
        Expand(hash, prk, default, info, output);

    /// <summary>HKDF-Expand(prk, prefix || info, L), without building the concatenation.</summary>
    internal static void Expand(HashAlgorithmName hash, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> info, Span<byte> output)
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
                Mac(hash, prk, i == 1 ? default : t, prefix, info, counter, t);
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
    internal static void Mac(HashAlgorithmName hash, ReadOnlySpan<byte> key, ReadOnlySpan<byte> m1, ReadOnlySpan<byte> m2, ReadOnlySpan<byte> m3, Span<byte> mac) =>
        Mac(hash, key, m1, m2, m3, default, mac);

    /// <summary>HMAC(key, m1 || m2 || m3 || m4) into <paramref name="mac"/> (HashLen bytes); <paramref name="mac"/> may overlap m1.</summary>
    internal static void Mac(HashAlgorithmName hash, ReadOnlySpan<byte> key, ReadOnlySpan<byte> m1, ReadOnlySpan<byte> m2, ReadOnlySpan<byte> m3,
        ReadOnlySpan<byte> m4, Span<byte> mac)
    {
        IncrementalHash h = Hash(hash);
        int blockSize = hash == HashAlgorithmName.SHA256 ? 64 : 128, hashLength = HashLength(hash);
        Span<byte> outer = stackalloc byte[MaxBlockSize + MaxHashSize];
        outer = outer[..(blockSize + hashLength)];
        long messageLength = (long)m1.Length + m2.Length + m3.Length + m4.Length;
        bool contiguous = messageLength <= ContiguousMessageSize;
        Span<byte> inner = stackalloc byte[MaxBlockSize + ContiguousMessageSize];
        inner = inner[..(blockSize + (contiguous ? (int)messageLength : 0))];
        bool finished = false;
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
            for (int i = 0; i < blockSize; i++) inner[i] = (byte)(pad[i] ^ 0x36);
            if (contiguous)
            {
                Span<byte> rest = inner[blockSize..];
                m1.CopyTo(rest);
                m2.CopyTo(rest[m1.Length..]);
                m3.CopyTo(rest[(m1.Length + m2.Length)..]);
                m4.CopyTo(rest[(m1.Length + m2.Length + m3.Length)..]);
                h.AppendData(inner);
            }
            else
            {
                h.AppendData(inner);
                h.AppendData(m1);
                h.AppendData(m2);
                h.AppendData(m3);
                h.AppendData(m4);
            }
            for (int i = 0; i < blockSize; i++) pad[i] ^= 0x5c;
            h.GetHashAndReset(outer[blockSize..]);
            h.AppendData(outer);
            h.GetHashAndReset(mac);
            finished = true;
        }
        finally
        {
            // The hash is per thread and reused: never leave a half-fed (keyed) state behind for the next call.
            if (!finished) h.GetHashAndReset(outer[blockSize..]);
            CryptographicOperations.ZeroMemory(outer);
            CryptographicOperations.ZeroMemory(inner);
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
