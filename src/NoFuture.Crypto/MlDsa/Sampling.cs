// Sampling of FIPS 204, section 7.3: SampleInBall (Algorithm 29), RejNTTPoly (30), RejBoundedPoly (31), ExpandA
// (32), ExpandS (33) and ExpandMask (34), with G = SHAKE128 and H = SHAKE256 (section 3.7).
//
// Choices:
// - Each XOF is squeezed a whole block at a time (168 or 136 bytes); the byte stream is the same as the
//   specification's 3-byte or 1-byte squeezes, so the output is identical.
// - RejNTTPoly works on public data (rho from the public key) and may branch.
// - RejBoundedPoly works on secret data: each half-byte's value and acceptance are computed with arithmetic and
//   masks, and the coefficient is always written (to a slot that the next accepted value overwrites when this one
//   is rejected). Only the number of bytes squeezed depends on the secret, which is the rejection sampling FIPS 204
//   specifies. SampleInBall's swaps are done with masks over every slot (no address follows c-tilde); only its
//   number of squeezed bytes depends on c-tilde.
// - Every buffer and sponge that saw secret data is wiped in a finally block.
// - On the Vector256 path, ExpandA, ExpandS and ExpandMask run four sponges at once (KeccakStateX4); a batch with
//   fewer than four polynomials left repeats its last one into a spare buffer. The bytes are those of the scalar
//   sponges, so the polynomials are identical. Signing's ExpandMask (ExpandMaskRun) fills such a batch with the
//   indices that follow instead, which the next rejection iteration uses; ExpandA parses its candidates eight at a
//   time with AVX2 (ParseUniformAvx2); ExpandS parses whole blocks into spare room past 256 (ParseBoundedBlock), with
//   AVX-512VL's vpcompressd packing the accepted half-bytes where available (no table indexed by the secret mask).
//   Where AVX-512F is available ExpandA runs eight sponges at once instead (KeccakStateX8, ExpandAX8), same bytes.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlDsa.Simd;

namespace NoFuture.Crypto.MlDsa;

internal static class Sampling
{
    private const int Q = MlDsaParameters.Q;

    /// <summary>Algorithm 30 of rho || s || r (ExpandA entry A[r][s]): a uniform polynomial in T_q, in [0, q).</summary>
    internal static void RejNttPoly(ReadOnlySpan<byte> rho, int s, int r, Span<int> a)
    {
        Debug.Assert(rho.Length == 32 && a.Length == 256);
        Span<byte> index = [(byte)s, (byte)r];
        Span<byte> block = stackalloc byte[KeccakState.Shake128Rate];
        KeccakState g = KeccakState.Shake128();
        g.Absorb(rho);
        g.Absorb(index);
        int j = 0;
        while (j < 256)
        {
            g.Squeeze(block);
            j = ParseUniform(block, a, j);
        }
    }

    /// <summary>Algorithm 30 steps 4-10 over one block: appends accepted 23-bit candidates to a from index j.</summary>
    private static int ParseUniform(ReadOnlySpan<byte> block, Span<int> a, int j)
    {
        for (int i = 0; i + 3 <= block.Length && j < 256; i += 3)
        {
            int candidate = block[i] | (block[i + 1] << 8) | ((block[i + 2] & 0x7F) << 16); // Algorithm 14
            if (candidate < Q) a[j++] = candidate;
        }
        return j;
    }

