// Sampling: SampleNTT (FIPS 203, Algorithm 7) and SamplePolyCBD_eta (Algorithm 8), with XOF = SHAKE128 and
// PRF_eta(s, b) = SHAKE256(s || b, 64 eta) (section 4.1).
//
// Choices:
// - SampleNTT rejects on public data (rho and the indices come from the public key), so its branches and the
//   number of blocks squeezed leak nothing; it squeezes one 168-byte block at a time.
// - SamplePolyCBD counts bits without a table: for eta = 2 a 32-bit word gives eight coefficients, for eta = 3 a
//   24-bit word gives four; pairwise (or triple-wise) bit sums are formed with masks, then x - y per coefficient.
// - The PRF output is secret and wiped; so is the SHAKE256 state (Sha3.Shake256 clears it).
// - On the Vector256 path the matrix entries and the PRF outputs are drawn four at a time with KeccakStateX4 (one
//   4-way permutation instead of four scalar ones); a short last batch fills the spare sponges with a copy of
//   its last input and discards their output (one 4-way permutation costs less than a scalar one here).
// - On the vector paths (Vector256 and Vector128) the rejection parse runs 8 candidates at a time with SSSE3
//   shuffles (ParseVector), and CBD with eta = 2 counts bits 16 bytes at a time with SSE2 (CbdEta2Vector);
//   the scalar path keeps the scalar code.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem.Simd;

namespace NoFuture.Crypto.MlKem;

internal static unsafe class Sampling
{
    /// <summary>FIPS 203, Algorithm 7 (SampleNTT) of rho || j || i: a uniform polynomial in T_q, coefficients in [0, q).</summary>
    internal static void SampleNtt(ReadOnlySpan<byte> rho, byte j, byte i, Span<short> a) => SampleNtt(rho, j, i, a, vectorParse: false);

    /// <summary>Algorithm 7, with the SSSE3 rejection parse when <paramref name="vectorParse"/> (the vector paths).</summary>
    [SkipLocalsInit]
    private static void SampleNtt(ReadOnlySpan<byte> rho, byte j, byte i, Span<short> a, bool vectorParse)
    {
        Debug.Assert(rho.Length == 32 && a.Length == Ntt.N);
        KeccakState xof = KeccakState.Shake128();
        xof.Absorb(rho);
        ReadOnlySpan<byte> indices = [j, i];
        xof.Absorb(indices);
        Span<byte> block = stackalloc byte[KeccakState.Shake128Rate];
        int n = 0;
        while (n < Ntt.N)
        {
            xof.Squeeze(block);
            n = vectorParse ? ParseVector(block, a, n) : Parse(block, a, n);
        }
    }

    /// <summary>Algorithm 7, steps 5-13 over one XOF block: appends accepted values to a[n..]; returns the new n.</summary>
    private static int Parse(ReadOnlySpan<byte> block, Span<short> a, int n) => Parse(block, 0, a, n);

    /// <summary>
    /// <see cref="Parse(ReadOnlySpan{byte}, Span{short}, int)"/> with SSSE3: 12 bytes give 8 candidates per step
    /// (a byte shuffle forms the 16-bit words, a compare finds those below q, and a shuffle from
    /// <see cref="CompactShuffles"/> packs them to the front); the scalar loop finishes the block. The data and
    /// the accept mask are public (rho), so indexing the table by the mask leaks nothing.
    /// </summary>
    private static int ParseVector(ReadOnlySpan<byte> block, Span<short> a, int n)
    {
        if (!Ssse3.IsSupported) return Parse(block, 0, a, n);
        // Word 2t takes bytes 3t, 3t + 1 (low 12 bits); word 2t + 1 takes bytes 3t + 1, 3t + 2 (high 12 bits).
        Vector128<byte> gather = Vector128.Create((byte)0, 1, 1, 2, 3, 4, 4, 5, 6, 7, 7, 8, 9, 10, 10, 11);
        Vector128<short> odd = Vector128.Create(0, -1, 0, -1, 0, -1, 0, -1);
        Vector128<short> q = Vector128.Create((short)FieldArithmetic.Q);
        Vector128<short> low12 = Vector128.Create((short)0x0FFF);
        ReadOnlySpan<byte> table = CompactShuffles;
        int p = 0;
        // 16 bytes are loaded, 12 used; at most 8 values are stored at a[n..n + 8).
        for (; p + 16 <= block.Length && n <= Ntt.N - 8; p += 12)
        {
            Vector128<short> w = Ssse3.Shuffle(Vector128.Create(block.Slice(p, 16)), gather).AsInt16();
            w = Vector128.ConditionalSelect(odd, Vector128.ShiftRightLogical(w, 4), w & low12);
            uint accept = Vector128.LessThan(w, q).ExtractMostSignificantBits();
            Vector128<byte> packed = Ssse3.Shuffle(w.AsByte(), Vector128.Create(table.Slice((int)accept * 16, 16)));
            packed.AsInt16().CopyTo(a.Slice(n, 8));
            n += BitOperations.PopCount(accept);
        }
        return Parse(block, p, a, n);
    }

