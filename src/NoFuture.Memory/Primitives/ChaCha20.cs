// ChaCha20 stream cipher: RFC 8439, sections 2.1-2.4 (the IETF variant: 32-bit block counter, 96-bit nonce).
// HChaCha20: draft-irtf-cfrg-xchacha-03, section 2.2 (subkey derivation for XChaCha20).
// Sizes: key 32 bytes, nonce 12 bytes (HChaCha20: 16), block 64 bytes, 20 rounds (10 double rounds).
//
// Choices:
// - Key stream is produced two blocks at a time (counter, counter + 1). The AEAD needs block 0 for the Poly1305
//   key and block 1 for the first 64 bytes of text, so sealing or opening a short message costs one call.
// - SIMD: one row of the 4x4 state per vector (a = constants, b and c = key, d = counter || nonce). The diagonal
//   round rotates the lanes of rows b, c, d by 1, 2, 3 so that it becomes a column round, then rotates them back.
//   With Vector256 (AVX2) both blocks share each register, one per 128-bit lane. With Vector128 only (SSSE3,
//   AdvSimd) the two blocks run as two interleaved dependency chains. Either way the rounds are latency-bound,
//   so the second block costs little more than the first.
// - Rotations by 16 and 8 are byte shuffles; by 12 and 7 they are VPROLD with AVX-512VL, else shift-shift-or.
// - Scalar path (uint locals, BitOperations.RotateLeft) when Vector128 is not accelerated or the platform is
//   big-endian. Tests check that all three paths agree.
// - Constant time: only additions, XORs and fixed rotations; no table, no branch or index that depends on
//   key, nonce or text. Lengths and the counter are public.
// - The counter wraps modulo 2^32 without carrying into the nonce (RFC 8439, section 2.3). Span lengths keep
//   the AEAD far below the wrap: it starts at counter 1 and a span holds fewer than 2^25 blocks.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace NoFuture.Memory.Primitives;

internal static class ChaCha20
{
    internal const int KeySize = 32, NonceSize = 12, BlockSize = 64;
    internal const int HChaCha20NonceSize = 16, HChaCha20OutputSize = 32;

    // RFC 8439, section 2.3: "expand 32-byte k" as four little-endian words.
    private const uint Sigma0 = 0x61707865, Sigma1 = 0x3320646e, Sigma2 = 0x79622d32, Sigma3 = 0x6b206574;

    // JIT-time constants: the untaken paths are removed.
    private static bool UseVector256 => Vector256.IsHardwareAccelerated && BitConverter.IsLittleEndian;
    private static bool UseVector128 => Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian;

    // RFC 8439, section 2.3, the ChaCha20 block function, for one block.
    internal static void Block(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, uint counter, Span<byte> keyStream)
    {
        Debug.Assert(keyStream.Length == BlockSize);
        Span<byte> twoBlocks = stackalloc byte[2 * BlockSize];
        try
        {
            TwoBlocks(key, nonce, counter, twoBlocks);
            twoBlocks[..BlockSize].CopyTo(keyStream);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(twoBlocks);
        }
    }

    // RFC 8439, section 2.3, the ChaCha20 block function, for blocks counter and counter + 1, written one after
    // the other into keyStream (128 bytes).
    internal static void TwoBlocks(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, uint counter, Span<byte> keyStream)
    {
        Debug.Assert(key.Length == KeySize);
        Debug.Assert(nonce.Length == NonceSize);
        Debug.Assert(keyStream.Length == 2 * BlockSize);
        if (UseVector256) TwoBlocksVector256(key, nonce, counter, keyStream);
        else if (UseVector128) TwoBlocksVector128(key, nonce, counter, keyStream);
        else TwoBlocksScalar(key, nonce, counter, keyStream);
    }

    // RFC 8439, section 2.4, the ChaCha20 encryption algorithm: output = input XOR key stream, starting at block
    // counter. Decryption is the same operation. output may be input itself, but must not overlap it otherwise.
    internal static void Xor(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, uint counter, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Debug.Assert(input.Length == output.Length);
        Debug.Assert(!input.Overlaps(output, out int offset) || offset == 0);
        Span<byte> keyStream = stackalloc byte[2 * BlockSize];
        try
        {
            while (!input.IsEmpty)
            {
                TwoBlocks(key, nonce, counter, keyStream);
                counter += 2;
                int n = Math.Min(input.Length, keyStream.Length);
                XorBytes(input[..n], keyStream[..n], output[..n]);
                input = input[n..];
                output = output[n..];
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyStream);
        }
    }

