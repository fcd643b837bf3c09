// ByteEncode_d / ByteDecode_d (FIPS 203, section 4.2.1, Algorithms 5 and 6) and Compress_d / Decompress_d
// (section 4.2.1, equations 4.7 and 4.8), for d in {1, 4, 5, 10, 11, 12}.
//
// Choices:
// - Bit packing: one routine per d (public), each packing a group of values that makes whole bytes into a 32-
//   or 64-bit word with fixed shifts, least significant bit first as Algorithm 5 orders bits, over raw pointers
//   to the exactly sized spans (no per-byte bounds checks; this runs on every path).
// - Compress_d(x) = round(2^d x / q) mod 2^d = floor((2^(d+1) x + q) / 2q) mod 2^d. The division by the
//   constant 2q is a multiplication by M = ceil(2^40 / 2q) and a shift by 40: for every numerator below 2^24
//   (here at most 2^12 q + q) the result is exact, since M 2q - 2^40 < 2q < 2^13 and 2^24 2^13 <= 2^40.
//   A test checks every x in [0, q) for every d. No division instruction ever sees a secret (KyberSlash).
// - ByteDecode_12 reduces mod q as Algorithm 6 says (m = q for d = 12) with a masked subtraction; the
//   encapsulation-key modulus check (section 7.2) compares raw 12-bit values separately.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace NoFuture.Crypto.MlKem;

internal static unsafe class PolyEncoding
{
    internal const int CompressShift = 40;
    internal const ulong CompressMultiplier = ((1UL << CompressShift) + 2 * FieldArithmetic.Q - 1) / (2 * FieldArithmetic.Q);

    /// <summary>FIPS 203, Algorithm 5 (ByteEncode_d): 256 d-bit values (each in [0, 2^d)) into 32 d bytes.</summary>
    internal static void ByteEncode(ReadOnlySpan<short> f, int d, Span<byte> b)
    {
        Debug.Assert(f.Length == Ntt.N && b.Length == 32 * d);
        f = f[..Ntt.N];
        b = b[..(32 * d)];
        // SAFETY: f has N values and b 32 d bytes (the slices throw otherwise); each method below reads f[0 .. N)
        // and writes b[0 .. 32 d) exactly, in groups whose ends are the loop bounds.
        fixed (short* fp = f)
        fixed (byte* bp = b)
        {
            switch (d)
            {
                case 1: Encode1((ushort*)fp, bp); break;
                case 4: Encode4((ushort*)fp, bp); break;
                case 5: Encode5((ushort*)fp, bp); break;
                case 10: Encode10((ushort*)fp, bp); break;
                case 11: Encode11((ushort*)fp, bp); break;
                case 12: Encode12((ushort*)fp, bp); break;
                default: CryptoThrowHelper.Unreachable(); break;
            }
        }
    }

    /// <summary>
    /// FIPS 203, Algorithm 6 (ByteDecode_d): 32 d bytes into 256 values in [0, 2^d), or in [0, q) for d = 12.
    /// </summary>
    internal static void ByteDecode(ReadOnlySpan<byte> b, int d, Span<short> f)
    {
        Debug.Assert(f.Length == Ntt.N && b.Length == 32 * d);
        f = f[..Ntt.N];
        b = b[..(32 * d)];
        // SAFETY: as in ByteEncode, with the roles of f and b exchanged.
        fixed (short* fp = f)
        fixed (byte* bp = b)
        {
            switch (d)
            {
                case 1: Decode1(bp, fp); break;
                case 4: Decode4(bp, fp); break;
                case 5: Decode5(bp, fp); break;
                case 10: Decode10(bp, fp); break;
                case 11: Decode11(bp, fp); break;
                case 12: Decode12(bp, fp); break;
                default: CryptoThrowHelper.Unreachable(); break;
            }
        }
    }

