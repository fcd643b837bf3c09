// ByteEncode_d / ByteDecode_d (FIPS 203, section 4.2.1, Algorithms 5 and 6) and Compress_d / Decompress_d
// (section 4.2.1, equations 4.7 and 4.8), for d in {1, 4, 5, 10, 11, 12}.
//
// Choices:
// - Bit packing runs through a 64-bit accumulator, least significant bit first, as Algorithm 5 orders bits;
//   the loop shape depends only on d (public).
// - Compress_d(x) = round(2^d x / q) mod 2^d = floor((2^(d+1) x + q) / 2q) mod 2^d. The division by the
//   constant 2q is a multiplication by M = ceil(2^40 / 2q) and a shift by 40: for every numerator below 2^24
//   (here at most 2^12 q + q) the result is exact, since M 2q - 2^40 < 2q < 2^13 and 2^24 2^13 <= 2^40.
//   A test checks every x in [0, q) for every d. No division instruction ever sees a secret (KyberSlash).
// - ByteDecode_12 reduces mod q as Algorithm 6 says (m = q for d = 12) with a masked subtraction; the
//   encapsulation-key modulus check (section 7.2) compares raw 12-bit values separately.
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace NoFuture.Crypto.Fips203;

internal static class PolyEncoding
{
    private const int CompressShift = 40;
    private const ulong CompressMultiplier = ((1UL << CompressShift) + 2 * FieldArithmetic.Q - 1) / (2 * FieldArithmetic.Q);

    /// <summary>FIPS 203, Algorithm 5 (ByteEncode_d): 256 d-bit values (each in [0, 2^d)) into 32 d bytes.</summary>
    internal static void ByteEncode(ReadOnlySpan<short> f, int d, Span<byte> b)
    {
        Debug.Assert(f.Length == Ntt.N && b.Length == 32 * d);
        ulong buffer = 0;
        int bits = 0, o = 0;
        for (int i = 0; i < Ntt.N; i++)
        {
            buffer |= (ulong)(ushort)f[i] << bits;
            bits += d;
            while (bits >= 8)
            {
                b[o++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }
    }

    /// <summary>
    /// FIPS 203, Algorithm 6 (ByteDecode_d): 32 d bytes into 256 values in [0, 2^d), or in [0, q) for d = 12.
    /// </summary>
    internal static void ByteDecode(ReadOnlySpan<byte> b, int d, Span<short> f)
    {
        Debug.Assert(f.Length == Ntt.N && b.Length == 32 * d);
        ulong buffer = 0;
        int bits = 0, o = 0;
        uint mask = (1u << d) - 1;
        for (int i = 0; i < Ntt.N; i++)
        {
            while (bits < d)
            {
                buffer |= (ulong)b[o++] << bits;
                bits += 8;
            }
            f[i] = (short)(buffer & mask);
            buffer >>= d;
            bits -= d;
        }
        if (d == 12)
        {
            for (int i = 0; i < Ntt.N; i++) f[i] = FieldArithmetic.SubtractQIfAtLeastQ(f[i]);
        }
    }

    /// <summary>True when every 12-bit value in <paramref name="b"/> is below q (input is public).</summary>
    internal static bool AllBelowQ(ReadOnlySpan<byte> b)
    {
        Debug.Assert(b.Length % 3 == 0);
        bool ok = true;
        for (int i = 0; i + 3 <= b.Length; i += 3)
        {
            int d1 = b[i] | ((b[i + 1] & 0x0F) << 8);
            int d2 = (b[i + 1] >> 4) | (b[i + 2] << 4);
            ok &= d1 < FieldArithmetic.Q & d2 < FieldArithmetic.Q;
        }
        return ok;
    }

    /// <summary>Compress_d (equation 4.7) of x in [0, q), without division.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static short Compress(short x, int d)
    {
        ulong numerator = ((ulong)(ushort)x << (d + 1)) + FieldArithmetic.Q;
        return (short)(((numerator * CompressMultiplier) >> CompressShift) & ((1UL << d) - 1));
    }

    /// <summary>Decompress_d (equation 4.8): round(q y / 2^d), halves rounded up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static short Decompress(short y, int d) => (short)((y * FieldArithmetic.Q + (1 << (d - 1))) >> d);

    /// <summary>ByteEncode_d(Compress_d(f)) for f with coefficients in [0, q).</summary>
    internal static void CompressAndEncode(ReadOnlySpan<short> f, int d, Span<byte> b, Span<short> scratch)
    {
        for (int i = 0; i < Ntt.N; i++) scratch[i] = Compress(f[i], d);
        ByteEncode(scratch, d, b);
    }

    /// <summary>Decompress_d(ByteDecode_d(b)).</summary>
    internal static void DecodeAndDecompress(ReadOnlySpan<byte> b, int d, Span<short> f)
    {
        ByteDecode(b, d, f);
        for (int i = 0; i < Ntt.N; i++) f[i] = Decompress(f[i], d);
    }
}
