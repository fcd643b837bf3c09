// Bit packing of FIPS 204, section 7.1 (SimpleBitPack / BitPack, Algorithms 16-19; HintBitPack / HintBitUnpack,
// Algorithms 20-21) and section 7.2 (pkEncode/pkDecode, skEncode/skDecode, sigEncode/sigDecode, w1Encode;
// Algorithms 22-28).
//
// Choices:
// - Bit-accumulator packers for all widths (at most 20 bits; key generation's flushes 32 bits at a time), and one unpacker that takes eight values per AVX2
//   step where available (the bit accumulator elsewhere and for the last groups). The loop shape, shuffles and
//   shifts depend only on the public width, so secret coefficients (s1, s2, t0, y) are packed and unpacked in
//   constant time.
// - skDecode checks the s1 and s2 ranges (an imported expanded key may hold values outside [-eta, eta], which
//   FIPS 204's skDecode would return unchecked); the check ORs over every coefficient with no early exit.
// - sigDecode and HintBitUnpack read public data and may branch; malformed hints return false (Algorithm 21's bottom).
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.MlDsa;

internal static class Packing
{
    private const int Q = MlDsaParameters.Q, D = MlDsaParameters.D;

    /// <summary>SimpleBitPack: each of the 256 coefficients (already in [0, 2^bits)) as <paramref name="bits"/> bits, little-endian.</summary>
    internal static void PackSimple(ReadOnlySpan<int> w, int bits, Span<byte> output)
    {
        Debug.Assert(w.Length == 256 && output.Length == 32 * bits);
        ulong acc = 0;
        int held = 0, pos = 0;
        for (int i = 0; i < 256; i++)
        {
            acc |= (ulong)(uint)w[i] << held;
            held += bits;
            while (held >= 8)
            {
                output[pos++] = (byte)acc;
                acc >>= 8;
                held -= 8;
            }
        }
    }

    /// <summary>BitPack(w, a, b): packs b - w_i (w_i in [-a, b]) as <paramref name="bits"/> bits.</summary>
    internal static void PackCentered(ReadOnlySpan<int> w, int b, int bits, Span<byte> output)
    {
        Debug.Assert(w.Length == 256 && output.Length == 32 * bits);
        ulong acc = 0;
        int held = 0, pos = 0;
        for (int i = 0; i < 256; i++)
        {
            acc |= (ulong)(uint)(b - w[i]) << held;
            held += bits;
            while (held >= 8)
            {
                output[pos++] = (byte)acc;
                acc >>= 8;
                held -= 8;
            }
        }
    }

