// Arithmetic modulo p = 2^255 - 19 for public values only (XEdDSA verification's Montgomery-to-Edwards map,
// Signatures/XEdDsa.cs): four 64-bit limbs, little-endian, products folded with 2^256 = 38 (mod p). It replaces
// System.Numerics.BigInteger there, which allocated on every verification and spent most of its time in ModPow.
// Limbs are held in a four-field struct (registers) and multiplied with Math.BigMul; the inversion is the fixed
// addition chain for p - 2. Not constant time (nothing is hardened against timing): never use it with a secret.
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
        Store(Mul(Load(num), Invert(Load(den))), r);
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
    internal static void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> r)
    {
        Fe x = Load(a), y = Load(b);
        Store(Mul(x, y), r);
    }

    /// <summary>r = a^2 mod p, not necessarily canonical (below 2^256); r may alias a.</summary>
    internal static void Square(ReadOnlySpan<ulong> a, Span<ulong> r) => Store(Square(Load(a)), r);

    /// <summary>r = a^(p - 2) = 1 / a (a not 0 mod p), not necessarily canonical; r may alias a.</summary>
    internal static void Invert(ReadOnlySpan<ulong> a, Span<ulong> r) => Store(Invert(Load(a)), r);

    /// <summary>
    /// The public exponent p - 2 = 2^255 - 21 by the usual chain of 254 squarings and 11 multiplications (the one of
    /// ref10's fe_invert), in place of square-and-multiply over its bits, which costs about 500 multiplications.
    /// </summary>
    private static Fe Invert(Fe z)
    {
        Fe z2 = Square(z);                           // 2
        Fe z9 = Mul(SquareTimes(z2, 2), z);          // 9
        Fe z11 = Mul(z9, z2);                        // 11
        Fe z5 = Mul(Square(z11), z9);                // 2^5 - 1
        Fe z10 = Mul(SquareTimes(z5, 5), z5);        // 2^10 - 1
        Fe z20 = Mul(SquareTimes(z10, 10), z10);     // 2^20 - 1
        Fe z40 = Mul(SquareTimes(z20, 20), z20);     // 2^40 - 1
        Fe z50 = Mul(SquareTimes(z40, 10), z10);     // 2^50 - 1
        Fe z100 = Mul(SquareTimes(z50, 50), z50);    // 2^100 - 1
        Fe z200 = Mul(SquareTimes(z100, 100), z100); // 2^200 - 1
        Fe z250 = Mul(SquareTimes(z200, 50), z50);   // 2^250 - 1
        return Mul(SquareTimes(z250, 5), z11);       // 2^255 - 32 + 11 = 2^255 - 21
    }

    private static Fe SquareTimes(Fe a, int n)
    {
        for (int i = 0; i < n; i++) a = Square(a);
        return a;
    }

    /// <summary>Four little-endian 64-bit limbs, in registers rather than spans (the inversion's 265 products).</summary>
    private struct Fe
    {
        public ulong L0, L1, L2, L3;
    }

    private static Fe Load(ReadOnlySpan<ulong> a) => new() { L0 = a[0], L1 = a[1], L2 = a[2], L3 = a[3] };

    private static void Store(Fe a, Span<ulong> r)
    {
        r[0] = a.L0;
        r[1] = a.L1;
        r[2] = a.L2;
        r[3] = a.L3;
    }

    /// <summary>hi:lo = a * b + c + d, which never overflows 128 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong c, ulong d, out ulong lo)
    {
        ulong hi = Math.BigMul(a, b, out lo);
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        lo += d;
        hi += lo < d ? 1UL : 0UL;
        return hi;
    }

    /// <summary>a^2 mod p, below 2^256: the six cross products once, doubled, plus the four squares (10 products, not 16).</summary>
    private static Fe Square(Fe a)
    {
        ulong t1, t2, t3, t4, t5, t6, t7, c;
        c = MulAdd(a.L0, a.L1, 0, 0, out t1);
        c = MulAdd(a.L0, a.L2, 0, c, out t2);
        t4 = MulAdd(a.L0, a.L3, 0, c, out t3);
        c = MulAdd(a.L1, a.L2, t3, 0, out t3);
        t5 = MulAdd(a.L1, a.L3, t4, c, out t4);
        t6 = MulAdd(a.L2, a.L3, t5, 0, out t5);
        // Double the cross products (t1 .. t6, below 2^448, so the doubling fits t1 .. t7).
        t7 = t6 >> 63;
        t6 = (t6 << 1) | (t5 >> 63);
        t5 = (t5 << 1) | (t4 >> 63);
        t4 = (t4 << 1) | (t3 >> 63);
        t3 = (t3 << 1) | (t2 >> 63);
        t2 = (t2 << 1) | (t1 >> 63);
        t1 <<= 1;
        // Add the squares a_i^2 at limbs 2i, 2i + 1 (the total is a^2 < 2^512: no carry out of t7).
        ulong t0, hi;
        hi = MulAdd(a.L0, a.L0, 0, 0, out t0);
        c = AddCarry(t1, hi, 0, out t1);
        hi = MulAdd(a.L1, a.L1, 0, 0, out ulong lo);
        c = AddCarry(t2, lo, c, out t2);
        c = AddCarry(t3, hi, c, out t3);
        hi = MulAdd(a.L2, a.L2, 0, 0, out lo);
        c = AddCarry(t4, lo, c, out t4);
        c = AddCarry(t5, hi, c, out t5);
        hi = MulAdd(a.L3, a.L3, 0, 0, out lo);
        c = AddCarry(t6, lo, c, out t6);
        AddCarry(t7, hi, c, out t7);
        return Reduce(t0, t1, t2, t3, t4, t5, t6, t7);
    }

    /// <summary>sum = a + b + carry (carry 0 or 1); returns the carry out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddCarry(ulong a, ulong b, ulong carry, out ulong sum)
    {
        ulong s = a + b;
        ulong c = s < a ? 1UL : 0UL;
        sum = s + carry;
        return c + (sum < s ? 1UL : 0UL);
    }

    /// <summary>a * b mod p, below 2^256 (not necessarily canonical): schoolbook rows, then 2^256 = 38 (mod p).</summary>
    private static Fe Mul(Fe a, Fe b)
    {
        ulong t0, t1, t2, t3, t4, t5, t6, t7, c;
        c = MulAdd(a.L0, b.L0, 0, 0, out t0);
        c = MulAdd(a.L0, b.L1, 0, c, out t1);
        c = MulAdd(a.L0, b.L2, 0, c, out t2);
        t4 = MulAdd(a.L0, b.L3, 0, c, out t3);
        c = MulAdd(a.L1, b.L0, t1, 0, out t1);
        c = MulAdd(a.L1, b.L1, t2, c, out t2);
        c = MulAdd(a.L1, b.L2, t3, c, out t3);
        t5 = MulAdd(a.L1, b.L3, t4, c, out t4);
        c = MulAdd(a.L2, b.L0, t2, 0, out t2);
        c = MulAdd(a.L2, b.L1, t3, c, out t3);
        c = MulAdd(a.L2, b.L2, t4, c, out t4);
        t6 = MulAdd(a.L2, b.L3, t5, c, out t5);
        c = MulAdd(a.L3, b.L0, t3, 0, out t3);
        c = MulAdd(a.L3, b.L1, t4, c, out t4);
        c = MulAdd(a.L3, b.L2, t5, c, out t5);
        t7 = MulAdd(a.L3, b.L3, t6, c, out t6);
        return Reduce(t0, t1, t2, t3, t4, t5, t6, t7);
    }

    /// <summary>The 512-bit t7 .. t0 mod p, below 2^256 (not necessarily canonical), with 2^256 = 38 (mod p).</summary>
    private static Fe Reduce(ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5, ulong t6, ulong t7)
    {
        // Fold the high half in (2^256 = 38), leaving a carry c below 39, then fold c * 38 into the low limb; a carry
        // out of that leaves r0 below 38 * 39, so the second fold (the loop's last round) cannot carry again.
        Fe r;
        ulong c = MulAdd(t4, 38, t0, 0, out r.L0);
        c = MulAdd(t5, 38, t1, c, out r.L1);
        c = MulAdd(t6, 38, t2, c, out r.L2);
        c = MulAdd(t7, 38, t3, c, out r.L3);
        while (c != 0)
        {
            c = MulAdd(c, 38, r.L0, 0, out r.L0);
            r.L1 += c;
            c = r.L1 < c ? 1UL : 0UL;
            r.L2 += c;
            c = r.L2 < c ? 1UL : 0UL;
            r.L3 += c;
            c = r.L3 < c ? 1UL : 0UL;
        }
        return r;
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