    /// <summary>
    /// <see cref="ParseUniform"/> over the first <paramref name="length"/> bytes of <paramref name="block"/>, eight
    /// candidates at a time: one 32-byte load, the 24 bytes of eight candidates spread to eight 32-bit lanes (vpermd,
    /// then vpshufb within each 128-bit half), masked to 23 bits and stored at once when all are below q; a group with
    /// a rejected candidate (probability about 0.8 %) and the tail go through the scalar parser. Bytes past
    /// <paramref name="length"/> (callers leave 8) may be loaded but are never parsed, so every 24-byte group of a
    /// 168-byte block takes the vector step. Same output as ParseUniform; the data is public (rho), so branching on it
    /// is fine.
    /// </summary>
    internal static int ParseUniformAvx2(ReadOnlySpan<byte> block, int length, Span<int> a, int j)
    {
        Debug.Assert(a.Length == 256 && length <= block.Length);
        if (!Avx2.IsSupported) return ParseUniform(block[..length], a, j);
        Vector256<int> spread = Vector256.Create(0, 1, 2, 0, 3, 4, 5, 0);
        Vector256<byte> gather = Vector256.Create(
            (byte)0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80,
            0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80);
        Vector256<int> low23 = Vector256.Create(0x7FFFFF), q = Vector256.Create(Q);
        int i = 0;
        while (i + 24 <= length && i + 32 <= block.Length && j + 8 <= 256)
        {
            Vector256<int> raw = Vector256.Create(block.Slice(i, 32)).AsInt32();
            Vector256<int> v = Avx2.Shuffle(Avx2.PermuteVar8x32(raw, spread).AsByte(), gather).AsInt32() & low23;
            if (Vector256.LessThanAll(v, q))
            {
                v.CopyTo(a.Slice(j, 8));
                j += 8;
            }
            else
            {
                j = ParseUniform(block.Slice(i, 24), a, j); // j + 8 <= 256, so all eight are examined
            }
            i += 24;
        }
        return ParseUniform(block[i..length], a, j);
    }

    /// <summary>Algorithm 32, one row: A[r][0..l-1] into <paramref name="row"/> (l polynomials).</summary>
    internal static void ExpandARow(MlDsaParameters p, ReadOnlySpan<byte> rho, int r, Span<int> row)
    {
        for (int s = 0; s < p.L; s++) RejNttPoly(rho, s, r, row.Slice(256 * s, 256));
    }

    /// <summary>Algorithm 32: the whole k x l matrix, row-major (k l polynomials).</summary>
    internal static void ExpandA(MlDsaParameters p, ReadOnlySpan<byte> rho, Span<int> aHat)
    {
        for (int r = 0; r < p.K; r++) ExpandARow(p, rho, r, aHat.Slice(256 * p.L * r, 256 * p.L));
    }

    /// <summary>Algorithm 31 of rho' || IntegerToBytes(index, 2): coefficients in [-eta, eta].</summary>
    internal static void RejBoundedPoly(MlDsaParameters p, ReadOnlySpan<byte> rhoPrime, int index, Span<int> a)
    {
        Debug.Assert(rhoPrime.Length == 64 && a.Length == 256);
        Span<byte> suffix = [(byte)index, (byte)(index >> 8)];
        Span<byte> block = stackalloc byte[KeccakState.Shake256Rate];
        KeccakState h = KeccakState.Shake256();
        try
        {
            h.Absorb(rhoPrime);
            h.Absorb(suffix);
            int j = 0;
            bool eta2 = p.Eta == 2; // public
            while (j < 256)
            {
                h.Squeeze(block);
                j = ParseBounded(block, eta2, a, j);
            }
        }
        finally
        {
            h.Clear();
            CryptographicOperations.ZeroMemory(block);
        }
    }

    /// <summary>Algorithm 31 steps 4-15 over one block: appends accepted coefficients to a from index j.</summary>
    private static int ParseBounded(ReadOnlySpan<byte> block, bool eta2, Span<int> a, int j)
    {
        for (int i = 0; i < block.Length && j < 256; i++)
        {
            int z0 = block[i] & 15, z1 = block[i] >> 4;
            j += CoeffFromHalfByte(z0, eta2, a, j);
            if (j < 256) j += CoeffFromHalfByte(z1, eta2, a, j);
        }
        return j;
    }

