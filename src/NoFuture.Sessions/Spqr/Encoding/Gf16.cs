// GF(2^16) for SPQR's erasure code, as the SparsePostQuantumRatchet crate (src/encoding/gf.rs) defines it:
// polynomial basis over GF(2), an element is the 16-bit integer whose bit i is the coefficient of x^i, and products
// are reduced modulo x^16 + x^12 + x^3 + x + 1 (0x1100B). Addition and subtraction are XOR. x (the element 2) is a
// generator of the multiplicative group (order 65535), so the field has no zero divisors other than 0.
//
// Choices:
// - The erasure code carries public data only (ML-KEM headers, encapsulation keys and ciphertexts), so nothing here
//   needs to be constant time; it is branch-free anyway except for the CPU-feature test.
// - Products use PCLMULQDQ where the CPU has it (one carry-less multiply), else a 16-step shift-and-XOR. The 31-bit
//   product is reduced by folding its high half with x^16 = x^12 + x^3 + x + 1: four folds always suffice
//   (the degree of the excess drops 14 -> 10 -> 6 -> 2 -> none). Multiply reduces with two 256-entry tables instead
//   (reduction is linear over GF(2): p mod P = low 16 bits ^ (h_0..7 · x^16 mod P) ^ (h_8..15 · x^24 mod P) for the
//   high half h), about a quarter of the folds' instructions; the tables are built by the folds, and the portable path
//   keeps the folds, so the tests compare the two. Measured: a header chunk of the encoder 1.0 µs before
//   (bench/RESULTS.md §25, second pass). Table lookups index by public data only.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Sessions.Spqr.Encoding;

/// <summary>Arithmetic in GF(2^16) modulo x^16 + x^12 + x^3 + x + 1, elements as <see cref="ushort"/>.</summary>
internal static class Gf16
{
    /// <summary>The reduction polynomial x^16 + x^12 + x^3 + x + 1.</summary>
    internal const uint Polynomial = 0x1100B;

    /// <summary>a + b (= a - b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ushort Add(ushort a, ushort b) => (ushort)(a ^ b);

    /// <summary>a * b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ushort Multiply(ushort a, ushort b) => ReduceByTable(CarrylessMultiply(a, b));

    /// <summary>a * b by the portable shift-and-XOR product (tests compare the two paths).</summary>
    internal static ushort MultiplyPortable(ushort a, ushort b) => Reduce(CarrylessMultiplyPortable(a, b));

    /// <summary>1 / a = a^(2^16 - 2) (Fermat); a must not be 0 (0 gives 0).</summary>
    internal static ushort Inverse(ushort a)
    {
        // 2^16 - 2 = 0b1111_1111_1111_1110: square-and-multiply over its bits from the top.
        ushort result = a;
        for (int i = 0; i < 14; i++) result = Multiply(Multiply(result, result), a); // bits 14 .. 1 are 1
        return Multiply(result, result);                                              // bit 0 is 0
    }

    /// <summary>a / b; b must not be 0.</summary>
    internal static ushort Divide(ushort a, ushort b) => Multiply(a, Inverse(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint CarrylessMultiply(ushort a, ushort b)
    {
        if (Pclmulqdq.IsSupported)
            return (uint)Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar((ulong)a), Vector128.CreateScalar((ulong)b), 0).ToScalar();
        return CarrylessMultiplyPortable(a, b);
    }

    private static uint CarrylessMultiplyPortable(ushort a, ushort b)
    {
        uint acc = 0, shifted = a;
        for (int i = 0; i < 16; i++)
        {
            acc ^= shifted & (0u - ((uint)(b >> i) & 1u));
            shifted <<= 1;
        }
        return acc;
    }

    /// <summary>(b · x^16) mod P and (b · x^24) mod P for every byte b.</summary>
    private static readonly ushort[] s_foldLow = FoldTable(16), s_foldHigh = FoldTable(24);

    private static ushort[] FoldTable(int shift)
    {
        var table = new ushort[256];
        for (uint b = 0; b < 256; b++) table[b] = Reduce(b << shift);
        return table;
    }

    /// <summary>p modulo x^16 + x^12 + x^3 + x + 1 by the fold tables (any 32-bit p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort ReduceByTable(uint p)
    {
        uint high = p >> 16;
        return (ushort)(p ^ s_foldLow[(byte)high] ^ s_foldHigh[(byte)(high >> 8)]);
    }

    /// <summary>p (degree at most 31) modulo x^16 + x^12 + x^3 + x + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ushort Reduce(uint p)
    {
        for (int round = 0; round < 4; round++)
        {
            uint high = p >> 16;
            p = (p & 0xFFFF) ^ (high << 12) ^ (high << 3) ^ (high << 1) ^ high;
        }
        return (ushort)p;
    }
}
