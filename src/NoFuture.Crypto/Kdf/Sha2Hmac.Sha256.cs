// HMAC-SHA256 and HKDF-SHA256 on the native path, block by block: the keyed inner and outer states are 32-byte
// chaining values, and we run the message, the padding (FIPS 180-4 §5.1.1) and the outer hash ourselves, one
// SHA256_Transform (OpenSSL's SHA-NI compression, Interop/LibCrypto.cs) per 64-byte block.
// Why not SHA256_Update/Final on copies of the keyed contexts (what SHA-384/512 still do, Sha2Hmac.cs): per HMAC that
// costs two 224-byte context copies and their wipes, Update's memcpy into the context's buffer, and two Finals, each of
// which pads in the context's buffer, then memsets and OPENSSL_cleanses it. Measured on this Xeon (thread CPU time, so
// a loaded host weighs less; a compression is about 50 ns): HMAC-SHA256 of 1 byte (4 compressions with the keying)
// 305-345 ns -> 245-265 ns, so 60-80 ns of bookkeeping per HMAC; libsignal's message keys (HKDF-SHA256, 80 bytes, 4
// HMACs) 1.05-1.15 -> 0.82-0.87 µs; KDF_CK (keying and 2 HMACs) 500-570 -> 420-445 ns. A 1.1 KiB HMAC is bound by its
// 21 compressions and unchanged (about 1.2 µs): one Transform call per block costs no more, measurably, than one
// Update over the whole run (tried: Update for runs of 4 blocks or more gained nothing).
// Here an HMAC of a short message is two Transform calls, the message's whole blocks are compressed where the caller
// keeps them, and only the block that straddles two parts, the padded final block(s) and the outer block go through a
// 64-byte stack buffer. Secrets on the stack (the scratch chaining value, the block buffer that holds message bytes,
// the padded key and the inner hash) are wiped in finally.
// Lengths: the inner hash covers the key block and the message, so its length field is (64 + |m|) · 8 bits; the outer
// hash covers the key block and the 32-byte inner hash, 96 bytes, 768 bits, in one padded block.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Hashing;
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Kdf;

internal static partial class Sha2Hmac
{
    private const int Sha256Block = 64, Sha256Hash = 32;