    /// <summary>
    /// Algorithm 15 (CoeffFromHalfByte): writes the candidate to a[j] and returns 1 when b is accepted, else 0.
    /// No branch on b: for eta = 2, b mod 5 = b - 5 floor(205 b / 1024) for b &lt; 16.
    /// </summary>
    private static int CoeffFromHalfByte(int b, bool eta2, Span<int> a, int j)
    {
        int value, accept;
        if (eta2)
        {
            value = 2 - (b - 5 * ((b * 205) >> 10));
            accept = ((b - 15) >> 31) & 1;
        }
        else
        {
            value = 4 - b;
            accept = ((b - 9) >> 31) & 1;
        }
        a[j] = value;
        return accept;
    }

    /// <summary>Algorithm 33: s1 (l polynomials) and s2 (k polynomials), coefficients in [-eta, eta].</summary>
    internal static void ExpandS(MlDsaParameters p, ReadOnlySpan<byte> rhoPrime, Span<int> s1, Span<int> s2)
    {
        for (int r = 0; r < p.L; r++) RejBoundedPoly(p, rhoPrime, r, s1.Slice(256 * r, 256));
        for (int r = 0; r < p.K; r++) RejBoundedPoly(p, rhoPrime, r + p.L, s2.Slice(256 * r, 256));
    }