    // Per d: a group of values makes whole bytes (8 values for d = 1, 5, 11; 8 for d = 4 as one 32-bit word;
    // 4 values for d = 10 (5 bytes) and d = 12 (6 bytes)), packed least significant bit first as Algorithm 5 orders
    // them. Loads and stores are little-endian whatever the platform.

    private static void Encode1(ushort* f, byte* b)
    {
        for (int g = 0; g < Ntt.N / 8; g++, f += 8)
            b[g] = (byte)(f[0] | f[1] << 1 | f[2] << 2 | f[3] << 3 | f[4] << 4 | f[5] << 5 | f[6] << 6 | f[7] << 7);
    }

    private static void Decode1(byte* b, short* f)
    {
        for (int g = 0; g < Ntt.N / 8; g++, f += 8)
        {
            int x = b[g];
            f[0] = (short)(x & 1); f[1] = (short)((x >> 1) & 1); f[2] = (short)((x >> 2) & 1); f[3] = (short)((x >> 3) & 1);
            f[4] = (short)((x >> 4) & 1); f[5] = (short)((x >> 5) & 1); f[6] = (short)((x >> 6) & 1); f[7] = (short)(x >> 7);
        }
    }

    private static void Encode4(ushort* f, byte* b)
    {
        for (int g = 0; g < Ntt.N / 8; g++, f += 8, b += 4)
            Store32(b, (uint)(f[0] | f[1] << 4 | f[2] << 8 | f[3] << 12 | f[4] << 16 | f[5] << 20 | f[6] << 24 | f[7] << 28));
    }

    private static void Decode4(byte* b, short* f)
    {
        for (int g = 0; g < Ntt.N / 8; g++, f += 8, b += 4)
        {
            uint x = Load32(b);
            f[0] = (short)(x & 15); f[1] = (short)((x >> 4) & 15); f[2] = (short)((x >> 8) & 15); f[3] = (short)((x >> 12) & 15);
            f[4] = (short)((x >> 16) & 15); f[5] = (short)((x >> 20) & 15); f[6] = (short)((x >> 24) & 15); f[7] = (short)(x >> 28);
        }
    }

    private static void Encode5(ushort* f, byte* b)
    {
        for (int g = 0; g < Ntt.N / 8; g++, f += 8, b += 5)
        {
            ulong x = (ulong)f[0] | (ulong)f[1] << 5 | (ulong)f[2] << 10 | (ulong)f[3] << 15
                | (ulong)f[4] << 20 | (ulong)f[5] << 25 | (ulong)f[6] << 30 | (ulong)f[7] << 35;
            Store40(b, x);
        }
    }

    private static void Decode5(byte* b, short* f)
    {
        for (int g = 0; g < Ntt.N / 8; g++, f += 8, b += 5)
        {
            ulong x = Load40(b);
            for (int i = 0; i < 8; i++) f[i] = (short)((x >> (5 * i)) & 31);
        }
    }

    private static void Encode10(ushort* f, byte* b)
    {
        for (int g = 0; g < Ntt.N / 4; g++, f += 4, b += 5)
            Store40(b, (ulong)f[0] | (ulong)f[1] << 10 | (ulong)f[2] << 20 | (ulong)f[3] << 30);
    }

    private static void Decode10(byte* b, short* f)
    {
        for (int g = 0; g < Ntt.N / 4; g++, f += 4, b += 5)
        {
            ulong x = Load40(b);
            f[0] = (short)(x & 0x3FF); f[1] = (short)((x >> 10) & 0x3FF); f[2] = (short)((x >> 20) & 0x3FF); f[3] = (short)(x >> 30);
        }
    }

