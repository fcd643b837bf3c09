// Scalars modulo the Ed448 group order L = 2^446 - 13818066809895115352007386748515426880336692474882178609894547503885
// (RFC 8032 §5.2), in seven little-endian 64-bit limbs. Used for the three scalar steps of Ed448 signing
// (§5.2.6): r = SHAKE256(...) mod L and k = SHAKE256(...) mod L (114-byte hash outputs), and S = (r + k·s) mod L; and
// for reducing the clamped secret scalar s below L before the fixed-base multiplication (s·B = (s mod L)·B: B has order L).
//
// Choices:
// - Reduction folds the high part down with 2^446 ≡ c (mod L), c = 2^446 - L < 2^224: x = lo + hi·c, where lo is the
//   low 446 bits and hi the rest. Four folds bring any 1024-bit input below 2^446 + c < 2L (bits: 1024 → ≤ 803 → ≤ 582
//   → ≤ 447 → < 2^446 + c), and one conditional subtraction of L finishes. Every fold works on all sixteen limbs
//   whatever their value, and the subtraction is a masked select, so the time depends on nothing secret (no branch,
//   no index, no division on secret data; docs/conventions.md, "Code habits").
// - Secret limbs live in the caller's stack buffers; every scratch buffer here is wiped before returning (docs/architecture.md, "Where secrets live").
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace NoFuture.Crypto.Curves.Curve448;

internal static class Scalar448
{
    /// <summary>Limbs of a reduced scalar.</summary>
    internal const int Limbs = 7;

    /// <summary>Bytes of an encoded scalar in an Ed448 signature (RFC 8032 §5.2.6 step 6: 57 octets, little-endian).</summary>
    internal const int EncodedSize = 57;

    private const int WideLimbs = 16;

    // L, little-endian limbs.
    private static ReadOnlySpan<ulong> L =>
    [
        0x2378c292ab5844f3, 0x216cc2728dc58f55, 0xc44edb49aed63690, 0xffffffff7cca23e9,
        0xffffffffffffffff, 0xffffffffffffffff, 0x3fffffffffffffff,
    ];

    // c = 2^446 - L (224 bits).
    private static ReadOnlySpan<ulong> C => [0xdc873d6d54a7bb0d, 0xde933d8d723a70aa, 0x3bb124b65129c96f, 0x8335dc16];

    /// <summary>
    /// r = <paramref name="input"/> (little-endian, at most 128 bytes; RFC 8032 §5.2.6 reads the 114-byte SHAKE256
    /// output this way) mod L, in constant time.
    /// </summary>
    internal static void Reduce(ReadOnlySpan<byte> input, Span<ulong> r)
    {
        Span<ulong> x = stackalloc ulong[WideLimbs];
        Span<byte> padded = stackalloc byte[WideLimbs * 8];
        try
        {
            padded.Clear();
            input.CopyTo(padded);
            for (int i = 0; i < WideLimbs; i++) x[i] = BinaryPrimitives.ReadUInt64LittleEndian(padded[(8 * i)..]);
            ReduceWide(x, r);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
            x.Clear();
        }
    }

    /// <summary>S = (r + k·s) mod L (RFC 8032 §5.2.6 step 6), for reduced r, k, s, in constant time.</summary>
    internal static void MulAdd(ReadOnlySpan<ulong> r, ReadOnlySpan<ulong> k, ReadOnlySpan<ulong> s, Span<ulong> result)
    {
        Span<ulong> x = stackalloc ulong[WideLimbs];
        try
        {
            x.Clear();
            // x = k·s (schoolbook, 14 limbs).
            for (int i = 0; i < Limbs; i++)
            {
                ulong carry = 0;
                for (int j = 0; j < Limbs; j++)
                {
                    UInt128 t = (UInt128)k[i] * s[j] + x[i + j] + carry;
                    x[i + j] = (ulong)t;
                    carry = (ulong)(t >> 64);
                }
                x[i + Limbs] = carry;
            }
            // x += r.
            ulong c = 0;
            for (int i = 0; i < WideLimbs; i++)
            {
                UInt128 t = (UInt128)x[i] + (i < Limbs ? r[i] : 0UL) + c;
                x[i] = (ulong)t;
                c = (ulong)(t >> 64);
            }
            ReduceWide(x, result);
        }
        finally
        {
            x.Clear();
        }
    }