    /// <summary>Algorithm 34: y (l polynomials), coefficients in (-gamma1, gamma1].</summary>
    internal static void ExpandMask(MlDsaParameters p, ReadOnlySpan<byte> rhoPrimePrime, int kappa, Span<int> y)
    {
        Debug.Assert(rhoPrimePrime.Length == 64);
        int bytes = 32 * p.ZBits;
        Span<byte> v = stackalloc byte[32 * 20];
        v = v[..bytes];
        Span<byte> suffix = stackalloc byte[2];
        try
        {
            for (int r = 0; r < p.L; r++)
            {
                int mu = kappa + r;
                suffix[0] = (byte)mu;
                suffix[1] = (byte)(mu >> 8);
                KeccakState h = KeccakState.Shake256();
                try
                {
                    h.Absorb(rhoPrimePrime);
                    h.Absorb(suffix);
                    h.Squeeze(v);
                }
                finally
                {
                    h.Clear();
                }
                Packing.UnpackCentered(v, p.Gamma1, p.ZBits, y.Slice(256 * r, 256));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(v);
        }
    }

    /// <summary>All ones when a == b, else 0 (for 0 &lt;= a, b &lt; 2^16), without a branch.</summary>
    private static int EqualMask(int a, int b) => ((a ^ b) - 1) >> 31;

    /// <summary>Algorithm 29: c with tau coefficients in {-1, 1} and the rest 0, from c-tilde (lambda/4 bytes).</summary>
    internal static void SampleInBall(MlDsaParameters p, ReadOnlySpan<byte> cTilde, Span<int> c) =>
        SampleInBall(p, MlDsaPath.Scalar, cTilde, c);

    /// <summary>Algorithm 29 with the masked swaps computed on the given path (same output on every path).</summary>
    internal static void SampleInBall(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> cTilde, Span<int> c)
    {
        Debug.Assert(cTilde.Length == p.CTildeSizeInBytes && c.Length == 256);
        Span<byte> block = stackalloc byte[KeccakState.Shake256Rate];
        KeccakState h = KeccakState.Shake256();
        try
        {
            c.Clear();
            h.Absorb(cTilde);
            h.Squeeze(block);
            ulong signs = 0;
            for (int i = 0; i < 8; i++) signs |= (ulong)block[i] << (8 * i);
            int offset = 8;
            for (int i = 256 - p.Tau; i < 256; i++)
            {
                int j;
                do
                {
                    if (offset == block.Length)
                    {
                        h.Squeeze(block);
                        offset = 0;
                    }
                    j = block[offset++];
                }
                while (j > i);
                // c_i = c_j; c_j = (-1)^h: done over every slot up to i with masks, so the memory addresses do not
                // follow j (c-tilde of a rejected iteration is never released).
                int sign = 1 - 2 * (int)(signs & 1);
                signs >>= 1;
                int cj;
                if (path == MlDsaPath.Vector256) cj = PolyVector256.SwapIn(c, i, j, sign);
                else if (path == MlDsaPath.Vector128) cj = PolyVector128.SwapIn(c, i, j, sign);
                else
                {
                    cj = 0;
                    for (int k = 0; k < i; k++) cj |= c[k] & EqualMask(k, j);
                    for (int k = 0; k < i; k++) c[k] ^= (c[k] ^ sign) & EqualMask(k, j);
                }
                c[i] = cj;
                c[i] ^= (c[i] ^ sign) & EqualMask(i, j);
            }
        }
        finally
        {
            h.Clear();
            CryptographicOperations.ZeroMemory(block);
        }
    }

    /// <summary>Algorithm 32 on the given path: the whole k x l matrix, row-major.</summary>
    internal static void ExpandA(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> rho, Span<int> aHat) =>
        ExpandA(p, path, rho, aHat, eightWay: KeccakStateX8.IsSupported);

    /// <summary>
    /// Algorithm 32 on the given path; on the Vector256 path, <paramref name="eightWay"/> picks the eight-way sponges
    /// (needs AVX-512F) over the four-way ones (tests run both).
    /// </summary>
    [SkipLocalsInit]
    internal static void ExpandA(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> rho, Span<int> aHat, bool eightWay)
    {
        if (path != MlDsaPath.Vector256)
        {
            ExpandA(p, rho, aHat);
            return;
        }
        if (eightWay)
        {
            ExpandAX8(p, rho, aHat);
            return;
        }
        const int Rate = KeccakState.Shake128Rate, Slack = 8; // room for the last 32-byte load
        int count = p.K * p.L;
        Span<int> spare = stackalloc int[256];
        Span<byte> inputs = stackalloc byte[4 * 34];
        Span<byte> blocks = stackalloc byte[4 * Rate + Slack];
        for (int e = 0; e < count; e += 4)
        {
            for (int lane = 0; lane < 4; lane++)
            {
                int entry = Math.Min(e + lane, count - 1); // public: loop counters
                Span<byte> input = inputs.Slice(34 * lane, 34);
                rho.CopyTo(input);
                input[32] = (byte)(entry % p.L); // s
                input[33] = (byte)(entry / p.L); // r
            }
            Span<int> a0 = aHat.Slice(256 * e, 256);
            Span<int> a1 = e + 1 < count ? aHat.Slice(256 * (e + 1), 256) : spare;
            Span<int> a2 = e + 2 < count ? aHat.Slice(256 * (e + 2), 256) : spare;
            Span<int> a3 = e + 3 < count ? aHat.Slice(256 * (e + 3), 256) : spare;
            KeccakStateX4 xof = default;
            xof.AbsorbShake(Rate, inputs[..34], inputs.Slice(34, 34), inputs.Slice(68, 34), inputs.Slice(102, 34));
            int n0 = 0, n1 = 0, n2 = 0, n3 = 0;
            while (true)
            {
                xof.ReadBlock(blocks[..Rate], blocks.Slice(Rate, Rate), blocks.Slice(2 * Rate, Rate), blocks.Slice(3 * Rate, Rate));
                n0 = ParseUniformAvx2(blocks.Slice(0 * Rate, Rate + Slack), Rate, a0, n0);
                n1 = ParseUniformAvx2(blocks.Slice(1 * Rate, Rate + Slack), Rate, a1, n1);
                n2 = ParseUniformAvx2(blocks.Slice(2 * Rate, Rate + Slack), Rate, a2, n2);
                n3 = ParseUniformAvx2(blocks.Slice(3 * Rate, Rate + Slack), Rate, a3, n3);
                if ((n0 & n1 & n2 & n3) == 256) break; // public data; each n is at most 256
                xof.Permute();
            }
        }
    }

    /// <summary>
    /// The Vector256 path's ExpandA with eight SHAKE128 sponges at a time (KeccakStateX8, AVX-512F): entries e .. e + 7
    /// per batch, the last batch repeating its last entry into a spare buffer; the same bytes as the four-way path.
    /// </summary>
    [SkipLocalsInit]
    private static void ExpandAX8(MlDsaParameters p, ReadOnlySpan<byte> rho, Span<int> aHat)
    {
        const int Rate = KeccakState.Shake128Rate, Ways = KeccakStateX8.Ways, Slack = 8; // room for the last 32-byte load
        int count = p.K * p.L;
        Span<int> spare = stackalloc int[256];
        Span<ushort> suffixes = stackalloc ushort[Ways];
        Span<byte> blocks = stackalloc byte[Ways * Rate + Slack];
        Span<int> filled = stackalloc int[Ways];
        for (int e = 0; e < count; e += Ways)
        {
            for (int lane = 0; lane < Ways; lane++)
            {
                int entry = Math.Min(e + lane, count - 1); // public: loop counters
                suffixes[lane] = (ushort)(entry % p.L | (entry / p.L) << 8); // s, then r
            }
            KeccakStateX8 xof = default;
            xof.AbsorbShake(Rate, rho, suffixes);
            filled.Clear();
            while (true)
            {
                xof.ReadBlock(blocks, Rate, Rate);
                int done = 0;
                for (int lane = 0; lane < Ways; lane++)
                {
                    Span<int> target = e + lane < count ? aHat.Slice(256 * (e + lane), 256) : spare;
                    filled[lane] = ParseUniformAvx2(blocks.Slice(lane * Rate, Rate + Slack), Rate, target, filled[lane]);
                    done += filled[lane] >> 8; // public data; 1 when the entry is complete
                }
                if (done == Ways) break;
                xof.Permute();
            }
        }
    }

    /// <summary>Algorithm 33 on the given path: s1 (l polynomials) and s2 (k polynomials).</summary>
    [SkipLocalsInit]
    internal static void ExpandS(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> rhoPrime, Span<int> s1, Span<int> s2)
    {
        if (path != MlDsaPath.Vector256)
        {
            ExpandS(p, rhoPrime, s1, s2);
            return;
        }
        const int Rate = KeccakState.Shake256Rate, Room = 256 + 2 * Rate + 8; // a block adds at most 2 Rate candidates
        int l = p.L, count = p.L + p.K;
        bool eta2 = p.Eta == 2; // public
        Span<int> candidates = stackalloc int[4 * Room];
        Span<byte> inputs = stackalloc byte[4 * 66];
        Span<byte> blocks = stackalloc byte[4 * Rate];
        KeccakStateX4 h = default;
        try
        {
            for (int e = 0; e < count; e += 4)
            {
                for (int lane = 0; lane < 4; lane++)
                {
                    int index = Math.Min(e + lane, count - 1);
                    Span<byte> input = inputs.Slice(66 * lane, 66);
                    rhoPrime.CopyTo(input);
                    input[64] = (byte)index;
                    input[65] = (byte)(index >> 8);
                }
                h.AbsorbShake(Rate, inputs[..66], inputs.Slice(66, 66), inputs.Slice(132, 66), inputs.Slice(198, 66));
                int n0 = 0, n1 = 0, n2 = 0, n3 = 0;
                while (true)
                {
                    h.ReadBlock(blocks[..Rate], blocks.Slice(Rate, Rate), blocks.Slice(2 * Rate, Rate), blocks.Slice(3 * Rate, Rate));
                    n0 = ParseBoundedBlock(blocks[..Rate], eta2, candidates[..Room], n0);
                    n1 = ParseBoundedBlock(blocks.Slice(Rate, Rate), eta2, candidates.Slice(Room, Room), n1);
                    n2 = ParseBoundedBlock(blocks.Slice(2 * Rate, Rate), eta2, candidates.Slice(2 * Room, Room), n2);
                    n3 = ParseBoundedBlock(blocks.Slice(3 * Rate, Rate), eta2, candidates.Slice(3 * Room, Room), n3);
                    if (Math.Min(Math.Min(n0, n1), Math.Min(n2, n3)) >= 256) break; // the rejection count FIPS 204 permits to leak
                    h.Permute();
                }
                for (int lane = 0; lane < 4 && e + lane < count; lane++)
                    candidates.Slice(lane * Room, 256).CopyTo(Poly(s1, s2, l, e + lane));
            }
        }
        finally
        {
            h.Clear();
            CryptographicOperations.ZeroMemory(inputs);
            CryptographicOperations.ZeroMemory(blocks);
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(candidates));
        }
    }