    // output[i] = input[i] XOR keyStream[i]. output may be input itself: each chunk is read before it is written.
    internal static void XorBytes(ReadOnlySpan<byte> input, ReadOnlySpan<byte> keyStream, Span<byte> output)
    {
        Debug.Assert(input.Length == output.Length && keyStream.Length >= input.Length);
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 16 <= input.Length; i += 16)
                (Vector128.Create(input.Slice(i, 16)) ^ Vector128.Create(keyStream.Slice(i, 16))).CopyTo(output[i..]);
        }
        for (; i + 8 <= input.Length; i += 8)
            BinaryPrimitives.WriteUInt64LittleEndian(output[i..],
                BinaryPrimitives.ReadUInt64LittleEndian(input[i..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(keyStream[i..]));
        for (; i < input.Length; i++)
            output[i] = (byte)(input[i] ^ keyStream[i]);
    }

    // draft-irtf-cfrg-xchacha-03, section 2.2, HChaCha20: the ChaCha20 state set up with the 16-byte nonce in
    // place of counter || nonce, 20 rounds without the final addition, then the first and last rows (words 0-3
    // and 12-15) serialised little-endian as the 32-byte subkey.
    internal static void HChaCha20(ReadOnlySpan<byte> key32, ReadOnlySpan<byte> nonce16, Span<byte> output32)
    {
        Debug.Assert(key32.Length == KeySize);
        Debug.Assert(nonce16.Length == HChaCha20NonceSize);
        Debug.Assert(output32.Length == HChaCha20OutputSize);
        if (UseVector128) HChaCha20Vector128(key32, nonce16, output32);
        else HChaCha20Scalar(key32, nonce16, output32);
    }

    // ---- SIMD paths -------------------------------------------------------------------------------------------

    // Vector256 (AVX2): the two blocks share each register, block counter in the low 128-bit lane and counter + 1
    // in the high one. Every shuffle stays inside its lane, so this is the Vector128 algorithm on both blocks with
    // half the instructions, which matters because the rounds also compete for the shuffle ports.
    // Internal (not private), like the other paths, so that tests can check each one on any machine.
    internal static void TwoBlocksVector256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, uint counter, Span<byte> keyStream)
    {
        Debug.Assert(BitConverter.IsLittleEndian);
        Vector128<uint> sigma = Vector128.Create(Sigma0, Sigma1, Sigma2, Sigma3);
        Vector128<uint> k0 = Vector128.Create(key[..16]).AsUInt32();
        Vector128<uint> k1 = Vector128.Create(key.Slice(16, 16)).AsUInt32();
        Vector128<uint> d0 = Vector128.Create(counter,
            BinaryPrimitives.ReadUInt32LittleEndian(nonce),
            BinaryPrimitives.ReadUInt32LittleEndian(nonce[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(nonce[8..]));
        Vector256<uint> a = Vector256.Create(sigma, sigma);
        Vector256<uint> b = Vector256.Create(k0, k0);
        Vector256<uint> c = Vector256.Create(k1, k1);
        Vector256<uint> d = Vector256.Create(d0, d0 + Vector128.CreateScalar(1u));

        Vector256<uint> xa = a, xb = b, xc = c, xd = d;
        for (int i = 0; i < 10; i++)
            DoubleRound(ref xa, ref xb, ref xc, ref xd);
        xa += a;
        xb += b;
        xc += c;
        xd += d;

        xa.GetLower().AsByte().CopyTo(keyStream);
        xb.GetLower().AsByte().CopyTo(keyStream[16..]);
        xc.GetLower().AsByte().CopyTo(keyStream[32..]);
        xd.GetLower().AsByte().CopyTo(keyStream[48..]);
        xa.GetUpper().AsByte().CopyTo(keyStream[64..]);
        xb.GetUpper().AsByte().CopyTo(keyStream[80..]);
        xc.GetUpper().AsByte().CopyTo(keyStream[96..]);
        xd.GetUpper().AsByte().CopyTo(keyStream[112..]);
    }

    // As the Vector128 DoubleRound below, in each 128-bit lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DoubleRound(ref Vector256<uint> a, ref Vector256<uint> b, ref Vector256<uint> c, ref Vector256<uint> d)
    {
        QuarterRound(ref a, ref b, ref c, ref d);
        b = Vector256.Shuffle(b, Vector256.Create(1u, 2, 3, 0, 5, 6, 7, 4));
        c = Vector256.Shuffle(c, Vector256.Create(2u, 3, 0, 1, 6, 7, 4, 5));
        d = Vector256.Shuffle(d, Vector256.Create(3u, 0, 1, 2, 7, 4, 5, 6));
        QuarterRound(ref a, ref b, ref c, ref d);
        b = Vector256.Shuffle(b, Vector256.Create(3u, 0, 1, 2, 7, 4, 5, 6));
        c = Vector256.Shuffle(c, Vector256.Create(2u, 3, 0, 1, 6, 7, 4, 5));
        d = Vector256.Shuffle(d, Vector256.Create(1u, 2, 3, 0, 5, 6, 7, 4));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void QuarterRound(ref Vector256<uint> a, ref Vector256<uint> b, ref Vector256<uint> c, ref Vector256<uint> d)
    {
        a += b; d = RotateLeft16(d ^ a);
        c += d; b = RotateLeft(b ^ c, 12);
        a += b; d = RotateLeft8(d ^ a);
        c += d; b = RotateLeft(b ^ c, 7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> RotateLeft(Vector256<uint> x, [ConstantExpected(Min = 1, Max = 31)] byte n) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(x, n) : (x << n) | (x >>> (32 - n));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> RotateLeft16(Vector256<uint> x) =>
        Vector256.Shuffle(x.AsByte(), Vector256.Create((byte)2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,
            18, 19, 16, 17, 22, 23, 20, 21, 26, 27, 24, 25, 30, 31, 28, 29)).AsUInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> RotateLeft8(Vector256<uint> x) =>
        Vector256.Shuffle(x.AsByte(), Vector256.Create((byte)3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,
            19, 16, 17, 18, 23, 20, 21, 22, 27, 24, 25, 26, 31, 28, 29, 30)).AsUInt32();

    // Vector128 (SSSE3, AdvSimd): one state per block, the two blocks interleaved.

    internal static void TwoBlocksVector128(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, uint counter, Span<byte> keyStream)
    {
        Debug.Assert(BitConverter.IsLittleEndian);
        Vector128<uint> a = Vector128.Create(Sigma0, Sigma1, Sigma2, Sigma3);
        Vector128<uint> b = Vector128.Create(key[..16]).AsUInt32();
        Vector128<uint> c = Vector128.Create(key.Slice(16, 16)).AsUInt32();
        Vector128<uint> d0 = Vector128.Create(counter,
            BinaryPrimitives.ReadUInt32LittleEndian(nonce),
            BinaryPrimitives.ReadUInt32LittleEndian(nonce[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(nonce[8..]));
        Vector128<uint> d1 = d0 + Vector128.CreateScalar(1u);

        Vector128<uint> a0 = a, b0 = b, c0 = c, x0 = d0;
        Vector128<uint> a1 = a, b1 = b, c1 = c, x1 = d1;
        for (int i = 0; i < 10; i++)
            DoubleRound(ref a0, ref b0, ref c0, ref x0, ref a1, ref b1, ref c1, ref x1);

        (a0 + a).AsByte().CopyTo(keyStream);
        (b0 + b).AsByte().CopyTo(keyStream[16..]);
        (c0 + c).AsByte().CopyTo(keyStream[32..]);
        (x0 + d0).AsByte().CopyTo(keyStream[48..]);
        (a1 + a).AsByte().CopyTo(keyStream[64..]);
        (b1 + b).AsByte().CopyTo(keyStream[80..]);
        (c1 + c).AsByte().CopyTo(keyStream[96..]);
        (x1 + d1).AsByte().CopyTo(keyStream[112..]);
    }

    internal static void HChaCha20Vector128(ReadOnlySpan<byte> key32, ReadOnlySpan<byte> nonce16, Span<byte> output32)
    {
        Debug.Assert(BitConverter.IsLittleEndian);
        Vector128<uint> a = Vector128.Create(Sigma0, Sigma1, Sigma2, Sigma3);
        Vector128<uint> b = Vector128.Create(key32[..16]).AsUInt32();
        Vector128<uint> c = Vector128.Create(key32.Slice(16, 16)).AsUInt32();
        Vector128<uint> d = Vector128.Create(nonce16[..16]).AsUInt32();
        for (int i = 0; i < 10; i++)
            DoubleRound(ref a, ref b, ref c, ref d);
        a.AsByte().CopyTo(output32);
        d.AsByte().CopyTo(output32[16..]);
    }

    // RFC 8439, section 2.3: a column round, QUARTERROUND(0,4,8,12) ... (3,7,11,15), on the four lanes at once,
    // then a diagonal round, QUARTERROUND(0,5,10,15) ... (3,4,9,14), done as a column round on rotated rows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DoubleRound(ref Vector128<uint> a, ref Vector128<uint> b, ref Vector128<uint> c, ref Vector128<uint> d)
    {
        QuarterRound(ref a, ref b, ref c, ref d);
        b = Vector128.Shuffle(b, Vector128.Create(1u, 2, 3, 0)); // lane i now holds word 4 + (i + 1) % 4
        c = Vector128.Shuffle(c, Vector128.Create(2u, 3, 0, 1)); // word 8 + (i + 2) % 4
        d = Vector128.Shuffle(d, Vector128.Create(3u, 0, 1, 2)); // word 12 + (i + 3) % 4
        QuarterRound(ref a, ref b, ref c, ref d);
        b = Vector128.Shuffle(b, Vector128.Create(3u, 0, 1, 2));
        c = Vector128.Shuffle(c, Vector128.Create(2u, 3, 0, 1));
        d = Vector128.Shuffle(d, Vector128.Create(1u, 2, 3, 0));
    }

    // DoubleRound on two states at once, instruction by instruction, so that the CPU's vector scheduler sees
    // both dependency chains side by side. (Called one after the other, the second block cost about half a block
    // extra, because the first chain's waiting instructions fill the scheduler.)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DoubleRound(
        ref Vector128<uint> a0, ref Vector128<uint> b0, ref Vector128<uint> c0, ref Vector128<uint> d0,
        ref Vector128<uint> a1, ref Vector128<uint> b1, ref Vector128<uint> c1, ref Vector128<uint> d1)
    {
        QuarterRound(ref a0, ref b0, ref c0, ref d0, ref a1, ref b1, ref c1, ref d1);
        b0 = Vector128.Shuffle(b0, Vector128.Create(1u, 2, 3, 0));
        b1 = Vector128.Shuffle(b1, Vector128.Create(1u, 2, 3, 0));
        c0 = Vector128.Shuffle(c0, Vector128.Create(2u, 3, 0, 1));
        c1 = Vector128.Shuffle(c1, Vector128.Create(2u, 3, 0, 1));
        d0 = Vector128.Shuffle(d0, Vector128.Create(3u, 0, 1, 2));
        d1 = Vector128.Shuffle(d1, Vector128.Create(3u, 0, 1, 2));
        QuarterRound(ref a0, ref b0, ref c0, ref d0, ref a1, ref b1, ref c1, ref d1);
        b0 = Vector128.Shuffle(b0, Vector128.Create(3u, 0, 1, 2));
        b1 = Vector128.Shuffle(b1, Vector128.Create(3u, 0, 1, 2));
        c0 = Vector128.Shuffle(c0, Vector128.Create(2u, 3, 0, 1));
        c1 = Vector128.Shuffle(c1, Vector128.Create(2u, 3, 0, 1));
        d0 = Vector128.Shuffle(d0, Vector128.Create(1u, 2, 3, 0));
        d1 = Vector128.Shuffle(d1, Vector128.Create(1u, 2, 3, 0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void QuarterRound(
        ref Vector128<uint> a0, ref Vector128<uint> b0, ref Vector128<uint> c0, ref Vector128<uint> d0,
        ref Vector128<uint> a1, ref Vector128<uint> b1, ref Vector128<uint> c1, ref Vector128<uint> d1)
    {
        a0 += b0; a1 += b1; d0 = RotateLeft16(d0 ^ a0); d1 = RotateLeft16(d1 ^ a1);
        c0 += d0; c1 += d1; b0 = RotateLeft(b0 ^ c0, 12); b1 = RotateLeft(b1 ^ c1, 12);
        a0 += b0; a1 += b1; d0 = RotateLeft8(d0 ^ a0); d1 = RotateLeft8(d1 ^ a1);
        c0 += d0; c1 += d1; b0 = RotateLeft(b0 ^ c0, 7); b1 = RotateLeft(b1 ^ c1, 7);
    }

    // RFC 8439, section 2.1, the quarter round, on four independent (a, b, c, d) lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void QuarterRound(ref Vector128<uint> a, ref Vector128<uint> b, ref Vector128<uint> c, ref Vector128<uint> d)
    {
        a += b; d = RotateLeft16(d ^ a);
        c += d; b = RotateLeft(b ^ c, 12);
        a += b; d = RotateLeft8(d ^ a);
        c += d; b = RotateLeft(b ^ c, 7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> RotateLeft(Vector128<uint> x, [ConstantExpected(Min = 1, Max = 31)] byte n) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(x, n) : (x << n) | (x >>> (32 - n));

    // Little-endian lanes: rotating a 32-bit word left by 16 swaps its two byte pairs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> RotateLeft16(Vector128<uint> x) =>
        Vector128.Shuffle(x.AsByte(), Vector128.Create((byte)2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13)).AsUInt32();

    // Little-endian lanes: rotating left by 8 moves the top byte of each word to the bottom.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> RotateLeft8(Vector128<uint> x) =>
        Vector128.Shuffle(x.AsByte(), Vector128.Create((byte)3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14)).AsUInt32();

    // ---- Scalar path ------------------------------------------------------------------------------------------

    internal static void TwoBlocksScalar(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, uint counter, Span<byte> keyStream)
    {
        Span<uint> state = stackalloc uint[16];
        Span<uint> x = stackalloc uint[16];
        try
        {
            // RFC 8439, section 2.3: constants, key, counter, nonce; all words little-endian.
            SetUpState(state, key);
            state[13] = BinaryPrimitives.ReadUInt32LittleEndian(nonce);
            state[14] = BinaryPrimitives.ReadUInt32LittleEndian(nonce[4..]);
            state[15] = BinaryPrimitives.ReadUInt32LittleEndian(nonce[8..]);
            for (int block = 0; block < 2; block++)
            {
                state[12] = counter + (uint)block;
                state.CopyTo(x);
                Rounds(x);
                Span<byte> output = keyStream.Slice(block * BlockSize, BlockSize);
                for (int i = 0; i < 16; i++)
                    BinaryPrimitives.WriteUInt32LittleEndian(output[(4 * i)..], x[i] + state[i]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(state));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(x));
        }
    }

    internal static void HChaCha20Scalar(ReadOnlySpan<byte> key32, ReadOnlySpan<byte> nonce16, Span<byte> output32)
    {
        Span<uint> x = stackalloc uint[16];
        try
        {
            SetUpState(x, key32);
            for (int i = 0; i < 4; i++)
                x[12 + i] = BinaryPrimitives.ReadUInt32LittleEndian(nonce16[(4 * i)..]);
            Rounds(x);
            for (int i = 0; i < 4; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(output32[(4 * i)..], x[i]);
                BinaryPrimitives.WriteUInt32LittleEndian(output32[(16 + 4 * i)..], x[12 + i]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(x));
        }
    }

    // Words 0-11 of the state: the constants and the key.
    private static void SetUpState(Span<uint> state, ReadOnlySpan<byte> key)
    {
        state[0] = Sigma0;
        state[1] = Sigma1;
        state[2] = Sigma2;
        state[3] = Sigma3;
        for (int i = 0; i < 8; i++)
            state[4 + i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(4 * i)..]);
    }

    // RFC 8439, section 2.3: the 20 rounds (10 column rounds alternating with 10 diagonal rounds), in place and
    // without the final addition of the input state. Words live in locals so the JIT keeps them in registers.
    private static void Rounds(Span<uint> x)
    {
        uint x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7];
        uint x8 = x[8], x9 = x[9], x10 = x[10], x11 = x[11], x12 = x[12], x13 = x[13], x14 = x[14], x15 = x[15];
        for (int i = 0; i < 10; i++)
        {
            QuarterRound(ref x0, ref x4, ref x8, ref x12);
            QuarterRound(ref x1, ref x5, ref x9, ref x13);
            QuarterRound(ref x2, ref x6, ref x10, ref x14);
            QuarterRound(ref x3, ref x7, ref x11, ref x15);
            QuarterRound(ref x0, ref x5, ref x10, ref x15);
            QuarterRound(ref x1, ref x6, ref x11, ref x12);
            QuarterRound(ref x2, ref x7, ref x8, ref x13);
            QuarterRound(ref x3, ref x4, ref x9, ref x14);
        }
        x[0] = x0; x[1] = x1; x[2] = x2; x[3] = x3; x[4] = x4; x[5] = x5; x[6] = x6; x[7] = x7;
        x[8] = x8; x[9] = x9; x[10] = x10; x[11] = x11; x[12] = x12; x[13] = x13; x[14] = x14; x[15] = x15;
    }

    // RFC 8439, section 2.1, the quarter round.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void QuarterRound(ref uint a, ref uint b, ref uint c, ref uint d)
    {
        a += b; d ^= a; d = BitOperations.RotateLeft(d, 16);
        c += d; b ^= c; b = BitOperations.RotateLeft(b, 12);
        a += b; d ^= a; d = BitOperations.RotateLeft(d, 8);
        c += d; b ^= c; b = BitOperations.RotateLeft(b, 7);
    }
}
