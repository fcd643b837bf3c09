// HMAC (RFC 2104) and HKDF (RFC 5869) over SHA-2: the one HKDF implementation, behind both the public
// KdfAlgorithm.HkdfSha256/384/512 (and its KdfKey) and HPKE's key schedule.
// HMAC(K, m) = H((K' ^ opad) || H((K' ^ ipad) || m)), K' = K zero-padded to the block (or H(K) when longer).
// Two paths, chosen once per process (Interop/LibCrypto.cs) and both kept callable for the tests:
// - native (Linux with libcrypto.so.3): OpenSSL's low-level SHA-2 on contexts we own. The key is absorbed once into an
//   inner and an outer state (KeyStates: one compression each). HKDF-Expand keys the states once for all its blocks,
//   and KdfKey keeps them in a Secret, so a protocol expanding one PRK many times (MLS ExpandWithLabel, RFC 9420 §8)
//   never re-keys. The states are secret: on the stack they are wiped in finally; in a KdfKey they live in secret memory.
//   SHA-256 (Sha2Hmac.Sha256.cs) runs the blocks itself from the states' 32-byte chaining values, one SHA256_Transform
//   per block with its own padding (no Update/Final bookkeeping, no context copies: why and how much, there); the keyed
//   states stay OpenSSL SHA256_CTXs (Sha2Native.SetSha256Context). SHA-384/512 copy the two states (224 bytes each) per
//   HMAC and run Update and Final on the copies.
// - BCL (elsewhere): one reused IncrementalHash per thread, never keyed (so the BCL holds no key), fed the padded key
//   block from our stack. The BCL's HKDF/HMAC one-shots fetch and key a fresh OpenSSL context per call (about 1.5 µs).
//   Short messages are copied behind K' ^ ipad into one stack buffer and hashed with one update (the P/Invoke per update
//   is what costs at these sizes); longer ones go part by part from where the caller keeps them.
// Messages come in parts (HPKE's labeled inputs are a short public header and the caller's data), hashed without
// building the concatenation, so inputs of any length are never copied (RFC 9180 §7.2.1 puts HKDF's input limits at
// 2^61 bytes and more). Tested against the BCL's HMAC and HKDF (Sha2HmacTests) and every RFC 5869 / RFC 9180 vector.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using NoFuture.Crypto.Hashing;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Kdf;

internal static partial class Sha2Hmac
{
    private const int MaxBlockSize = Sha2Native.MaxBlockSize, MaxHashSize = Sha2Native.MaxHashSize;

    /// <summary>BCL path: messages up to this length are hashed from one stack buffer; longer ones part by part.</summary>
    private const int ContiguousMessageSize = 256;

    [ThreadStatic]
    private static IncrementalHash? t_sha256, t_sha384, t_sha512;

    /// <summary>HKDF-Extract(salt, prefix || ikm) = HMAC(salt, prefix || ikm); an empty salt is HashLen zeros, which
    /// HMAC pads identically.</summary>
    internal static void Extract(Sha2Variant v, bool native, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> ikm, Span<byte> prk) =>
        Mac(v, native, salt, prefix, ikm, default, default, prk);

    /// <summary>HKDF-Expand(prk, prefix || info, L) with L = the output's length (at most 255 · HashLen).</summary>
    internal static void Expand(Sha2Variant v, bool native, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> info, Span<byte> output)
    {
        if (!native)
        {
            BclExpand(Sha2Native.Name(v), prk, prefix, info, output);
            return;
        }
        if (v == Sha2Variant.Sha256)
        {
            Sha256ChainingValue inner256 = default, outer256 = default;
            try
            {
                Sha256KeyChainingValues(prk, ref inner256, ref outer256);
                Sha256Expand(in inner256, in outer256, prefix, info, output);
            }
            finally
            {
                Sha2Native.Wipe(ref inner256);
                Sha2Native.Wipe(ref outer256);
            }
            return;
        }
        Sha2Context inner, outer;
        Unsafe.SkipInit(out inner); // KeyStates initialises both before anything reads them
        Unsafe.SkipInit(out outer);
        try
        {
            KeyStates(v, prk, ref inner, ref outer);
            if (output.Length == Sha2Native.HashLength(v))
            {
                // One block, the common case (a key or a nonce): T(1) = HMAC(PRK, info || 0x01), written straight into
                // the output from the states themselves, which are not needed again (no copies).
                ReadOnlySpan<byte> one = [1];
                MacConsumingStates(v, ref inner, ref outer, prefix, info, one, default, output);
            }
            else
            {
                ExpandFromStates(v, in inner, in outer, prefix, info, output);
            }
        }
        finally
        {
            Sha2Native.Wipe(v, ref inner);
            Sha2Native.Wipe(v, ref outer);
        }
    }