    private static void Encode11(ushort* f, byte* b)
    {
        for (int g = 0; g < Ntt.N / 8; g++, f += 8, b += 11)
        {
            ulong low = (ulong)f[0] | (ulong)f[1] << 11 | (ulong)f[2] << 22 | (ulong)f[3] << 33 | (ulong)f[4] << 44 | (ulong)f[5] << 55;
            uint high = (uint)(f[5] >> 9 | f[6] << 2 | f[7] << 13); // bits 64 .. 87
            Store32(b, (uint)low);
            Store32(b + 4, (uint)(low >> 32));
            b[8] = (byte)high;
            b[9] = (byte)(high >> 8);
            b[10] = (byte)(high >> 16);
        }
    }

    private static void Decode11(byte* b, short* f)
    {
        for (int g = 0; g < Ntt.N / 8; g++, f += 8, b += 11)
        {
            ulong low = Load32(b) | (ulong)Load32(b + 4) << 32;
            uint high = b[8] | (uint)b[9] << 8 | (uint)b[10] << 16;
            f[0] = (short)(low & 0x7FF); f[1] = (short)((low >> 11) & 0x7FF); f[2] = (short)((low >> 22) & 0x7FF);
            f[3] = (short)((low >> 33) & 0x7FF); f[4] = (short)((low >> 44) & 0x7FF);
            f[5] = (short)(((low >> 55) | (high << 9)) & 0x7FF);
            f[6] = (short)((high >> 2) & 0x7FF); f[7] = (short)(high >> 13);
        }
    }

    private static void Encode12(ushort* f, byte* b)
    {
        for (int g = 0; g < Ntt.N / 4; g++, f += 4, b += 6)
        {
            ulong x = (ulong)f[0] | (ulong)f[1] << 12 | (ulong)f[2] << 24 | (ulong)f[3] << 36;
            Store32(b, (uint)x);
            b[4] = (byte)(x >> 32);
            b[5] = (byte)(x >> 40);
        }
    }

    private static void Decode12(byte* b, short* f)
    {
        // Algorithm 6 with m = q: each 12-bit value is reduced mod q (one masked subtraction: 2^12 < 2q).
        for (int g = 0; g < Ntt.N / 4; g++, f += 4, b += 6)
        {
            ulong x = Load32(b) | (ulong)b[4] << 32 | (ulong)b[5] << 40;
            f[0] = FieldArithmetic.SubtractQIfAtLeastQ((int)(x & 0xFFF));
            f[1] = FieldArithmetic.SubtractQIfAtLeastQ((int)((x >> 12) & 0xFFF));
            f[2] = FieldArithmetic.SubtractQIfAtLeastQ((int)((x >> 24) & 0xFFF));
            f[3] = FieldArithmetic.SubtractQIfAtLeastQ((int)(x >> 36));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(byte* p)
    {
        uint x = Unsafe.ReadUnaligned<uint>(p);
        return BitConverter.IsLittleEndian ? x : BinaryPrimitives.ReverseEndianness(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store32(byte* p, uint x) =>
        Unsafe.WriteUnaligned(p, BitConverter.IsLittleEndian ? x : BinaryPrimitives.ReverseEndianness(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load40(byte* p) => Load32(p) | (ulong)p[4] << 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store40(byte* p, ulong x)
    {
        Store32(p, (uint)x);
        p[4] = (byte)(x >> 32);
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
        f = f[..Ntt.N];
        scratch = scratch[..Ntt.N];
        // SAFETY: f and scratch have N elements (the slices throw otherwise); i < N.
        fixed (short* fp = f, sp = scratch)
        {
            for (int i = 0; i < Ntt.N; i++) sp[i] = Compress(fp[i], d);
        }
        ByteEncode(scratch, d, b);
    }

    /// <summary>Decompress_d(ByteDecode_d(b)).</summary>
    internal static void DecodeAndDecompress(ReadOnlySpan<byte> b, int d, Span<short> f)
    {
        ByteDecode(b, d, f);
        f = f[..Ntt.N];
        // SAFETY: f has N elements (the slice throws otherwise); i < N.
        fixed (short* fp = f)
        {
            for (int i = 0; i < Ntt.N; i++) fp[i] = Decompress(fp[i], d);
        }
    }
}
