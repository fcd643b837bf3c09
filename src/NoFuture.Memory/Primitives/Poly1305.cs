// Poly1305 one-time authenticator: RFC 8439, section 2.5. The AEAD's padded input layout is section 2.8.
// Sizes: key 32 bytes (r || s, each 16 bytes little-endian), tag 16 bytes, block 16 bytes.
//
// Choices:
// - Arithmetic modulo p = 2^130 - 5 in radix 2^26: the accumulator acc and r are five 26-bit limbs in uint,
//   products in ulong. Limb products whose weight reaches 2^130 are folded back times 5 (2^130 = 5 mod p), so
//   5 * r1..r4 are precomputed. Bounds: after a block, acc limbs are below 2^26 (limb 1 below 2^26 + 2^6);
//   adding a message limb keeps them below 2^27.1, and 5 * r limbs are below 2^28.4, so each of the five terms
//   of a product limb is below 2^55.5 and their sum stays far below 2^64.
// - Constant time: no branch or index depends on the key, the message or acc. The final "subtract p when
//   acc >= p" is a mask select, and the conversion to bytes adds with carries instead of branching.
// - An incremental value type: the AEAD calls UpdatePadded for the associated data and for the ciphertext,
//   then FinishAead. It lives on the caller's stack, and the caller wipes it with Clear() in finally.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace NoFuture.Memory.Primitives;

internal struct Poly1305
{
    internal const int KeySize = 32, TagSize = 16, BlockSize = 16;

    private const uint Mask26 = 0x3ffffff;
    private const uint HighBit = 1u << 24; // 2^128 in limb 4 (weight 2^104)

    private uint _r0, _r1, _r2, _r3, _r4;
    private uint _r1x5, _r2x5, _r3x5, _r4x5;
    private uint _acc0, _acc1, _acc2, _acc3, _acc4;
    private uint _s0, _s1, _s2, _s3;

    // RFC 8439, section 2.5: r = le_bytes_to_num(key[0..15]), clamped; s = le_bytes_to_num(key[16..31]);
    // the accumulator starts at 0.
    internal void Initialize(ReadOnlySpan<byte> key)
    {
        Debug.Assert(key.Length == KeySize);
        // clamp(r): r &= 0x0ffffffc0ffffffc0ffffffc0fffffff, applied to the four little-endian words.
        uint t0 = BinaryPrimitives.ReadUInt32LittleEndian(key) & 0x0fffffff;
        uint t1 = BinaryPrimitives.ReadUInt32LittleEndian(key[4..]) & 0x0ffffffc;
        uint t2 = BinaryPrimitives.ReadUInt32LittleEndian(key[8..]) & 0x0ffffffc;
        uint t3 = BinaryPrimitives.ReadUInt32LittleEndian(key[12..]) & 0x0ffffffc;

        // Limb i holds bits 26i .. 26i + 25 of the 128-bit value.
        _r0 = t0 & Mask26;
        _r1 = ((t0 >> 26) | (t1 << 6)) & Mask26;
        _r2 = ((t1 >> 20) | (t2 << 12)) & Mask26;
        _r3 = ((t2 >> 14) | (t3 << 18)) & Mask26;
        _r4 = t3 >> 8;
        _r1x5 = _r1 * 5;
        _r2x5 = _r2 * 5;
        _r3x5 = _r3 * 5;
        _r4x5 = _r4 * 5;

        _acc0 = _acc1 = _acc2 = _acc3 = _acc4 = 0;

        _s0 = BinaryPrimitives.ReadUInt32LittleEndian(key[16..]);
        _s1 = BinaryPrimitives.ReadUInt32LittleEndian(key[20..]);
        _s2 = BinaryPrimitives.ReadUInt32LittleEndian(key[24..]);
        _s3 = BinaryPrimitives.ReadUInt32LittleEndian(key[28..]);
    }