    /// <summary>HMAC(key, m1 || m2 || m3 || m4) into <paramref name="mac"/> (HashLen bytes); <paramref name="mac"/> may overlap m1.</summary>
    internal static void Mac(Sha2Variant v, bool native, ReadOnlySpan<byte> key, ReadOnlySpan<byte> m1, ReadOnlySpan<byte> m2, ReadOnlySpan<byte> m3,
        ReadOnlySpan<byte> m4, Span<byte> mac)
    {
        if (!native)
        {
            BclMac(Sha2Native.Name(v), key, m1, m2, m3, m4, mac);
            return;
        }
        if (v == Sha2Variant.Sha256)
        {
            Sha256ChainingValue inner256 = default, outer256 = default;
            try
            {
                Sha256KeyChainingValues(key, ref inner256, ref outer256);
                Sha256Mac(in inner256, in outer256, m1, m2, m3, m4, mac);
            }
            finally
            {
                Sha2Native.Wipe(ref inner256);
                Sha2Native.Wipe(ref outer256);
            }
            return;
        }
        Sha2Context inner = default, outer = default;
        try
        {
            KeyStates(v, key, ref inner, ref outer);
            MacFromStates(v, in inner, in outer, m1, m2, m3, m4, mac);
        }
        finally
        {
            Sha2Native.Wipe(v, ref inner);
            Sha2Native.Wipe(v, ref outer);
        }
    }