    /// <summary>
    /// <see cref="ParseBounded"/> over a whole block without stopping at 256: the candidates of all 2 Rate half-bytes go
    /// to <paramref name="candidates"/> from index j (j &lt; 256 on entry, so they fit in 256 + 2 Rate slots); the first
    /// 256 accepted are the polynomial (later ones are discarded, as Algorithm 31 never reads them). The writes skip
    /// the bounds checks of the per-half-byte loop: the slot written is below j + 2 Rate, checked once here.
    /// </summary>
    private static int ParseBoundedBlock(ReadOnlySpan<byte> block, bool eta2, Span<int> candidates, int j)
    {
        if (j >= 256) return j; // this lane is complete (public: the rejection count)
        // SAFETY: every write below is at an index < j + 2 block.Length + 8 <= candidates.Length, checked here.
        if (candidates.Length < j + 2 * block.Length + 8) CryptoThrowHelper.TooSmall(nameof(candidates), (j + 2 * block.Length + 8) * sizeof(int));
        ref int slot = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(candidates);
        if (Avx512F.VL.IsSupported && block.Length % 8 == 0)
        {
            // Sixteen half-bytes per step: vpshufb spreads bytes 0-3 (then 4-7) of eight to the lanes in the order
            // z0, z1 of byte 0, z0, z1 of byte 1, ...; vpsrlvd and a mask give the half-bytes; the values and the
            // acceptance mask are computed on all lanes, vpcompressd packs the accepted values to the front (no table
            // indexed by the secret mask) and the eight-lane store is overwritten from j + popcount on.
            Vector256<byte> first = Vector256.Create((byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0);
            Vector256<byte> second = first + Vector256.Create((byte)4);
            Vector256<byte> zeroHigh = Vector256.Create(0x0000_00FF).AsByte(); // the shuffles' high bytes read byte 0 (or 4): masked off
            Vector256<uint> halves = Vector256.Create(0u, 4, 0, 4, 0, 4, 0, 4);
            Vector256<int> fifteen = Vector256.Create(15), limit = Vector256.Create(eta2 ? 15 : 9), eta = Vector256.Create(eta2 ? 2 : 4);
            for (int i = 0; i < block.Length; i += 8)
            {
                Vector256<byte> bytes = Vector256.Create(Vector128.CreateScalar(BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(i, 8))).AsByte());
                for (int part = 0; part < 2; part++)
                {
                    Vector256<byte> spread = Avx2.Shuffle(bytes, part == 0 ? first : second) & zeroHigh;
                    Vector256<int> z = Avx2.ShiftRightLogicalVariable(spread.AsUInt32(), halves).AsInt32() & fifteen;
                    // eta = 2: z mod 5 = z - 5 floor(205 z / 1024) (z < 16); eta = 4: z itself.
                    Vector256<int> value = eta2 ? eta - (z - Vector256.Create(5) * ((z * Vector256.Create(205)) >> 10)) : eta - z;
                    Vector256<int> accept = Vector256.LessThan(z, limit);
                    Avx512F.VL.Compress(Vector256<int>.Zero, accept, value).StoreUnsafe(ref slot, (nuint)j);
                    j += BitOperations.PopCount(accept.ExtractMostSignificantBits());
                }
            }
            return j;
        }
        foreach (byte b in block)
        {
            int z0 = b & 15, z1 = b >> 4;
            if (eta2)
            {
                Unsafe.Add(ref slot, j) = 2 - (z0 - 5 * ((z0 * 205) >> 10));
                j += ((z0 - 15) >> 31) & 1;
                Unsafe.Add(ref slot, j) = 2 - (z1 - 5 * ((z1 * 205) >> 10));
                j += ((z1 - 15) >> 31) & 1;
            }
            else
            {
                Unsafe.Add(ref slot, j) = 4 - z0;
                j += ((z0 - 9) >> 31) & 1;
                Unsafe.Add(ref slot, j) = 4 - z1;
                j += ((z1 - 9) >> 31) & 1;
            }
        }
        return j;
    }