    /// <summary>For each 8-bit accept mask, the byte shuffle moving the accepted 16-bit words to the front.</summary>
    private static readonly byte[] CompactShuffles = BuildCompactShuffles();

    private static byte[] BuildCompactShuffles()
    {
        var table = new byte[256 * 16];
        for (int mask = 0; mask < 256; mask++)
        {
            int o = 0;
            for (int word = 0; word < 8; word++)
            {
                if ((mask >> word & 1) == 0) continue;
                table[mask * 16 + 2 * o] = (byte)(2 * word);
                table[mask * 16 + 2 * o + 1] = (byte)(2 * word + 1);
                o++;
            }
            for (; o < 8; o++) table[mask * 16 + 2 * o] = table[mask * 16 + 2 * o + 1] = 0x80; // zero
        }
        return table;
    }

    private static int Parse(ReadOnlySpan<byte> block, int p, Span<short> a, int n)
    {
        a = a[..Ntt.N];
        // SAFETY: reads stay below block.Length (p + 3 <= length) and writes below N: the first loop stores at
        // a[n] and a[n + 1] only while n <= N - 2, the second only while n < N.
        fixed (byte* b = block)
        fixed (short* r = a)
        {
            int length = block.Length;
            // While two more values always fit, store both candidates and advance n by the number accepted (fewer
            // branches; the data is public, so this is for speed, not for constant time).
            for (; p + 3 <= length && n <= Ntt.N - 2; p += 3)
            {
                int d1 = b[p] | ((b[p + 1] & 0x0F) << 8);
                int d2 = (b[p + 1] >> 4) | (b[p + 2] << 4);
                r[n] = (short)d1;
                n += (d1 - FieldArithmetic.Q) >>> 31;
                r[n] = (short)d2;
                n += (d2 - FieldArithmetic.Q) >>> 31;
            }
            for (; p + 3 <= length && n < Ntt.N; p += 3)
            {
                int d1 = b[p] | ((b[p + 1] & 0x0F) << 8);
                int d2 = (b[p + 1] >> 4) | (b[p + 2] << 4);
                if (d1 < FieldArithmetic.Q) r[n++] = (short)d1;
                if (d2 < FieldArithmetic.Q && n < Ntt.N) r[n++] = (short)d2;
            }
        }
        return n;
    }