    /// <summary>Native path: absorbs K' ^ ipad into <paramref name="inner"/> and K' ^ opad into <paramref name="outer"/>.</summary>
    internal static void KeyStates(Sha2Variant v, ReadOnlySpan<byte> key, ref Sha2Context inner, ref Sha2Context outer)
    {
        if (v == Sha2Variant.Sha256)
        {
            Sha256ChainingValue inner256 = default, outer256 = default;
            try
            {
                Sha256KeyChainingValues(key, ref inner256, ref outer256);
                Sha2Native.SetSha256Context(ref inner, in inner256);
                Sha2Native.SetSha256Context(ref outer, in outer256);
            }
            finally
            {
                Sha2Native.Wipe(ref inner256);
                Sha2Native.Wipe(ref outer256);
            }
            return;
        }
        int blockSize = Sha2Native.BlockLength(v);
        Span<byte> pad = stackalloc byte[MaxBlockSize];
        pad = pad[..blockSize];
        try
        {
            pad.Clear();
            if (key.Length > blockSize) Sha2Native.Hash(v, key, pad[..Sha2Native.HashLength(v)]); // K' = H(K), zero-padded
            else key.CopyTo(pad);
            XorBlock(pad, 0x36);
            Sha2Native.Init(v, ref inner);
            Sha2Native.Update(v, ref inner, pad);
            XorBlock(pad, 0x36 ^ 0x5c);
            Sha2Native.Init(v, ref outer);
            Sha2Native.Update(v, ref outer, pad);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pad);
        }
    }

    /// <summary>pad ^= (b, b, …) over a 64- or 128-byte block, 16 bytes at a time. Measured: the byte loop, followed by
    /// OpenSSL's 16-byte loads of the same bytes (store-forwarding stalls), made keying cost more than its two
    /// compressions.</summary>
    private static void XorBlock(Span<byte> pad, byte b)
    {
        Debug.Assert(pad.Length % 16 == 0);
        Vector128<byte> mask = Vector128.Create(b);
        ref byte start = ref MemoryMarshal.GetReference(pad);
        for (nuint i = 0; i < (nuint)pad.Length; i += 16) (Vector128.LoadUnsafe(ref start, i) ^ mask).StoreUnsafe(ref start, i);
    }

    /// <summary>Native path: HMAC(m1 || m2 || m3 || m4) from keyed states, which are left unchanged (SHA-256 reads their
    /// chaining values; SHA-384/512 copy them).</summary>
    internal static void MacFromStates(Sha2Variant v, in Sha2Context inner, in Sha2Context outer, ReadOnlySpan<byte> m1, ReadOnlySpan<byte> m2,
        ReadOnlySpan<byte> m3, ReadOnlySpan<byte> m4, Span<byte> mac)
    {
        if (v == Sha2Variant.Sha256)
        {
            Sha256Mac(in Sha2Native.ChainingValue(in inner), in Sha2Native.ChainingValue(in outer), m1, m2, m3, m4, mac);
            return;
        }
        Sha2Context innerCopy = inner, outerCopy = outer;
        try
        {
            MacConsumingStates(v, ref innerCopy, ref outerCopy, m1, m2, m3, m4, mac);
        }
        finally
        {
            Sha2Native.Wipe(v, ref innerCopy);
            Sha2Native.Wipe(v, ref outerCopy);
        }
    }

    /// <summary>
    /// Native path, SHA-384/512: HMAC(m1 || m2 || m3 || m4) from keyed states, using them up (the caller wipes them).
    /// <paramref name="mac"/> may overlap m1 (it is written after every part has been read).
    /// </summary>
    private static void MacConsumingStates(Sha2Variant v, ref Sha2Context inner, ref Sha2Context outer, ReadOnlySpan<byte> m1,
        ReadOnlySpan<byte> m2, ReadOnlySpan<byte> m3, ReadOnlySpan<byte> m4, Span<byte> mac)
    {
        int hashLength = Sha2Native.HashLength(v);
        Debug.Assert(mac.Length == hashLength);
        Span<byte> innerHash = stackalloc byte[MaxHashSize];
        innerHash = innerHash[..hashLength];
        try
        {
            Sha2Native.Update(v, ref inner, m1);
            Sha2Native.Update(v, ref inner, m2);
            Sha2Native.Update(v, ref inner, m3);
            Sha2Native.Update(v, ref inner, m4);
            Sha2Native.Final(v, ref inner, innerHash);
            Sha2Native.Update(v, ref outer, innerHash);
            Sha2Native.Final(v, ref outer, mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(innerHash);
        }
    }

    /// <summary>Native path: HKDF-Expand(prk, prefix || info, L) from the PRK's keyed states.</summary>
    internal static void ExpandFromStates(Sha2Variant v, in Sha2Context inner, in Sha2Context outer, ReadOnlySpan<byte> prefix,
        ReadOnlySpan<byte> info, Span<byte> output)
    {
        if (v == Sha2Variant.Sha256)
        {
            Sha256Expand(in Sha2Native.ChainingValue(in inner), in Sha2Native.ChainingValue(in outer), prefix, info, output);
            return;
        }
        int hashLength = Sha2Native.HashLength(v);
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
                MacFromStates(v, in inner, in outer, i == 1 ? default : t, prefix, info, counter, t);
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

    /// <summary>BCL path: HKDF-Expand over the thread's reused IncrementalHash.</summary>
    private static void BclExpand(HashAlgorithmName hash, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> info, Span<byte> output)
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
                BclMac(hash, prk, i == 1 ? default : t, prefix, info, counter, t);
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

    /// <summary>BCL path: HMAC(key, m1 || m2 || m3 || m4) into <paramref name="mac"/> (HashLen bytes); <paramref name="mac"/> may overlap m1.</summary>
    private static void BclMac(HashAlgorithmName hash, ReadOnlySpan<byte> key, ReadOnlySpan<byte> m1, ReadOnlySpan<byte> m2, ReadOnlySpan<byte> m3,
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
