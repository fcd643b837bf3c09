// Arithmetic in GF(p), p = 2^448 − 2^224 − 1 (the "Goldilocks" prime of Curve448 / Ed448; RFC 7748 §4.2, RFC 8032 §5.2).
// Representation: 8 limbs of 56 bits, little-endian, in an [InlineArray(8)] of ulong, so an element lives on the stack
// and nothing allocates. 56 = 448 / 8 makes the reduction cheap: 2^448 ≡ 2^224 + 1 (mod p), and 2^224 is exactly limb 4,
// so product column k ≥ 8 folds into columns k − 8 and k − 4.
// Invariant ("loose" form): every limb of every value an operation returns is < 2^57, and the value is any
// representative of its class (not necessarily < p). Decode yields limbs < 2^56. Encode, IsZero, IsNegative and
// Equal fully reduce first. The bounds argument for each operation is next to it.
// Products: the low 64 bits by a plain multiply, the high 64 by MULX (BMI2) or UMULH (Arm64), else Math.BigMul; all
// constant time. (Math.BigMul's out parameter makes the JIT spill every low half to memory, which cost about 30%.) Each
// 112–116-bit partial product is split at bit 56 into two ulong accumulators (column k and k + 1), so columns are summed
// with plain 64-bit additions: no carry flags, no branches. The high part comes straight from MULX/UMULH of pre-shifted
// factors (see Mul), and the low 56 bits are kept with a shift pair, (x << 8) >> 8, which the JIT keeps in registers (an
// AND with the 64-bit mask made it reload the constant and go through memory). Nothing here branches on, or indexes by,
// a value.
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.Curves.Curve448;

/// <summary>An element of GF(2^448 − 2^224 − 1) as 8 limbs of 56 bits (loose form: each limb &lt; 2^57).</summary>
[InlineArray(LimbCount)]
internal struct Field448
{
    internal const int LimbCount = 8;

    /// <summary>The size of the canonical encoding: 56 bytes, little-endian (RFC 7748 §5, RFC 8032 §5.2.2).</summary>
    internal const int EncodedSizeInBytes = 56;

    private const ulong Mask = (1UL << 56) - 1;

    // p in limbs: all 2^56 − 1 except limb 4 (the −2^224 term), which is 2^56 − 2.
    private const ulong P = Mask;
    private const ulong P4 = Mask - 1;

    // 4p, added before a subtraction so that no limb underflows for a subtrahend with limbs < 2^57 (4p's limbs are
    // ≥ 2^58 − 8).
    private const ulong FourP = 4 * P;
    private const ulong FourP4 = 4 * P4;

    private ulong _e0;

    /// <summary>0.</summary>
    internal static Field448 Zero => default;

    /// <summary>1.</summary>
    internal static Field448 One
    {
        get
        {
            Field448 r = default;
            r[0] = 1;
            return r;
        }
    }

    /// <summary>A small non-negative constant (&lt; 2^56) as a field element.</summary>
    internal static Field448 FromUInt64(ulong value)
    {
        Field448 r = default;
        r[0] = value & Mask;
        r[1] = value >> 56;
        return r;
    }

    // Carries limbs below 2^64 − 2^8 down to < 2^57: each carry out is < 2^8, and the carry out of limb 7 (weight 2^448)
    // re-enters as 2^224 + 1, i.e. at limbs 0 and 4, which were just reduced below 2^56.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Carry(out Field448 r, ulong d0, ulong d1, ulong d2, ulong d3, ulong d4, ulong d5, ulong d6, ulong d7)
    {
        d1 += d0 >> 56; d0 &= Mask;
        d2 += d1 >> 56; d1 &= Mask;
        d3 += d2 >> 56; d2 &= Mask;
        d4 += d3 >> 56; d3 &= Mask;
        d5 += d4 >> 56; d4 &= Mask;
        d6 += d5 >> 56; d5 &= Mask;
        d7 += d6 >> 56; d6 &= Mask;
        ulong c = d7 >> 56; d7 &= Mask;
        r = default;
        r[0] = d0 + c;
        r[1] = d1;
        r[2] = d2;
        r[3] = d3;
        r[4] = d4 + c;
        r[5] = d5;
        r[6] = d6;
        r[7] = d7;
    }