    /// <summary>
    /// Algorithm 13 step 4 / Algorithm 14 step 6: all k^2 entries of A-hat (public), entry (i, j) at a[(k i + j) N]
    /// sampled from rho || j || i, or from rho || i || j when <paramref name="transpose"/> (A-hat^T).
    /// </summary>
    [SkipLocalsInit]
    internal static void SampleMatrix(MlKemPath path, ReadOnlySpan<byte> rho, int k, bool transpose, Span<short> a)
    {
        Debug.Assert(rho.Length == 32 && a.Length >= k * k * Ntt.N);
        int count = k * k, e = 0;
        if (path == MlKemPath.Vector256)
        {
            Span<short> spare = stackalloc short[Ntt.N];
            for (; e < count; e += 4)
            {
                int last = Math.Min(e + 3, count - 1);
                SampleNttX4(rho, k, transpose,
                    e, Math.Min(e + 1, last), Math.Min(e + 2, last), last,
                    a.Slice(e * Ntt.N, Ntt.N),
                    e + 1 <= last ? a.Slice((e + 1) * Ntt.N, Ntt.N) : spare,
                    e + 2 <= last ? a.Slice((e + 2) * Ntt.N, Ntt.N) : spare,
                    e + 3 <= last ? a.Slice((e + 3) * Ntt.N, Ntt.N) : spare);
            }
        }
        for (; e < count; e++)
        {
            int i = e / k, j = e % k; // public: loop counter and the parameter set
            SampleNtt(rho, (byte)(transpose ? i : j), (byte)(transpose ? j : i), a.Slice(e * Ntt.N, Ntt.N), path != MlKemPath.Scalar);
        }
    }

    [SkipLocalsInit]
    private static void SampleNttX4(ReadOnlySpan<byte> rho, int k, bool transpose, int e0, int e1, int e2, int e3,
        Span<short> a0, Span<short> a1, Span<short> a2, Span<short> a3)
    {
        const int Rate = KeccakState.Shake128Rate;
        Span<byte> inputs = stackalloc byte[4 * 34];
        Span<byte> blocks = stackalloc byte[4 * Rate];
        WriteXofInput(rho, k, transpose, e0, inputs[..34]);
        WriteXofInput(rho, k, transpose, e1, inputs.Slice(34, 34));
        WriteXofInput(rho, k, transpose, e2, inputs.Slice(68, 34));
        WriteXofInput(rho, k, transpose, e3, inputs.Slice(102, 34));
        KeccakStateX4 xof = default;
        xof.AbsorbShake(Rate, inputs[..34], inputs.Slice(34, 34), inputs.Slice(68, 34), inputs.Slice(102, 34));
        int n0 = 0, n1 = 0, n2 = 0, n3 = 0;
        while (true)
        {
            xof.ReadBlock(blocks[..Rate], blocks.Slice(Rate, Rate), blocks.Slice(2 * Rate, Rate), blocks.Slice(3 * Rate, Rate));
            n0 = ParseVector(blocks[..Rate], a0, n0);
            n1 = ParseVector(blocks.Slice(Rate, Rate), a1, n1);
            n2 = ParseVector(blocks.Slice(2 * Rate, Rate), a2, n2);
            n3 = ParseVector(blocks.Slice(3 * Rate, Rate), a3, n3);
            if (n0 == Ntt.N && n1 == Ntt.N && n2 == Ntt.N && n3 == Ntt.N) break; // public: rejection of public data
            xof.Permute();
        }
    }

    private static void WriteXofInput(ReadOnlySpan<byte> rho, int k, bool transpose, int e, Span<byte> input)
    {
        int i = e / k, j = e % k;
        rho.CopyTo(input);
        input[32] = (byte)(transpose ? i : j);
        input[33] = (byte)(transpose ? j : i);
    }

    /// <summary>SamplePolyCBD_eta(PRF_eta(s, b)) (Algorithm 8): coefficients in [-eta, eta].</summary>
    internal static void SamplePolyCbd(ReadOnlySpan<byte> s, byte b, int eta, Span<short> f) => SamplePolyCbd(s, b, eta, f, vectorCbd: false);