    private static Span<int> Poly(Span<int> s1, Span<int> s2, int l, int index) =>
        index < l ? s1.Slice(256 * index, 256) : s2.Slice(256 * (index - l), 256);

    /// <summary>
    /// Algorithm 34's polynomials for the consecutive indices <paramref name="first"/> .. first + count - 1 into
    /// <paramref name="polys"/> (count polynomials). On the Vector256 path the last batch of four sponges is filled
    /// with the indices that follow, whose polynomials go to <paramref name="extra"/> (room for 3); returns how many
    /// it wrote there (0 on the other paths). Signing keeps them for its next rejection iteration, whose kappa starts
    /// right after this one's indices, so an iteration of ML-DSA-65 or -87 does not leave sponge lanes idle.
    /// </summary>
    internal static int ExpandMaskRun(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> rhoPrimePrime, int first, Span<int> polys, Span<int> extra)
    {
        Debug.Assert(rhoPrimePrime.Length == 64 && polys.Length % 256 == 0 && extra.Length >= 3 * 256);
        int count = polys.Length / 256;
        const int Rate = KeccakState.Shake256Rate, Blocks = 5; // 5 * 136 >= 32 * 20
        int bytes = 32 * p.ZBits;
        if (path != MlDsaPath.Vector256)
        {
            Span<byte> one = stackalloc byte[32 * 20];
            one = one[..bytes];
            Span<byte> suffix = stackalloc byte[2];
            try
            {
                for (int r = 0; r < count; r++)
                {
                    int index = first + r;
                    suffix[0] = (byte)index;
                    suffix[1] = (byte)(index >> 8);
                    KeccakState h1 = KeccakState.Shake256();
                    try
                    {
                        h1.Absorb(rhoPrimePrime);
                        h1.Absorb(suffix);
                        h1.Squeeze(one);
                    }
                    finally
                    {
                        h1.Clear();
                    }
                    Packing.UnpackCentered(one, p.Gamma1, p.ZBits, polys.Slice(256 * r, 256));
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(one);
            }
            return 0;
        }
        Span<byte> inputs = stackalloc byte[4 * 66];
        Span<byte> v = stackalloc byte[4 * Blocks * Rate];
        KeccakStateX4 h = default;
        int extraCount = 0;
        try
        {
            for (int e = 0; e < count; e += 4)
            {
                for (int lane = 0; lane < 4; lane++)
                {
                    int index = first + e + lane;
                    Span<byte> input = inputs.Slice(66 * lane, 66);
                    rhoPrimePrime.CopyTo(input);
                    input[64] = (byte)index;
                    input[65] = (byte)(index >> 8);
                }
                h.AbsorbShake(Rate, inputs[..66], inputs.Slice(66, 66), inputs.Slice(132, 66), inputs.Slice(198, 66));
                for (int b = 0; b < Blocks; b++)
                {
                    if (b > 0) h.Permute();
                    int o = b * Rate, stride = Blocks * Rate;
                    h.ReadBlock(v.Slice(o, Rate), v.Slice(stride + o, Rate), v.Slice(2 * stride + o, Rate), v.Slice(3 * stride + o, Rate));
                }
                for (int lane = 0; lane < 4; lane++)
                {
                    int r = e + lane;
                    Span<int> target = r < count ? polys.Slice(256 * r, 256) : extra.Slice(256 * extraCount++, 256);
                    Packing.UnpackCentered(v.Slice(lane * Blocks * Rate, bytes), p.Gamma1, p.ZBits, target);
                }
            }
            return extraCount;
        }
        finally
        {
            h.Clear();
            CryptographicOperations.ZeroMemory(inputs);
            CryptographicOperations.ZeroMemory(v);
        }
    }
}