    /// <summary>r = a + b. Inputs may alias the output.</summary>
    // Limbs < 2^57 + 2^57 = 2^58 before the carry.
    internal static void Add(out Field448 r, in Field448 a, in Field448 b) =>
        Carry(out r, a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3],
            a[4] + b[4], a[5] + b[5], a[6] + b[6], a[7] + b[7]);

    /// <summary>r = a − b. Inputs may alias the output.</summary>
    // a + 4p − b: each limb is in [2^58 − 8 − 2^57, 2^57 + 2^58), never negative, below 2^59 before the carry.
    internal static void Sub(out Field448 r, in Field448 a, in Field448 b) =>
        Carry(out r, a[0] + FourP - b[0], a[1] + FourP - b[1], a[2] + FourP - b[2], a[3] + FourP - b[3],
            a[4] + FourP4 - b[4], a[5] + FourP - b[5], a[6] + FourP - b[6], a[7] + FourP - b[7]);

    /// <summary>r = −a. The input may alias the output.</summary>
    internal static void Negate(out Field448 r, in Field448 a) =>
        Carry(out r, FourP - a[0], FourP - a[1], FourP - a[2], FourP - a[3],
            FourP4 - a[4], FourP - a[5], FourP - a[6], FourP - a[7]);

    /// <summary>r = a · k for a small constant k &lt; 2^20 (RFC 7748's a24 = 39081). The input may alias the output.</summary>
    internal static void MulSmall(out Field448 r, in Field448 a, uint k)
    {
        // a_i · k < 2^77: the low 56 bits stay in column i, the rest (< 2^21) moves to column i + 1; column 8
        // (weight 2^448) folds into columns 0 and 4.
        ulong hi, lo, d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0, d8 = 0;
        hi = Math.BigMul(a[0], k, out lo); d0 += lo & Mask; d1 += (hi << 8) | (lo >> 56);
        hi = Math.BigMul(a[1], k, out lo); d1 += lo & Mask; d2 += (hi << 8) | (lo >> 56);
        hi = Math.BigMul(a[2], k, out lo); d2 += lo & Mask; d3 += (hi << 8) | (lo >> 56);
        hi = Math.BigMul(a[3], k, out lo); d3 += lo & Mask; d4 += (hi << 8) | (lo >> 56);
        hi = Math.BigMul(a[4], k, out lo); d4 += lo & Mask; d5 += (hi << 8) | (lo >> 56);
        hi = Math.BigMul(a[5], k, out lo); d5 += lo & Mask; d6 += (hi << 8) | (lo >> 56);
        hi = Math.BigMul(a[6], k, out lo); d6 += lo & Mask; d7 += (hi << 8) | (lo >> 56);
        hi = Math.BigMul(a[7], k, out lo); d7 += lo & Mask; d8 += (hi << 8) | (lo >> 56);
        Carry(out r, d0 + d8, d1, d2, d3, d4 + d8, d5, d6, d7);
    }

    // The high 64 bits of a · b. The Bmi2 / Arm64 tests are JIT-time constants, so only one line survives.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulHigh(ulong a, ulong b)
    {
        if (Bmi2.X64.IsSupported) return Bmi2.X64.MultiplyNoFlags(a, b);
        if (ArmBase.Arm64.IsSupported) return ArmBase.Arm64.MultiplyHigh(a, b);
        return Math.BigMul(a, b, out _);
    }

    /// <summary>r = a · b. Inputs may alias each other and the output.</summary>
    internal static void Mul(out Field448 r, in Field448 a, in Field448 b)
    {
        // Karatsuba over φ = 2^224 (limb 4), where p = φ^2 − φ − 1, so φ^2 ≡ φ + 1: with a = a_lo + a_hi·φ and likewise b,
        //   a·b ≡ (z + w) + (m − z)·φ,   z = a_lo·b_lo, w = a_hi·b_hi, m = (a_lo + a_hi)·(b_lo + b_hi),
        // three 4 × 4 products (48 partial products instead of 64). Each product is summed column by column: a partial
        // product x·y (< 2^116) puts its low 56 bits in column c and ⌊x·y / 2^56⌋ in column c + 1; that high part is read
        // straight off MULX/UMULH of pre-shifted factors, (x·2^7)·(y·2) for limbs < 2^57 (z, w) and (x·2^6)·(y·2^2) for
        // the sums < 2^58 (m), whose product is x·y·2^8 and whose factors fit in 64 bits.
        // Placing (m − z)·φ at columns 4..11 and folding columns 8..11 (2^448 ≡ φ + 1) gives, for j = 0..3,
        //   r_j = z_j + w_j + m_(j+4) − z_(j+4),   r_(j+4) = w_(j+4) + m_j + m_(j+4) − z_j.
        // Bounds: z_c, w_c < 4·2^56 + 4·2^58 < 1.25·2^60; m_c < 4·2^56 + 4·2^60 < 4.25·2^60. Adding 32p (limbs ≥ 2^61 − 64
        // > z_c) keeps every r non-negative, and r_j < 8.75·2^60, r_(j+4) < 11.75·2^60 < 2^64 (ulong arithmetic wraps in
        // between, harmlessly: only the final value must lie in [0, 2^64)). Carry then brings the limbs below 2^57.
        Field448 sa = default, sb = default;
        sa[0] = a[0] << 7; sb[0] = b[0] << 1;
        sa[1] = a[1] << 7; sb[1] = b[1] << 1;
        sa[2] = a[2] << 7; sb[2] = b[2] << 1;
        sa[3] = a[3] << 7; sb[3] = b[3] << 1;
        sa[4] = a[4] << 7; sb[4] = b[4] << 1;
        sa[5] = a[5] << 7; sb[5] = b[5] << 1;
        sa[6] = a[6] << 7; sb[6] = b[6] << 1;
        sa[7] = a[7] << 7; sb[7] = b[7] << 1;
        ulong p0 = a[0] + a[4], p1 = a[1] + a[5], p2 = a[2] + a[6], p3 = a[3] + a[7];
        ulong q0 = b[0] + b[4], q1 = b[1] + b[5], q2 = b[2] + b[6], q3 = b[3] + b[7];
        ulong sp0 = p0 << 6, sp1 = p1 << 6, sp2 = p2 << 6, sp3 = p3 << 6;
        ulong sq0 = q0 << 2, sq1 = q1 << 2, sq2 = q2 << 2, sq3 = q3 << 2;
        ulong r0 = Bias, r1 = Bias, r2 = Bias, r3 = Bias, r4 = Bias4, r5 = Bias, r6 = Bias, r7 = Bias;
        ulong lo, hi;
        // m = (a_lo + a_hi)·(b_lo + b_hi)
        hi = 0;
        lo = hi; hi = 0;
        lo += (p0 * q0 << 8) >> 8; hi += MulHigh(sp0, sq0);
        r4 += lo;
        lo = hi; hi = 0;
        lo += (p0 * q1 << 8) >> 8; hi += MulHigh(sp0, sq1);
        lo += (p1 * q0 << 8) >> 8; hi += MulHigh(sp1, sq0);
        r5 += lo;
        lo = hi; hi = 0;
        lo += (p0 * q2 << 8) >> 8; hi += MulHigh(sp0, sq2);
        lo += (p1 * q1 << 8) >> 8; hi += MulHigh(sp1, sq1);
        lo += (p2 * q0 << 8) >> 8; hi += MulHigh(sp2, sq0);
        r6 += lo;
        lo = hi; hi = 0;
        lo += (p0 * q3 << 8) >> 8; hi += MulHigh(sp0, sq3);
        lo += (p1 * q2 << 8) >> 8; hi += MulHigh(sp1, sq2);
        lo += (p2 * q1 << 8) >> 8; hi += MulHigh(sp2, sq1);
        lo += (p3 * q0 << 8) >> 8; hi += MulHigh(sp3, sq0);
        r7 += lo;
        lo = hi; hi = 0;
        lo += (p1 * q3 << 8) >> 8; hi += MulHigh(sp1, sq3);
        lo += (p2 * q2 << 8) >> 8; hi += MulHigh(sp2, sq2);
        lo += (p3 * q1 << 8) >> 8; hi += MulHigh(sp3, sq1);
        r0 += lo;
        r4 += lo;
        lo = hi; hi = 0;
        lo += (p2 * q3 << 8) >> 8; hi += MulHigh(sp2, sq3);
        lo += (p3 * q2 << 8) >> 8; hi += MulHigh(sp3, sq2);
        r1 += lo;
        r5 += lo;
        lo = hi; hi = 0;
        lo += (p3 * q3 << 8) >> 8; hi += MulHigh(sp3, sq3);
        r2 += lo;
        r6 += lo;
        lo = hi; hi = 0;
        r3 += lo;
        r7 += lo;
        // w = a_hi·b_hi
        hi = 0;
        lo = hi; hi = 0;
        lo += (a[4] * b[4] << 8) >> 8; hi += MulHigh(sa[4], sb[4]);
        r0 += lo;
        lo = hi; hi = 0;
        lo += (a[4] * b[5] << 8) >> 8; hi += MulHigh(sa[4], sb[5]);
        lo += (a[5] * b[4] << 8) >> 8; hi += MulHigh(sa[5], sb[4]);
        r1 += lo;
        lo = hi; hi = 0;
        lo += (a[4] * b[6] << 8) >> 8; hi += MulHigh(sa[4], sb[6]);
        lo += (a[5] * b[5] << 8) >> 8; hi += MulHigh(sa[5], sb[5]);
        lo += (a[6] * b[4] << 8) >> 8; hi += MulHigh(sa[6], sb[4]);
        r2 += lo;
        lo = hi; hi = 0;
        lo += (a[4] * b[7] << 8) >> 8; hi += MulHigh(sa[4], sb[7]);
        lo += (a[5] * b[6] << 8) >> 8; hi += MulHigh(sa[5], sb[6]);
        lo += (a[6] * b[5] << 8) >> 8; hi += MulHigh(sa[6], sb[5]);
        lo += (a[7] * b[4] << 8) >> 8; hi += MulHigh(sa[7], sb[4]);
        r3 += lo;
        lo = hi; hi = 0;
        lo += (a[5] * b[7] << 8) >> 8; hi += MulHigh(sa[5], sb[7]);
        lo += (a[6] * b[6] << 8) >> 8; hi += MulHigh(sa[6], sb[6]);
        lo += (a[7] * b[5] << 8) >> 8; hi += MulHigh(sa[7], sb[5]);
        r4 += lo;
        lo = hi; hi = 0;
        lo += (a[6] * b[7] << 8) >> 8; hi += MulHigh(sa[6], sb[7]);
        lo += (a[7] * b[6] << 8) >> 8; hi += MulHigh(sa[7], sb[6]);
        r5 += lo;
        lo = hi; hi = 0;
        lo += (a[7] * b[7] << 8) >> 8; hi += MulHigh(sa[7], sb[7]);
        r6 += lo;
        lo = hi; hi = 0;
        r7 += lo;
        // z = a_lo·b_lo
        hi = 0;
        lo = hi; hi = 0;
        lo += (a[0] * b[0] << 8) >> 8; hi += MulHigh(sa[0], sb[0]);
        r0 += lo;
        r4 -= lo;
        lo = hi; hi = 0;
        lo += (a[0] * b[1] << 8) >> 8; hi += MulHigh(sa[0], sb[1]);
        lo += (a[1] * b[0] << 8) >> 8; hi += MulHigh(sa[1], sb[0]);
        r1 += lo;
        r5 -= lo;
        lo = hi; hi = 0;
        lo += (a[0] * b[2] << 8) >> 8; hi += MulHigh(sa[0], sb[2]);
        lo += (a[1] * b[1] << 8) >> 8; hi += MulHigh(sa[1], sb[1]);
        lo += (a[2] * b[0] << 8) >> 8; hi += MulHigh(sa[2], sb[0]);
        r2 += lo;
        r6 -= lo;
        lo = hi; hi = 0;
        lo += (a[0] * b[3] << 8) >> 8; hi += MulHigh(sa[0], sb[3]);
        lo += (a[1] * b[2] << 8) >> 8; hi += MulHigh(sa[1], sb[2]);
        lo += (a[2] * b[1] << 8) >> 8; hi += MulHigh(sa[2], sb[1]);
        lo += (a[3] * b[0] << 8) >> 8; hi += MulHigh(sa[3], sb[0]);
        r3 += lo;
        r7 -= lo;
        lo = hi; hi = 0;
        lo += (a[1] * b[3] << 8) >> 8; hi += MulHigh(sa[1], sb[3]);
        lo += (a[2] * b[2] << 8) >> 8; hi += MulHigh(sa[2], sb[2]);
        lo += (a[3] * b[1] << 8) >> 8; hi += MulHigh(sa[3], sb[1]);
        r0 -= lo;
        lo = hi; hi = 0;
        lo += (a[2] * b[3] << 8) >> 8; hi += MulHigh(sa[2], sb[3]);
        lo += (a[3] * b[2] << 8) >> 8; hi += MulHigh(sa[3], sb[2]);
        r1 -= lo;
        lo = hi; hi = 0;
        lo += (a[3] * b[3] << 8) >> 8; hi += MulHigh(sa[3], sb[3]);
        r2 -= lo;
        lo = hi; hi = 0;
        r3 -= lo;
        Carry(out r, r0, r1, r2, r3, r4, r5, r6, r7);
    }

    // 32p, limb by limb: 32·(2^56 − 1), and 32·(2^56 − 2) for limb 4 (Mul's bias; ≡ 0 mod p).
    private const ulong Bias = 32 * P, Bias4 = 32 * P4;

    /// <summary>r = a². The input may alias the output.</summary>
    internal static void Square(out Field448 r, in Field448 a)
    {
        // Mul's Karatsuba with b = a: z = a_lo^2, w = a_hi^2, m = (a_lo + a_hi)^2, three 4-limb squares (30 partial
        // products instead of 36). In a square, the cross terms x_i·x_j (i < j) appear twice: multiply by t_j = 2·x_j.
        // High parts by MULX/UMULH of pre-shifted factors as in Mul: (x_i·2^7)·(t_j·2) and (x_i·2^7)·(x_i·2) for limbs
        // < 2^57; (x_i·2^6)·(t_j·2^2) and (x_i·2^6)·(x_i·2^2) for the sums < 2^58 (t_j·2^2 < 2^61). Column bounds: a column
        // of a 4-limb square has at most two terms (low parts < 2^56) and receives the high parts of at most two cross
        // terms of the column below (< 2^59 each for z and w, < 2^61 for m), so z_c, w_c < 1.25·2^60 and m_c < 4.25·2^60:
        // Mul's bounds, and its 32p bias, hold.
        ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7];
        ulong p0 = a0 + a4, p1 = a1 + a5, p2 = a2 + a6, p3 = a3 + a7;
        ulong r0 = Bias, r1 = Bias, r2 = Bias, r3 = Bias, r4 = Bias4, r5 = Bias, r6 = Bias, r7 = Bias;
        ulong lo, hi;
        // m = (a_lo + a_hi)^2
        {
            ulong x0 = p0, t0 = p0 << 1, sx0 = p0 << 6, st0 = p0 << 3, sq0 = p0 << 2;
            ulong x1 = p1, t1 = p1 << 1, sx1 = p1 << 6, st1 = p1 << 3, sq1 = p1 << 2;
            ulong x2 = p2, t2 = p2 << 1, sx2 = p2 << 6, st2 = p2 << 3, sq2 = p2 << 2;
            ulong x3 = p3, t3 = p3 << 1, sx3 = p3 << 6, st3 = p3 << 3, sq3 = p3 << 2;
            hi = 0;
            lo = hi; hi = 0;
            lo += ((x0 * x0) << 8) >> 8; hi += MulHigh(sx0, sq0);
            r4 += lo;
            lo = hi; hi = 0;
            lo += ((x0 * t1) << 8) >> 8; hi += MulHigh(sx0, st1);
            r5 += lo;
            lo = hi; hi = 0;
            lo += ((x0 * t2) << 8) >> 8; hi += MulHigh(sx0, st2);
            lo += ((x1 * x1) << 8) >> 8; hi += MulHigh(sx1, sq1);
            r6 += lo;
            lo = hi; hi = 0;
            lo += ((x0 * t3) << 8) >> 8; hi += MulHigh(sx0, st3);
            lo += ((x1 * t2) << 8) >> 8; hi += MulHigh(sx1, st2);
            r7 += lo;
            lo = hi; hi = 0;
            lo += ((x1 * t3) << 8) >> 8; hi += MulHigh(sx1, st3);
            lo += ((x2 * x2) << 8) >> 8; hi += MulHigh(sx2, sq2);
            r0 += lo;
            r4 += lo;
            lo = hi; hi = 0;
            lo += ((x2 * t3) << 8) >> 8; hi += MulHigh(sx2, st3);
            r1 += lo;
            r5 += lo;
            lo = hi; hi = 0;
            lo += ((x3 * x3) << 8) >> 8; hi += MulHigh(sx3, sq3);
            r2 += lo;
            r6 += lo;
            lo = hi; hi = 0;
            r3 += lo;
            r7 += lo;
        }
        // w = a_hi^2
        {
            ulong x0 = a4, t0 = a4 << 1, sx0 = a4 << 7, st0 = a4 << 2, sq0 = a4 << 1;
            ulong x1 = a5, t1 = a5 << 1, sx1 = a5 << 7, st1 = a5 << 2, sq1 = a5 << 1;
            ulong x2 = a6, t2 = a6 << 1, sx2 = a6 << 7, st2 = a6 << 2, sq2 = a6 << 1;
            ulong x3 = a7, t3 = a7 << 1, sx3 = a7 << 7, st3 = a7 << 2, sq3 = a7 << 1;
            hi = 0;
            lo = hi; hi = 0;
            lo += ((x0 * x0) << 8) >> 8; hi += MulHigh(sx0, sq0);
            r0 += lo;
            lo = hi; hi = 0;
            lo += ((x0 * t1) << 8) >> 8; hi += MulHigh(sx0, st1);
            r1 += lo;
            lo = hi; hi = 0;
            lo += ((x0 * t2) << 8) >> 8; hi += MulHigh(sx0, st2);
            lo += ((x1 * x1) << 8) >> 8; hi += MulHigh(sx1, sq1);
            r2 += lo;
            lo = hi; hi = 0;
            lo += ((x0 * t3) << 8) >> 8; hi += MulHigh(sx0, st3);
            lo += ((x1 * t2) << 8) >> 8; hi += MulHigh(sx1, st2);
            r3 += lo;
            lo = hi; hi = 0;
            lo += ((x1 * t3) << 8) >> 8; hi += MulHigh(sx1, st3);
            lo += ((x2 * x2) << 8) >> 8; hi += MulHigh(sx2, sq2);
            r4 += lo;
            lo = hi; hi = 0;
            lo += ((x2 * t3) << 8) >> 8; hi += MulHigh(sx2, st3);
            r5 += lo;
            lo = hi; hi = 0;
            lo += ((x3 * x3) << 8) >> 8; hi += MulHigh(sx3, sq3);
            r6 += lo;
            lo = hi; hi = 0;
            r7 += lo;
        }
        // z = a_lo^2
        {
            ulong x0 = a0, t0 = a0 << 1, sx0 = a0 << 7, st0 = a0 << 2, sq0 = a0 << 1;
            ulong x1 = a1, t1 = a1 << 1, sx1 = a1 << 7, st1 = a1 << 2, sq1 = a1 << 1;
            ulong x2 = a2, t2 = a2 << 1, sx2 = a2 << 7, st2 = a2 << 2, sq2 = a2 << 1;
            ulong x3 = a3, t3 = a3 << 1, sx3 = a3 << 7, st3 = a3 << 2, sq3 = a3 << 1;
            hi = 0;
            lo = hi; hi = 0;
            lo += ((x0 * x0) << 8) >> 8; hi += MulHigh(sx0, sq0);
            r0 += lo;
            r4 -= lo;
            lo = hi; hi = 0;
            lo += ((x0 * t1) << 8) >> 8; hi += MulHigh(sx0, st1);
            r1 += lo;
            r5 -= lo;
            lo = hi; hi = 0;
            lo += ((x0 * t2) << 8) >> 8; hi += MulHigh(sx0, st2);
            lo += ((x1 * x1) << 8) >> 8; hi += MulHigh(sx1, sq1);
            r2 += lo;
            r6 -= lo;
            lo = hi; hi = 0;
            lo += ((x0 * t3) << 8) >> 8; hi += MulHigh(sx0, st3);
            lo += ((x1 * t2) << 8) >> 8; hi += MulHigh(sx1, st2);
            r3 += lo;
            r7 -= lo;
            lo = hi; hi = 0;
            lo += ((x1 * t3) << 8) >> 8; hi += MulHigh(sx1, st3);
            lo += ((x2 * x2) << 8) >> 8; hi += MulHigh(sx2, sq2);
            r0 -= lo;
            lo = hi; hi = 0;
            lo += ((x2 * t3) << 8) >> 8; hi += MulHigh(sx2, st3);
            r1 -= lo;
            lo = hi; hi = 0;
            lo += ((x3 * x3) << 8) >> 8; hi += MulHigh(sx3, sq3);
            r2 -= lo;
            lo = hi; hi = 0;
            r3 -= lo;
        }
        Carry(out r, r0, r1, r2, r3, r4, r5, r6, r7);
    }

    /// <summary>r = a^(2^n) for n ≥ 1. The input may alias the output.</summary>
    internal static void SquareTimes(out Field448 r, in Field448 a, int n)
    {
        Square(out r, a);
        for (int i = 1; i < n; i++) Square(out r, r);
    }

    // Folds a 16-column product into 8 limbs. Column k has n_k = min(k + 1, 15 − k) products; before folding, column
    // k < n_k·2^56 + n_(k−1)·2^58 (at most 39·2^56). Folding the top columns from 15 down (2^448 ≡ 2^224 + 1) leaves
    // every column below 98·2^56 < 2^63, so no ulong overflows, and the carry chain brings the limbs below 2^57.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce(out Field448 r, ulong d0, ulong d1, ulong d2, ulong d3, ulong d4, ulong d5, ulong d6, ulong d7,
        ulong d8, ulong d9, ulong d10, ulong d11, ulong d12, ulong d13, ulong d14, ulong d15)
    {
        d7 += d15; d11 += d15;
        d6 += d14; d10 += d14;
        d5 += d13; d9 += d13;
        d4 += d12; d8 += d12;
        d3 += d11; d7 += d11;
        d2 += d10; d6 += d10;
        d1 += d9; d5 += d9;
        d0 += d8; d4 += d8;
        Carry(out r, d0, d1, d2, d3, d4, d5, d6, d7);
    }

    /// <summary>r = a^((p − 3) / 4) = a^(2^446 − 2^222 − 1): the square-root helper of RFC 8032 §5.2.3 (decoding step 3).</summary>
    internal static void PowP34(out Field448 r, in Field448 a)
    {
        // Addition chain: x_k = a^(2^k − 1). (p − 3)/4 = (2^223 − 1)·2^223 + (2^222 − 1).
        // 450 squarings and 11 multiplications.
        Field448 x1 = a, x2, x3, x6, x12, x24, x30, x48, x96, x192, x222, t;
        Square(out t, x1); Mul(out x2, t, x1);
        Square(out t, x2); Mul(out x3, t, x1);
        SquareTimes(out t, x3, 3); Mul(out x6, t, x3);
        SquareTimes(out t, x6, 6); Mul(out x12, t, x6);
        SquareTimes(out t, x12, 12); Mul(out x24, t, x12);
        SquareTimes(out t, x24, 6); Mul(out x30, t, x6);
        SquareTimes(out t, x24, 24); Mul(out x48, t, x24);
        SquareTimes(out t, x48, 48); Mul(out x96, t, x48);
        SquareTimes(out t, x96, 96); Mul(out x192, t, x96);
        SquareTimes(out t, x192, 30); Mul(out x222, t, x30);
        Square(out t, x222); Mul(out t, t, x1); // x223
        SquareTimes(out t, t, 223);
        Mul(out r, t, x222);
    }

    /// <summary>r = a^(p − 2) = a^−1 (Fermat); 0 maps to 0. The input may alias the output.</summary>
    internal static void Invert(out Field448 r, in Field448 a)
    {
        // p − 2 = 4·(p − 3)/4 + 1.
        Field448 t;
        PowP34(out t, a);
        SquareTimes(out t, t, 2);
        Mul(out r, t, a);
    }

    /// <summary>Swaps a and b when <paramref name="swap"/> is 1, leaves them when it is 0, without branching.</summary>
    // NoInlining keeps the JIT from seeing where swap comes from; the mask arithmetic leaves it nothing to branch on.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ConditionalSwap(ref Field448 a, ref Field448 b, ulong swap)
    {
        ulong mask = 0UL - swap, t;
        t = mask & (a[0] ^ b[0]); a[0] ^= t; b[0] ^= t;
        t = mask & (a[1] ^ b[1]); a[1] ^= t; b[1] ^= t;
        t = mask & (a[2] ^ b[2]); a[2] ^= t; b[2] ^= t;
        t = mask & (a[3] ^ b[3]); a[3] ^= t; b[3] ^= t;
        t = mask & (a[4] ^ b[4]); a[4] ^= t; b[4] ^= t;
        t = mask & (a[5] ^ b[5]); a[5] ^= t; b[5] ^= t;
        t = mask & (a[6] ^ b[6]); a[6] ^= t; b[6] ^= t;
        t = mask & (a[7] ^ b[7]); a[7] ^= t; b[7] ^= t;
    }

    /// <summary>r = <paramref name="b"/> when <paramref name="choice"/> is 1, <paramref name="a"/> when it is 0, without branching.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Select(out Field448 r, in Field448 a, in Field448 b, ulong choice)
    {
        ulong mask = 0UL - choice;
        // Built in a local so that r may alias a or b.
        Field448 t = default;
        for (int i = 0; i < LimbCount; i++) t[i] = a[i] ^ (mask & (a[i] ^ b[i]));
        r = t;
    }

    /// <summary>Brings a loose value to its canonical representative in [0, p), limbs &lt; 2^56.</summary>
    internal static void Reduce(out Field448 r, in Field448 a)
    {
        // Weak carry: limbs < 2^56 except limbs 0 and 4 (< 2^56 + 2^2), so the value is < 2p.
        Carry(out Field448 w, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
        // Subtract p with a signed borrow chain; the final borrow is 0 (w ≥ p, keep w − p) or −1 (w < p).
        long s = 0;
        r = default;
        for (int i = 0; i < LimbCount; i++)
        {
            s += (long)w[i] - (long)(i == 4 ? P4 : P);
            r[i] = (ulong)s & Mask;
            s >>= 56;
        }
        // Add p back under the borrow mask (all ones or zero); the final carry cancels the borrow.
        ulong addBack = (ulong)s;
        ulong c = 0;
        for (int i = 0; i < LimbCount; i++)
        {
            c += r[i] + ((i == 4 ? P4 : P) & addBack);
            r[i] = c & Mask;
            c >>= 56;
        }
    }

    /// <summary>Writes the canonical 56-byte little-endian encoding of a (fully reduced).</summary>
    internal static void Encode(in Field448 a, Span<byte> destination)
    {
        if (destination.Length != EncodedSizeInBytes) CryptoThrowHelper.WrongSize(nameof(destination), EncodedSizeInBytes);
        Reduce(out Field448 r, a);
        // 56 bits = 7 bytes per limb: write 8 bytes little-endian, each limb's top byte (0) is overwritten by the next.
        Span<byte> tmp = stackalloc byte[EncodedSizeInBytes + 1];
        for (int i = 0; i < LimbCount; i++) BinaryPrimitives.WriteUInt64LittleEndian(tmp.Slice(7 * i, 8), r[i]);
        tmp[..EncodedSizeInBytes].CopyTo(destination);
        tmp.Clear();
        r = default;
    }

    /// <summary>
    /// Reads 56 little-endian bytes (any value below 2^448). Returns 1 when the input was canonical (&lt; p), 0 when it
    /// was not; a non-canonical input is still loaded (as its value mod p, per RFC 7748 §5) so the caller decides.
    /// </summary>
    internal static ulong Decode(ReadOnlySpan<byte> source, out Field448 r)
    {
        if (source.Length != EncodedSizeInBytes) CryptoThrowHelper.WrongSize(nameof(source), EncodedSizeInBytes);
        r = default;
        for (int i = 0; i < 7; i++) r[i] = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(7 * i, 8)) & Mask;
        r[7] = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(48, 8)) >> 8;
        // Canonical iff value − p borrows (value < p).
        long s = 0;
        for (int i = 0; i < LimbCount; i++)
        {
            s += (long)r[i] - (long)(i == 4 ? P4 : P);
            s >>= 56;
        }
        return (ulong)s & 1;
    }

    /// <summary>1 when a ≡ 0 (mod p), else 0, in constant time.</summary>
    internal static ulong IsZero(in Field448 a)
    {
        Reduce(out Field448 r, a);
        ulong acc = 0;
        for (int i = 0; i < LimbCount; i++) acc |= r[i];
        // acc < 2^56: acc − 1 has its top bit set exactly when acc is 0.
        return (acc - 1) >> 63;
    }

    /// <summary>1 when a ≡ b (mod p), else 0, in constant time.</summary>
    internal static ulong Equal(in Field448 a, in Field448 b)
    {
        Sub(out Field448 d, a, b);
        return IsZero(d);
    }

    /// <summary>The least significant bit of a's canonical form (RFC 8032 §5.2.2's sign of x), in constant time.</summary>
    internal static ulong IsNegative(in Field448 a)
    {
        Reduce(out Field448 r, a);
        return r[0] & 1;
    }
}