    // RFC 8439, section 2.8: data, then zero padding up to a multiple of 16 bytes (none when already aligned).
    // Every block, the padded last one included, is a full 16-byte block with the 2^128 bit set.
    internal void UpdatePadded(ReadOnlySpan<byte> data)
    {
        int full = data.Length & ~(BlockSize - 1);
        Blocks(data[..full], HighBit);
        if (full == data.Length) return; // the length is public
        Span<byte> last = stackalloc byte[BlockSize];
        try
        {
            data[full..].CopyTo(last);
            Blocks(last, HighBit);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(last);
        }
    }

    // RFC 8439, section 2.8: le64(AAD length) || le64(ciphertext length) as the last block, then the tag.
    internal void FinishAead(ulong associatedDataLength, ulong ciphertextLength, Span<byte> tag)
    {
        Span<byte> lengths = stackalloc byte[BlockSize];
        BinaryPrimitives.WriteUInt64LittleEndian(lengths, associatedDataLength);
        BinaryPrimitives.WriteUInt64LittleEndian(lengths[8..], ciphertextLength);
        Blocks(lengths, HighBit);
        Finish(tag);
    }

    // Wipes r, s and the accumulator.
    internal void Clear() => CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(new Span<Poly1305>(ref this)));

    // RFC 8439, section 2.5, poly1305_mac over an arbitrary message: the final partial block, if any, gets a 0x01
    // byte after it and zero padding, and no 2^128 bit.
    internal static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> tag)
    {
        Poly1305 mac = default;
        Span<byte> last = stackalloc byte[BlockSize];
        try
        {
            mac.Initialize(key);
            int full = message.Length & ~(BlockSize - 1);
            mac.Blocks(message[..full], HighBit);
            if (full != message.Length)
            {
                message[full..].CopyTo(last);
                last[message.Length - full] = 1;
                mac.Blocks(last, 0);
            }
            mac.Finish(tag);
        }
        finally
        {
            mac.Clear();
            CryptographicOperations.ZeroMemory(last);
        }
    }

    // RFC 8439, section 2.5: for each 16-byte block n (with highBit as byte 17), acc = ((acc + n) * r) mod p,
    // kept partially reduced (limbs about 26 bits) between blocks.
    private void Blocks(ReadOnlySpan<byte> m, uint highBit)
    {
        Debug.Assert(m.Length % BlockSize == 0);
        uint r0 = _r0, r1 = _r1, r2 = _r2, r3 = _r3, r4 = _r4;
        uint r1x5 = _r1x5, r2x5 = _r2x5, r3x5 = _r3x5, r4x5 = _r4x5;
        uint acc0 = _acc0, acc1 = _acc1, acc2 = _acc2, acc3 = _acc3, acc4 = _acc4;

        while (m.Length >= BlockSize)
        {
            uint t0 = BinaryPrimitives.ReadUInt32LittleEndian(m);
            uint t1 = BinaryPrimitives.ReadUInt32LittleEndian(m[4..]);
            uint t2 = BinaryPrimitives.ReadUInt32LittleEndian(m[8..]);
            uint t3 = BinaryPrimitives.ReadUInt32LittleEndian(m[12..]);
            m = m[BlockSize..];

            acc0 += t0 & Mask26;
            acc1 += ((t0 >> 26) | (t1 << 6)) & Mask26;
            acc2 += ((t1 >> 20) | (t2 << 12)) & Mask26;
            acc3 += ((t2 >> 14) | (t3 << 18)) & Mask26;
            acc4 += (t3 >> 8) | highBit;

            // acc * r: the term acc_i * r_j has weight 2^(26(i+j)); when i + j >= 5 it is folded down to
            // weight 2^(26(i+j-5)) and multiplied by 5.
            ulong d0 = (ulong)acc0 * r0 + (ulong)acc1 * r4x5 + (ulong)acc2 * r3x5 + (ulong)acc3 * r2x5 + (ulong)acc4 * r1x5;
            ulong d1 = (ulong)acc0 * r1 + (ulong)acc1 * r0 + (ulong)acc2 * r4x5 + (ulong)acc3 * r3x5 + (ulong)acc4 * r2x5;
            ulong d2 = (ulong)acc0 * r2 + (ulong)acc1 * r1 + (ulong)acc2 * r0 + (ulong)acc3 * r4x5 + (ulong)acc4 * r3x5;
            ulong d3 = (ulong)acc0 * r3 + (ulong)acc1 * r2 + (ulong)acc2 * r1 + (ulong)acc3 * r0 + (ulong)acc4 * r4x5;
            ulong d4 = (ulong)acc0 * r4 + (ulong)acc1 * r3 + (ulong)acc2 * r2 + (ulong)acc3 * r1 + (ulong)acc4 * r0;

            // Partial reduction: carry each limb into the next, and the carry out of limb 4 (weight 2^130)
            // back into limb 0 times 5.
            d1 += d0 >> 26; acc0 = (uint)d0 & Mask26;
            d2 += d1 >> 26; acc1 = (uint)d1 & Mask26;
            d3 += d2 >> 26; acc2 = (uint)d2 & Mask26;
            d4 += d3 >> 26; acc3 = (uint)d3 & Mask26;
            ulong t = acc0 + (d4 >> 26) * 5; acc4 = (uint)d4 & Mask26;
            acc0 = (uint)t & Mask26;
            acc1 += (uint)(t >> 26);
        }

        _acc0 = acc0; _acc1 = acc1; _acc2 = acc2; _acc3 = acc3; _acc4 = acc4;
    }

    // RFC 8439, section 2.5: tag = ((acc mod p) + s) mod 2^128, little-endian.
    private readonly void Finish(Span<byte> tag)
    {
        Debug.Assert(tag.Length == TagSize);
        uint acc0 = _acc0, acc1 = _acc1, acc2 = _acc2, acc3 = _acc3, acc4 = _acc4;

        // Full carry: afterwards limbs 0, 2, 3, 4 are below 2^26, limb 1 at most 2^26, and acc < 2p.
        acc2 += acc1 >> 26; acc1 &= Mask26;
        acc3 += acc2 >> 26; acc2 &= Mask26;
        acc4 += acc3 >> 26; acc3 &= Mask26;
        acc0 += (acc4 >> 26) * 5; acc4 &= Mask26;
        acc1 += acc0 >> 26; acc0 &= Mask26;

        // g = acc + 5 - 2^130 = acc - p. It borrows (top bit of g4 set) exactly when acc < p.
        uint g0 = acc0 + 5;
        uint g1 = acc1 + (g0 >> 26); g0 &= Mask26;
        uint g2 = acc2 + (g1 >> 26); g1 &= Mask26;
        uint g3 = acc3 + (g2 >> 26); g2 &= Mask26;
        uint g4 = acc4 + (g3 >> 26) - (1u << 26); g3 &= Mask26;

        // select = all ones when acc >= p (take g), zero when acc < p (keep acc). No branch.
        uint select = (g4 >> 31) - 1;
        acc0 = (acc0 & ~select) | (g0 & select);
        acc1 = (acc1 & ~select) | (g1 & select);
        acc2 = (acc2 & ~select) | (g2 & select);
        acc3 = (acc3 & ~select) | (g3 & select);
        acc4 = (acc4 & ~select) | (g4 & select);

        // (acc + s) mod 2^128, one 32-bit word at a time. Limbs are added, not ORed, so a limb 1 equal to 2^26
        // still carries correctly; whatever passes 2^128 is dropped.
        ulong f = acc0 + ((ulong)acc1 << 26) + _s0;
        BinaryPrimitives.WriteUInt32LittleEndian(tag, (uint)f);
        f = (f >> 32) + ((ulong)acc2 << 20) + _s1;
        BinaryPrimitives.WriteUInt32LittleEndian(tag[4..], (uint)f);
        f = (f >> 32) + ((ulong)acc3 << 14) + _s2;
        BinaryPrimitives.WriteUInt32LittleEndian(tag[8..], (uint)f);
        f = (f >> 32) + ((ulong)acc4 << 8) + _s3;
        BinaryPrimitives.WriteUInt32LittleEndian(tag[12..], (uint)f);
    }
}
