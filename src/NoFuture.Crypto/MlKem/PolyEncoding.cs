// ByteEncode_d / ByteDecode_d (FIPS 203, section 4.2.1, Algorithms 5 and 6) and Compress_d / Decompress_d
// (section 4.2.1, equations 4.7 and 4.8), for d in {1, 4, 5, 10, 11, 12}.
//
// Choices:
// - Bit packing gathers eight values (d whole bytes) in a 128-bit word held as two ulongs, least significant
//   bit first, as Algorithm 5 orders bits; the loop shape and the shifts depend only on d (public).
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
    internal const int CompressShift = 40;
    internal const ulong CompressMultiplier = ((1UL << CompressShift) + 2 * FieldArithmetic.Q - 1) / (2 * FieldArithmetic.Q);

    /// <summary>FIPS 203, Algorithm 5 (ByteEncode_d): 256 d-bit values (each in [0, 2^d)) into 32 d bytes.</summary>
    internal static void ByteEncode(ReadOnlySpan<short> f, int d, Span<byte> b)
    {
        Debug.Assert(f.Length == Ntt.N && b.Length == 32 * d);
        // Eight values make d whole bytes: gather them in a 128-bit word (two ulongs), least significant first.
        for (int g = 0; g < Ntt.N / 8; g++)
        {
            ulong low = 0, high = 0;
            for (int i = 0; i < 8; i++)
            {
                ulong value = (ushort)f[8 * g + i];
                int shift = d * i; // public: d and the loop counter
                if (shift < 64)
                {
                    low |= value << shift;
                    if (shift + d > 64) high |= value >> (64 - shift);
                }
                else
                {
                    high |= value << (shift - 64);
                }
            }
            Span<byte> o = b.Slice(d * g, d);
            int lowBytes = Math.Min(d, 8);
            for (int i = 0; i < lowBytes; i++) o[i] = (byte)(low >> (8 * i));
            for (int i = 8; i < d; i++) o[i] = (byte)(high >> (8 * (i - 8)));
        }
    }

    /// <summary>
    /// FIPS 203, Algorithm 6 (ByteDecode_d): 32 d bytes into 256 values in [0, 2^d), or in [0, q) for d = 12.
    /// </summary>
    internal static void ByteDecode(ReadOnlySpan<byte> b, int d, Span<short> f)
    {
        Debug.Assert(f.Length == Ntt.N && b.Length == 32 * d);
        ulong mask = (1UL << d) - 1;
        for (int g = 0; g < Ntt.N / 8; g++)
        {
            ReadOnlySpan<byte> o = b.Slice(d * g, d);
            ulong low = 0, high = 0;
            int lowBytes = Math.Min(d, 8);
            for (int i = 0; i < lowBytes; i++) low |= (ulong)o[i] << (8 * i);
            for (int i = 8; i < d; i++) high |= (ulong)o[i] << (8 * (i - 8));
            for (int i = 0; i < 8; i++)
            {
                int shift = d * i; // public: d and the loop counter
                ulong value = shift < 64 ? low >> shift : high >> (shift - 64);
                if (shift < 64 && shift + d > 64) value |= high << (64 - shift);
                f[8 * g + i] = (short)(value & mask);
            }
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