    /// <summary>Writes a reduced scalar as 57 little-endian bytes (the last is 0: L &lt; 2^446).</summary>
    internal static void Encode(ReadOnlySpan<ulong> s, Span<byte> output)
    {
        for (int i = 0; i < Limbs; i++) BinaryPrimitives.WriteUInt64LittleEndian(output[(8 * i)..], s[i]);
        output[56] = 0;
    }

    /// <summary>Reads a 56- or 57-byte little-endian value known to be below 2^448 into limbs (no reduction).</summary>
    internal static void Decode(ReadOnlySpan<byte> input, Span<ulong> s)
    {
        for (int i = 0; i < Limbs; i++) s[i] = BinaryPrimitives.ReadUInt64LittleEndian(input[(8 * i)..]);
    }

    /// <summary>
    /// Whether the 57-byte encoding <paramref name="s"/> is below L (RFC 8032 §5.2.7 step 1: "If any of the decodings
    /// fail (including S being out of range)"). Variable time: S is public.
    /// </summary>
    internal static bool IsCanonical(ReadOnlySpan<byte> s)
    {
        if (s[56] != 0) return false;
        for (int i = Limbs - 1; i >= 0; i--)
        {
            ulong limb = BinaryPrimitives.ReadUInt64LittleEndian(s[(8 * i)..]);
            if (limb != L[i]) return limb < L[i];
        }
        return false; // S == L
    }

    /// <summary>
    /// Recodes a reduced scalar into 112 signed radix-16 digits in [-8, 8] (s = Σ e[i]·16^i), for the fixed-base
    /// multiplication. Constant time: arithmetic only.
    /// </summary>
    internal static void ToSignedRadix16(ReadOnlySpan<ulong> s, Span<sbyte> e)
    {
        for (int i = 0; i < 112; i++) e[i] = (sbyte)((s[i >> 4] >> (4 * (i & 15))) & 15);
        int carry = 0;
        for (int i = 0; i < 111; i++)
        {
            int v = e[i] + carry;
            carry = (v + 8) >> 4;
            e[i] = (sbyte)(v - (carry << 4));
        }
        // s < L < 2^446, so the top digit is at most 3 before the carry and at most 4 after: it stays in range.
        e[111] = (sbyte)(e[111] + carry);
    }

    // x (16 limbs, destroyed) mod L into r (7 limbs).
    private static void ReduceWide(Span<ulong> x, Span<ulong> r)
    {
        Span<ulong> hi = stackalloc ulong[10];
        Span<ulong> p = stackalloc ulong[14];
        try
        {
            for (int fold = 0; fold < 4; fold++)
            {
                // hi = x >> 446 (446 = 6·64 + 62); lo = x mod 2^446 stays in x.
                for (int i = 0; i < 10; i++)
                    hi[i] = (x[6 + i] >> 62) | (7 + i < WideLimbs ? x[7 + i] << 2 : 0);
                x[6] &= (1UL << 62) - 1;
                x[7..].Clear();
                // p = hi·c.
                p.Clear();
                for (int i = 0; i < 10; i++)
                {
                    ulong carry = 0;
                    for (int j = 0; j < 4; j++)
                    {
                        UInt128 t = (UInt128)hi[i] * C[j] + p[i + j] + carry;
                        p[i + j] = (ulong)t;
                        carry = (ulong)(t >> 64);
                    }
                    p[i + 4] = carry;
                }
                // x = lo + p.
                ulong c = 0;
                for (int i = 0; i < WideLimbs; i++)
                {
                    UInt128 t = (UInt128)x[i] + (i < 14 ? p[i] : 0UL) + c;
                    x[i] = (ulong)t;
                    c = (ulong)(t >> 64);
                }
            }
            // Now x < 2^446 + c < 2L: subtract L once unless that borrows.
            ulong borrow = 0;
            for (int i = 0; i < Limbs; i++)
            {
                ulong d = x[i] - L[i] - borrow;
                borrow = ((~x[i] & L[i]) | (~(x[i] ^ L[i]) & d)) >> 63;
                r[i] = d;
            }
            // x[7] is 0 here, so the subtraction's final borrow is the whole story: keep x when it borrowed.
            ulong keep = 0UL - borrow;
            for (int i = 0; i < Limbs; i++) r[i] = (x[i] & keep) | (r[i] & ~keep);
        }
        finally
        {
            hi.Clear();
            p.Clear();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Wipe(Span<ulong> s) => CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s));
}