    /// <summary>
    /// Key generation's packer (pkEncode's t1, skEncode's s1, s2 and t0): the 256 values bias + sign w_i (sign 1 or -1,
    /// each in [0, 2^bits)) as <paramref name="bits"/> bits, little-endian, the same bytes as PackSimple / PackCentered
    /// but flushed 32 bits at a time (32 bits output length is a multiple of 4). The flush branch depends only on the
    /// public loop counter and width, never on a value, so secret coefficients are packed in constant time. Signing
    /// keeps the byte-at-a-time packers.
    /// </summary>
    internal static void PackWords(ReadOnlySpan<int> w, int bias, int sign, int bits, Span<byte> output)
    {
        Debug.Assert(w.Length == 256 && output.Length == 32 * bits && bits is >= 1 and <= 20 && sign is 1 or -1);
        Span<uint> words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(output);
        ulong acc = 0;
        int held = 0, pos = 0;
        for (int i = 0; i < 256; i++)
        {
            acc |= (ulong)(uint)(bias + sign * w[i]) << held;
            held += bits; // below 32 + 20 before the flush
            if (held >= 32)
            {
                words[pos++] = BitConverter.IsLittleEndian ? (uint)acc : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)acc);
                acc >>= 32;
                held -= 32;
            }
        }
        Debug.Assert(held == 0 && pos == words.Length);
    }

    /// <summary>SimpleBitUnpack: 256 values of <paramref name="bits"/> bits.</summary>
    internal static void UnpackSimple(ReadOnlySpan<byte> input, int bits, Span<int> w) => Unpack(input, 0, 0, bits, w);

    /// <summary>BitUnpack(v, a, b): w_i = b - (a <paramref name="bits"/>-bit value).</summary>
    internal static void UnpackCentered(ReadOnlySpan<byte> input, int b, int bits, Span<int> w) => Unpack(input, b, -1, bits, w);

    /// <summary>
    /// 256 values of <paramref name="bits"/> bits, each returned as bias + value (<paramref name="negate"/> = 0) or
    /// bias - value (<paramref name="negate"/> = -1). With AVX2, eight values (bits bytes) per step: two 16-byte loads
    /// (from the group's first byte and from the byte holding value 4) form one vector, vpshufb gathers the four bytes
    /// holding each value into its 32-bit lane, and vpsrlvd / vpand drop the bits of its neighbours. The shuffle and
    /// shift tables depend only on the public width, so secret values (y, s1, s2, t0) are unpacked in constant time.
    /// The last groups, whose 16-byte loads would pass the end of the input, go through the scalar loop.
    /// </summary>
    [SkipLocalsInit]
    private static void Unpack(ReadOnlySpan<byte> input, int bias, int negate, int bits, Span<int> w)
    {
        Debug.Assert(w.Length == 256 && input.Length == 32 * bits && bits is >= 1 and <= 20 && negate is 0 or -1);
        int i = 0, pos = 0;
        if (Avx2.IsSupported && bits >= 2)
        {
            int second = 4 * bits / 8; // first byte of value 4's bits
            Span<byte> order = stackalloc byte[32];
            Span<int> shifts = stackalloc int[8];
            for (int t = 0; t < 8; t++)
            {
                int bit = t * bits - (t < 4 ? 0 : 8 * second); // value t's first bit within its half's 16 bytes
                shifts[t] = bit & 7;
                for (int k = 0; k < 4; k++) order[16 * (t >> 2) + 4 * (t & 3) + k] = (byte)((bit >> 3) + k);
            }
            Vector256<byte> gather = Vector256.Create((ReadOnlySpan<byte>)order);
            Vector256<uint> shift = Vector256.Create((ReadOnlySpan<int>)shifts).AsUInt32();
            Vector256<int> mask = Vector256.Create((1 << bits) - 1), biasVector = Vector256.Create(bias), negateVector = Vector256.Create(negate);
            for (; i < 256 && pos + second + 16 <= input.Length; i += 8, pos += bits)
            {
                Vector256<byte> bytes = Vector256.Create(Vector128.Create(input.Slice(pos, 16)), Vector128.Create(input.Slice(pos + second, 16)));
                Vector256<int> v = Avx2.ShiftRightLogicalVariable(Avx2.Shuffle(bytes, gather).AsUInt32(), shift).AsInt32() & mask;
                (biasVector + ((v ^ negateVector) - negateVector)).CopyTo(w.Slice(i, 8));
            }
        }
        ulong acc = 0;
        int held = 0;
        ulong valueMask = (1UL << bits) - 1;
        for (; i < 256; i++)
        {
            while (held < bits)
            {
                acc |= (ulong)input[pos++] << held;
                held += 8;
            }
            int value = (int)(acc & valueMask);
            w[i] = bias + ((value ^ negate) - negate);
            acc >>= bits;
            held -= bits;
        }
    }

    /// <summary>Algorithm 22 (pkEncode): rho || SimpleBitPack(t1[i], 2^10 - 1).</summary>
    internal static void EncodePublicKey(MlDsaParameters p, ReadOnlySpan<byte> rho, ReadOnlySpan<int> t1, Span<byte> pk)
    {
        rho.CopyTo(pk);
        for (int i = 0; i < p.K; i++) PackWords(t1.Slice(256 * i, 256), 0, 1, 10, pk.Slice(32 + 320 * i, 320));
    }

    /// <summary>Algorithm 23 (pkDecode), t1 part: k polynomials with coefficients in [0, 2^10).</summary>
    internal static void DecodeT1(MlDsaParameters p, ReadOnlySpan<byte> pk, Span<int> t1)
    {
        for (int i = 0; i < p.K; i++) UnpackSimple(pk.Slice(32 + 320 * i, 320), 10, t1.Slice(256 * i, 256));
    }

    /// <summary>Offsets of sk's parts (Algorithm 24): rho 0, K 32, tr 64, s1 128, then s2 and t0.</summary>
    internal static int S1Offset => 128;

    internal static int S2Offset(MlDsaParameters p) => 128 + 32 * p.EtaBits * p.L;

    internal static int T0Offset(MlDsaParameters p) => 128 + 32 * p.EtaBits * (p.L + p.K);

    /// <summary>Algorithm 24 (skEncode); rho, K and tr are written by the caller.</summary>
    internal static void EncodePrivateVectors(MlDsaParameters p, ReadOnlySpan<int> s1, ReadOnlySpan<int> s2, ReadOnlySpan<int> t0, Span<byte> sk)
    {
        int etaBytes = 32 * p.EtaBits;
        for (int i = 0; i < p.L; i++) PackWords(s1.Slice(256 * i, 256), p.Eta, -1, p.EtaBits, sk.Slice(S1Offset + etaBytes * i, etaBytes));
        int s2Offset = S2Offset(p), t0Offset = T0Offset(p);
        for (int i = 0; i < p.K; i++) PackWords(s2.Slice(256 * i, 256), p.Eta, -1, p.EtaBits, sk.Slice(s2Offset + etaBytes * i, etaBytes));
        for (int i = 0; i < p.K; i++) PackWords(t0.Slice(256 * i, 256), 1 << (D - 1), -1, D, sk.Slice(t0Offset + 416 * i, 416));
    }

    /// <summary>
    /// Algorithm 25 (skDecode) for s1, s2 and t0. Returns false when a coefficient of s1 or s2 lies outside
    /// [-eta, eta] (the outputs are then still fully written); constant time.
    /// </summary>
    internal static bool DecodePrivateVectors(MlDsaParameters p, ReadOnlySpan<byte> sk, Span<int> s1, Span<int> s2, Span<int> t0)
    {
        int etaBytes = 32 * p.EtaBits;
        int bad = 0;
        for (int i = 0; i < p.L; i++)
        {
            Span<int> poly = s1.Slice(256 * i, 256);
            UnpackCentered(sk.Slice(S1Offset + etaBytes * i, etaBytes), p.Eta, p.EtaBits, poly);
            bad |= Field.ExceedsNorm(poly, p.Eta + 1);
        }
        int s2Offset = S2Offset(p), t0Offset = T0Offset(p);
        for (int i = 0; i < p.K; i++)
        {
            Span<int> poly = s2.Slice(256 * i, 256);
            UnpackCentered(sk.Slice(s2Offset + etaBytes * i, etaBytes), p.Eta, p.EtaBits, poly);
            bad |= Field.ExceedsNorm(poly, p.Eta + 1);
        }
        for (int i = 0; i < p.K; i++) UnpackCentered(sk.Slice(t0Offset + 416 * i, 416), 1 << (D - 1), D, t0.Slice(256 * i, 256));
        return bad == 0;
    }

    /// <summary>Algorithm 28 (w1Encode): w1 coefficients in [0, (q-1)/(2 gamma2)).</summary>
    internal static void EncodeW1(MlDsaParameters p, ReadOnlySpan<int> w1, Span<byte> output)
    {
        int bytes = 32 * p.W1Bits;
        for (int i = 0; i < p.K; i++) PackSimple(w1.Slice(256 * i, 256), p.W1Bits, output.Slice(bytes * i, bytes));
    }

    /// <summary>Algorithm 26 (sigEncode): c-tilde || BitPack(z[i], gamma1 - 1, gamma1) || HintBitPack(h).</summary>
    internal static void EncodeSignature(MlDsaParameters p, ReadOnlySpan<byte> cTilde, ReadOnlySpan<int> z, ReadOnlySpan<int> h, Span<byte> sig)
    {
        int cBytes = p.CTildeSizeInBytes, zBytes = 32 * p.ZBits;
        cTilde.CopyTo(sig);
        for (int i = 0; i < p.L; i++) PackCentered(z.Slice(256 * i, 256), p.Gamma1, p.ZBits, sig.Slice(cBytes + zBytes * i, zBytes));
        // Algorithm 20 (HintBitPack): the signature is being released, so h is public here.
        Span<byte> y = sig[(cBytes + zBytes * p.L)..];
        y.Clear();
        int index = 0;
        for (int i = 0; i < p.K; i++)
        {
            for (int j = 0; j < 256; j++)
            {
                if (h[256 * i + j] != 0) y[index++] = (byte)j;
            }
            y[p.Omega + i] = (byte)index;
        }
    }

    /// <summary>
    /// Algorithm 27 (sigDecode) with Algorithm 21 (HintBitUnpack): false when the hint encoding is malformed.
    /// z is returned centered, in (-gamma1, gamma1]; h as 0/1 values.
    /// </summary>
    internal static bool DecodeSignature(MlDsaParameters p, ReadOnlySpan<byte> sig, Span<int> z, Span<int> h)
    {
        int cBytes = p.CTildeSizeInBytes, zBytes = 32 * p.ZBits;
        for (int i = 0; i < p.L; i++) UnpackCentered(sig.Slice(cBytes + zBytes * i, zBytes), p.Gamma1, p.ZBits, z.Slice(256 * i, 256));
        ReadOnlySpan<byte> y = sig[(cBytes + zBytes * p.L)..];
        h[..(256 * p.K)].Clear();
        int index = 0;
        for (int i = 0; i < p.K; i++)
        {
            int end = y[p.Omega + i];
            if (end < index || end > p.Omega) return false;
            int first = index;
            while (index < end)
            {
                if (index > first && y[index - 1] >= y[index]) return false;
                h[256 * i + y[index]] = 1;
                index++;
            }
        }
        for (int i = index; i < p.Omega; i++)
        {
            if (y[i] != 0) return false;
        }
        return true;
    }
}