    /// <summary>The chaining values after K' ^ ipad and K' ^ opad (RFC 2104 §2): one compression each from H(0).
    /// A key longer than the block is hashed first (K' = SHA-256(K), zero-padded).</summary>
    private static void Sha256KeyChainingValues(ReadOnlySpan<byte> key, ref Sha256ChainingValue inner, ref Sha256ChainingValue outer)
    {
        Span<byte> pad = stackalloc byte[Sha256Block];
        try
        {
            pad.Clear();
            if (key.Length > Sha256Block)
            {
                Sha2Native.Sha256InitialHashValue.CopyTo(inner);
                Sha256Digest(ref inner, pad, 0, key, default, default, default);
                pad.Clear();
                WriteDigest(in inner, pad[..Sha256Hash]);
            }
            else
            {
                key.CopyTo(pad);
            }
            XorBlock(pad, 0x36);
            Sha2Native.Sha256InitialHashValue.CopyTo(inner);
            Sha2Native.Sha256Blocks(ref inner, pad);
            XorBlock(pad, 0x36 ^ 0x5c);
            Sha2Native.Sha256InitialHashValue.CopyTo(outer);
            Sha2Native.Sha256Blocks(ref outer, pad);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pad);
        }
    }

    /// <summary>HMAC-SHA256(m1 || m2 || m3 || m4) from the keyed chaining values, which are only read.
    /// <paramref name="mac"/> (32 bytes) may overlap m1: it is written after every part has been read.</summary>
    private static void Sha256Mac(in Sha256ChainingValue inner, in Sha256ChainingValue outer, ReadOnlySpan<byte> m1,
        ReadOnlySpan<byte> m2, ReadOnlySpan<byte> m3, ReadOnlySpan<byte> m4, Span<byte> mac)
    {
        Debug.Assert(mac.Length == Sha256Hash);
        Sha256ChainingValue h = inner;
        Span<byte> block = stackalloc byte[Sha256Block];
        try
        {
            // Inner hash: the key block is already absorbed (64 bytes counted in the length).
            Sha256Digest(ref h, block, Sha256Block, m1, m2, m3, m4);
            // Outer hash: (K' ^ opad) is absorbed; one block holds the inner hash and the padding of 96 bytes.
            WriteDigest(in h, block[..Sha256Hash]);
            block[Sha256Hash] = 0x80;
            block[(Sha256Hash + 1)..56].Clear();
            BinaryPrimitives.WriteUInt64BigEndian(block[56..], (Sha256Block + Sha256Hash) * 8);
            h = outer;
            Sha2Native.Sha256Blocks(ref h, block);
            WriteDigest(in h, mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
            Sha2Native.Wipe(ref h);
        }
    }

    /// <summary>
    /// Finishes SHA-256 over m1 || m2 || m3 || m4 from the chaining value <paramref name="h"/>, which has absorbed
    /// <paramref name="absorbed"/> bytes (a multiple of 64) before them: whole blocks straight from the parts, the
    /// rest through <paramref name="block"/> (64 bytes of scratch), then the padding. The digest is in h afterwards.
    /// </summary>
    private static void Sha256Digest(ref Sha256ChainingValue h, Span<byte> block, ulong absorbed, ReadOnlySpan<byte> m1,
        ReadOnlySpan<byte> m2, ReadOnlySpan<byte> m3, ReadOnlySpan<byte> m4)
    {
        int filled = Absorb(ref h, block, 0, m1);
        filled = Absorb(ref h, block, filled, m2);
        filled = Absorb(ref h, block, filled, m3);
        filled = Absorb(ref h, block, filled, m4);
        ulong length = absorbed + (ulong)m1.Length + (ulong)m2.Length + (ulong)m3.Length + (ulong)m4.Length;
        // FIPS 180-4 §5.1.1: a 1 bit, zeros up to 56 mod 64 bytes, then the length in bits as 64 bits big-endian; with
        // more than 55 bytes in the last block the padding spills into one more block.
        block[filled++] = 0x80;
        if (filled > 56)
        {
            block[filled..].Clear();
            Sha2Native.Sha256Blocks(ref h, block);
            filled = 0;
        }
        block[filled..56].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(block[56..], length * 8);
        Sha2Native.Sha256Blocks(ref h, block);
    }

    /// <summary>Absorbs <paramref name="part"/> after the <paramref name="filled"/> bytes pending in
    /// <paramref name="block"/>; returns how many are pending afterwards (0..63).</summary>
    private static int Absorb(ref Sha256ChainingValue h, Span<byte> block, int filled, ReadOnlySpan<byte> part)
    {
        if (part.IsEmpty) return filled;
        if (filled > 0)
        {
            int take = Math.Min(Sha256Block - filled, part.Length);
            part[..take].CopyTo(block[filled..]);
            filled += take;
            if (filled < Sha256Block) return filled;
            Sha2Native.Sha256Blocks(ref h, block);
            part = part[take..];
        }
        int whole = part.Length & ~(Sha256Block - 1);
        if (whole > 0) Sha2Native.Sha256Blocks(ref h, part[..whole]);
        part[whole..].CopyTo(block);
        return part.Length - whole;
    }

    /// <summary>The digest: the chaining value's words big-endian (FIPS 180-4 §6.2.2, step 4).</summary>
    private static void WriteDigest(in Sha256ChainingValue h, Span<byte> digest)
    {
        Debug.Assert(digest.Length == Sha256Hash);
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(digest[(4 * i)..], h[i]);
    }

    /// <summary>HKDF-Expand(PRK, prefix || info, L) from the PRK's keyed chaining values (RFC 5869 §2.3):
    /// T(i) = HMAC(PRK, T(i-1) || info || i), written straight into the output while a whole T(i) fits.</summary>
    private static void Sha256Expand(in Sha256ChainingValue inner, in Sha256ChainingValue outer, ReadOnlySpan<byte> prefix,
        ReadOnlySpan<byte> info, Span<byte> output)
    {
        Debug.Assert(output.Length is > 0 && output.Length <= 255 * Sha256Hash);
        Span<byte> t = stackalloc byte[Sha256Hash];
        byte counter = 0;
        try
        {
            scoped ReadOnlySpan<byte> previous = default; // T(0) is empty
            for (int written = 0; written < output.Length; written += Sha256Hash)
            {
                counter++;
                int n = Math.Min(Sha256Hash, output.Length - written);
                Span<byte> tI = n == Sha256Hash ? output.Slice(written, Sha256Hash) : t;
                Sha256Mac(in inner, in outer, previous, prefix, info, new ReadOnlySpan<byte>(in counter), tI);
                if (n < Sha256Hash) t[..n].CopyTo(output[written..]);
                previous = tI;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(t);
        }
    }
}
