// Arithmetic modulo p = 2^255 - 19 for public values only (XEdDSA verification's Montgomery-to-Edwards map,
// Signatures/XEdDsa.cs): four 64-bit limbs, little-endian, products folded with 2^256 = 38 (mod p). It replaces
// System.Numerics.BigInteger there, which allocated on every verification and spent most of its time in ModPow.
// Not constant time (the inversion's square-and-multiply follows the fixed public exponent p - 2, but nothing else
// is hardened): never use it with a secret.
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace NoFuture.Crypto.Curves;

internal static class Field25519
{
    /// <summary>p = 2^255 - 19 as limbs.</summary>
    private static ReadOnlySpan<ulong> P => [0xFFFFFFFFFFFFFFED, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0x7FFFFFFFFFFFFFFF];

    /// <summary>
    /// XEdDSA's convert_mont (section 2.3) for a public u: y = (u - 1) / (u + 1) mod p, written canonical and
    /// little-endian to <paramref name="y"/>. False for u &gt;= p - 1 (u = p - 1 has no image; u &gt;= p is not canonical).
    /// </summary>
    internal static bool MontgomeryUToEdwardsY(ReadOnlySpan<byte> u, Span<byte> y)
    {
        Span<ulong> a = stackalloc ulong[4], num = stackalloc ulong[4], den = stackalloc ulong[4], r = stackalloc ulong[4];
        for (int i = 0; i < 4; i++) a[i] = BinaryPrimitives.ReadUInt64LittleEndian(u[(8 * i)..]);
        // u < p - 1 = 2^255 - 20, compared from the top limb.
        if (!LessThanPMinusOne(a)) return false;
        a.CopyTo(den);
        AddSmall(den, 1);                       // u + 1 < p: no reduction needed
        if (IsZero(a))
        {
            P.CopyTo(num);
            num[0] -= 1;                        // 0 - 1 = p - 1
        }
        else
        {
            a.CopyTo(num);
            SubSmall(num, 1);
        }
        Invert(den, r);
        Multiply(num, r, r);
        Canonical(r);
        for (int i = 0; i < 4; i++) BinaryPrimitives.WriteUInt64LittleEndian(y[(8 * i)..], r[i]);
        return true;
    }

    private static bool LessThanPMinusOne(ReadOnlySpan<ulong> a)
    {
        // p - 1 = [0xFFFFFFFFFFFFFFEC, ~0, ~0, 0x7FFFFFFFFFFFFFFF]
        if (a[3] != 0x7FFFFFFFFFFFFFFF) return a[3] < 0x7FFFFFFFFFFFFFFF;
        if (a[2] != ulong.MaxValue || a[1] != ulong.MaxValue) return true;
        return a[0] < 0xFFFFFFFFFFFFFFEC;
    }

    private static bool IsZero(ReadOnlySpan<ulong> a) => (a[0] | a[1] | a[2] | a[3]) == 0;

    private static void AddSmall(Span<ulong> a, ulong v)
    {
        for (int i = 0; i < 4 && v != 0; i++)
        {
            a[i] += v;
            v = a[i] < v ? 1UL : 0UL;
        }
    }

    private static void SubSmall(Span<ulong> a, ulong v)
    {
        for (int i = 0; i < 4 && v != 0; i++)
        {
            ulong before = a[i];
            a[i] -= v;
            v = before < v ? 1UL : 0UL;
        }
    }

    /// <summary>r = a * b mod p, not necessarily canonical (below 2^256); r may alias a or b.</summary>
    [SkipLocalsInit]
    internal static void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> r)
    {
        Span<ulong> t = stackalloc ulong[8];
        t.Clear();
        for (int i = 0; i < 4; i++)
        {
            ulong carry = 0;
            for (int j = 0; j < 4; j++)
            {
                UInt128 p = (UInt128)a[i] * b[j] + t[i + j] + carry;
                t[i + j] = (ulong)p;
                carry = (ulong)(p >> 64);
            }
            t[i + 4] = carry;
        }
        // 2^256 = 38 (mod p): fold the high half in, then the small carry that remains.
        ulong c = 0;
        for (int i = 0; i < 4; i++)
        {
            UInt128 p = (UInt128)t[i + 4] * 38 + t[i] + c;
            r[i] = (ulong)p;
            c = (ulong)(p >> 64);
        }
        while (c != 0)
        {
            UInt128 p = (UInt128)c * 38 + r[0];
            r[0] = (ulong)p;
            c = (ulong)(p >> 64);
            for (int i = 1; i < 4 && c != 0; i++)
            {
                r[i] += c;
                c = r[i] < c ? 1UL : 0UL;
            }
        }
    }

    /// <summary>r = a^(p - 2) = 1 / a (a not 0 mod p); left-to-right square-and-multiply over the public exponent.</summary>
    internal static void Invert(ReadOnlySpan<ulong> a, Span<ulong> r)
    {
        // p - 2 = 2^255 - 21: bits 254 .. 5 are 1, bits 4 .. 0 are 01011.
        Span<ulong> acc = stackalloc ulong[4];
        a.CopyTo(acc);                          // bit 254
        for (int bit = 253; bit >= 0; bit--)
        {
            Multiply(acc, acc, acc);
            bool one = bit >= 5 || ((0b01011 >> bit) & 1) != 0;
            if (one) Multiply(acc, a, acc);
        }
        acc.CopyTo(r);
    }

    /// <summary>Reduces a value below 2^256 to [0, p) (2^256 &lt; 3p: at most two subtractions).</summary>
    internal static void Canonical(Span<ulong> a)
    {
        for (int round = 0; round < 2; round++)
        {
            if (!GreaterOrEqualP(a)) return;
            ulong borrow = 0;
            for (int i = 0; i < 4; i++)
            {
                UInt128 d = (UInt128)a[i] - P[i] - borrow;
                a[i] = (ulong)d;
                borrow = (ulong)(d >> 64) != 0 ? 1UL : 0UL;
            }
        }
    }

    private static bool GreaterOrEqualP(ReadOnlySpan<ulong> a)
    {
        for (int i = 3; i >= 0; i--)
        {
            if (a[i] != P[i]) return a[i] > P[i];
        }
        return true;
    }
}