    /// <summary>The same, with the SSE2 bit counting for eta = 2 when <paramref name="vectorCbd"/> (the vector paths).</summary>
    private static void SamplePolyCbd(ReadOnlySpan<byte> s, byte b, int eta, Span<short> f, bool vectorCbd)
    {
        Debug.Assert(s.Length == 32 && f.Length == Ntt.N && (eta == 2 || eta == 3));
        Span<byte> prf = stackalloc byte[64 * 3];
        prf = prf[..(64 * eta)];
        try
        {
            ReadOnlySpan<byte> suffix = [b];
            Sha3.Shake256(s, suffix, prf);
            if (vectorCbd && eta == 2 && Sse2.IsSupported) CbdEta2Vector(prf, f);
            else CbdFromBytes(prf, eta, f);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prf);
        }
    }

    /// <summary>
    /// Algorithm 8 for eta = 2 with SSE2 (the vector paths): 16 bytes give 32 coefficients per step. Per byte the
    /// four 2-bit sums x0, y0, x1, y1 are formed with masks, x - y per nibble as signed bytes, then the two
    /// coefficients of each byte are interleaved and sign-extended to 16 bits. Only masks, shifts, adds and
    /// fixed shuffles: no branch or index depends on the (secret) input.
    /// </summary>
    private static void CbdEta2Vector(ReadOnlySpan<byte> prf, Span<short> f)
    {
        Debug.Assert(Sse2.IsSupported && prf.Length == 128 && f.Length == Ntt.N);
        Vector128<byte> m55 = Vector128.Create((byte)0x55), m33 = Vector128.Create((byte)0x33), m0F = Vector128.Create((byte)0x0F);
        for (int i = 0; i < 8; i++)
        {
            Vector128<byte> v = Vector128.Create(prf.Slice(16 * i, 16));
            // Bits shifted in from the next byte land in bits 7 (or 6-7, 4-7) and are masked off.
            Vector128<byte> d = (v & m55) + (Vector128.ShiftRightLogical(v.AsUInt16(), 1).AsByte() & m55);
            Vector128<byte> x = d & m33;                                                    // x0 | x1 << 4
            Vector128<byte> y = Vector128.ShiftRightLogical(d.AsUInt16(), 2).AsByte() & m33; // y0 | y1 << 4
            Vector128<sbyte> c0 = ((x & m0F) - (y & m0F)).AsSByte();                          // coefficient 2b
            Vector128<sbyte> c1 = ((Vector128.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & m0F)
                - (Vector128.ShiftRightLogical(y.AsUInt16(), 4).AsByte() & m0F)).AsSByte();  // coefficient 2b + 1
            Vector128<sbyte> lo = Sse2.UnpackLow(c0, c1), hi = Sse2.UnpackHigh(c0, c1);
            Span<short> out32 = f.Slice(32 * i, 32);
            Vector128.WidenLower(lo).CopyTo(out32);
            Vector128.WidenUpper(lo).CopyTo(out32[8..]);
            Vector128.WidenLower(hi).CopyTo(out32[16..]);
            Vector128.WidenUpper(hi).CopyTo(out32[24..]);
        }
    }

    /// <summary>Algorithm 8 (SamplePolyCBD_eta) of 64 eta bytes; coefficients in [-eta, eta].</summary>
    private static void CbdFromBytes(ReadOnlySpan<byte> prf, int eta, Span<short> f)
    {
        prf = prf[..(64 * eta)];
        f = f[..Ntt.N];
        // SAFETY: eta = 2 reads 4 bytes per 8 coefficients (128 bytes), eta = 3 reads 3 bytes per 4 coefficients
        // (192 bytes): exactly prf's 64 eta bytes; writes cover f[0 .. N).
        fixed (byte* b = prf)
        fixed (short* r = f)
        {
            if (eta == 2)
            {
                for (int i = 0; i < Ntt.N / 8; i++)
                {
                    uint t = Unsafe.ReadUnaligned<uint>(b + 4 * i);
                    if (!BitConverter.IsLittleEndian) t = BinaryPrimitives.ReverseEndianness(t);
                    uint d = (t & 0x55555555) + ((t >> 1) & 0x55555555);
                    // Coefficient j: bits 4j .. 4j + 1 minus bits 4j + 2 .. 4j + 3 of d.
                    short* o = r + 8 * i;
                    o[0] = (short)((int)(d & 3) - (int)((d >> 2) & 3));
                    o[1] = (short)((int)((d >> 4) & 3) - (int)((d >> 6) & 3));
                    o[2] = (short)((int)((d >> 8) & 3) - (int)((d >> 10) & 3));
                    o[3] = (short)((int)((d >> 12) & 3) - (int)((d >> 14) & 3));
                    o[4] = (short)((int)((d >> 16) & 3) - (int)((d >> 18) & 3));
                    o[5] = (short)((int)((d >> 20) & 3) - (int)((d >> 22) & 3));
                    o[6] = (short)((int)((d >> 24) & 3) - (int)((d >> 26) & 3));
                    o[7] = (short)((int)((d >> 28) & 3) - (int)(d >> 30));
                }
            }
            else
            {
                for (int i = 0; i < Ntt.N / 4; i++)
                {
                    uint t = b[3 * i] | ((uint)b[3 * i + 1] << 8) | ((uint)b[3 * i + 2] << 16);
                    uint d = (t & 0x249249) + ((t >> 1) & 0x249249) + ((t >> 2) & 0x249249);
                    short* o = r + 4 * i;
                    o[0] = (short)((int)(d & 7) - (int)((d >> 3) & 7));
                    o[1] = (short)((int)((d >> 6) & 7) - (int)((d >> 9) & 7));
                    o[2] = (short)((int)((d >> 12) & 7) - (int)((d >> 15) & 7));
                    o[3] = (short)((int)((d >> 18) & 7) - (int)(d >> 21));
                }
            }
        }
    }

    /// <summary>
    /// SamplePolyCBD_eta(PRF_eta(s, firstNonce + t)) into f[t N ..] for t = 0 .. count - 1 (Algorithm 13 steps
    /// 8-15, Algorithm 14 steps 9-17): the same as <see cref="SamplePolyCbd(ReadOnlySpan{byte}, byte, int, Span{short})"/> count times.
    /// </summary>
    [SkipLocalsInit]
    internal static void SamplePolyCbdBatch(MlKemPath path, ReadOnlySpan<byte> s, int firstNonce, int count, int eta, Span<short> f)
    {
        Debug.Assert(s.Length == 32 && f.Length >= count * Ntt.N && (eta == 2 || eta == 3));
        int t = 0;
        if (path == MlKemPath.Vector256)
        {
            Span<byte> inputs = stackalloc byte[4 * 33];
            Span<byte> prf = stackalloc byte[4 * 64 * 3];
            int length = 64 * eta;
            KeccakStateX4 sponge = default;
            try
            {
                for (int lane = 0; lane < 4; lane++) s.CopyTo(inputs.Slice(33 * lane, 33));
                for (; t < count; t += 4)
                {
                    int used = Math.Min(4, count - t);
                    for (int lane = 0; lane < 4; lane++) inputs[33 * lane + 32] = (byte)(firstNonce + t + Math.Min(lane, used - 1));
                    sponge.AbsorbShake(KeccakState.Shake256Rate, inputs[..33], inputs.Slice(33, 33), inputs.Slice(66, 33), inputs.Slice(99, 33));
                    // 128 bytes (eta = 2) fit one 136-byte block; 192 (eta = 3) take 136 + 56.
                    int first = Math.Min(length, KeccakState.Shake256Rate);
                    sponge.ReadBlock(prf[..first], prf.Slice(192, first), prf.Slice(384, first), prf.Slice(576, first));
                    if (length > first)
                    {
                        int rest = length - first;
                        sponge.Permute();
                        sponge.ReadBlock(prf.Slice(first, rest), prf.Slice(192 + first, rest), prf.Slice(384 + first, rest), prf.Slice(576 + first, rest));
                    }
                    for (int lane = 0; lane < used; lane++)
                    {
                        if (eta == 2 && Sse2.IsSupported) CbdEta2Vector(prf.Slice(192 * lane, length), f.Slice((t + lane) * Ntt.N, Ntt.N));
                        else CbdFromBytes(prf.Slice(192 * lane, length), eta, f.Slice((t + lane) * Ntt.N, Ntt.N));
                    }
                }
            }
            finally
            {
                sponge.Clear();
                CryptographicOperations.ZeroMemory(inputs);
                CryptographicOperations.ZeroMemory(prf);
            }
        }
        for (; t < count; t++) SamplePolyCbd(s, (byte)(firstNonce + t), eta, f.Slice(t * Ntt.N, Ntt.N), path != MlKemPath.Scalar);
    }
}
