// Eight Keccak sponges in lockstep (FIPS 202, section 4, with pad10*1 and the SHAKE suffix 1111 of section 6.2),
// over KeccakF1600X8 (AVX-512F): ML-DSA's ExpandA samples eight matrix entries (SHAKE128 of rho || s || r) at once.
//
// Choices:
// - Only what ExpandA needs: one absorb of eight inputs of the same length shorter than the rate (ExpandA's form,
//   a shared prefix and a two-byte suffix per sponge, written straight into the lanes), then reads of the current
//   block and explicit permutations for further blocks. KeccakStateX4 stays the fallback.
// - Bytes enter and leave the lanes little-endian, as in KeccakState, so the output equals eight scalar sponges'.
//   A block leaves through one 64-byte store per lane into a scratch copy of the state and then eight-byte copies
//   per sponge, instead of extracting elements one at a time.
// - A plain struct on the stack; Clear wipes it (callers with secret input call it in a finally block).
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace NoFuture.Crypto.Keccak;

internal struct KeccakStateX8
{
    private const byte ShakeSuffix = 0x1F;
    internal const int Ways = 8;

    private Lanes _lanes;

    [InlineArray(KeccakF1600.Lanes)]
    private struct Lanes
    {
        private Vector512<ulong> _lane0;
    }

    /// <summary>True when the eight-way permutation can run here (AVX-512F).</summary>
    internal static bool IsSupported => KeccakF1600X8.IsSupported;

    /// <summary>
    /// SHAKE with the given rate (168 or 136 bytes): absorbs input i (bytes <c>inputs[i length .. (i + 1) length)</c>,
    /// length shorter than the rate) into sponge i, pads, and permutes, so the first output block is ready.
    /// </summary>
    [SkipLocalsInit]
    internal void AbsorbShake(int rate, ReadOnlySpan<byte> inputs, int length)
    {
        Debug.Assert(rate is KeccakState.Shake128Rate or KeccakState.Shake256Rate);
        Debug.Assert(inputs.Length == Ways * length && length < rate);
        Span<byte> blocks = stackalloc byte[Ways * KeccakState.Shake128Rate];
        blocks = blocks[..(Ways * rate)];
        Span<ulong> words = stackalloc ulong[Ways];
        try
        {
            blocks.Clear();
            for (int i = 0; i < Ways; i++)
            {
                Span<byte> block = blocks.Slice(i * rate, rate);
                inputs.Slice(i * length, length).CopyTo(block);
                block[length] = ShakeSuffix;
                block[rate - 1] |= 0x80;
            }
            Span<Vector512<ulong>> lanes = _lanes;
            lanes.Clear();
            for (int w = 0; w < rate / 8; w++)
            {
                for (int i = 0; i < Ways; i++) words[i] = BinaryPrimitives.ReadUInt64LittleEndian(blocks[(i * rate + 8 * w)..]);
                lanes[w] = Vector512.Create((ReadOnlySpan<ulong>)words);
            }
            KeccakF1600X8.Permute(lanes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blocks);
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(words));
        }
    }

    /// <summary>
    /// SHAKE with the given rate where input i is <paramref name="prefix"/> (the same for all eight, a multiple of 8
    /// bytes) followed by the two bytes of <c>suffixes[i]</c> (little-endian): ExpandA's rho || s || r. The lanes are
    /// written directly (the prefix words broadcast, the suffix and padding in the next word, the final pad bit in the
    /// last word of the rate) instead of through padded byte blocks; the state is then as <see cref="AbsorbShake(int, ReadOnlySpan{byte}, int)"/>
    /// leaves it for the same inputs.
    /// </summary>
    [SkipLocalsInit]
    internal void AbsorbShake(int rate, ReadOnlySpan<byte> prefix, ReadOnlySpan<ushort> suffixes)
    {
        Debug.Assert(rate is KeccakState.Shake128Rate or KeccakState.Shake256Rate);
        Debug.Assert(prefix.Length % 8 == 0 && prefix.Length + 3 < rate - 8 && suffixes.Length == Ways);
        Span<Vector512<ulong>> lanes = _lanes;
        lanes.Clear();
        int words = prefix.Length / 8;
        for (int w = 0; w < words; w++) lanes[w] = Vector512.Create(BinaryPrimitives.ReadUInt64LittleEndian(prefix[(8 * w)..]));
        // Word `words`: the two suffix bytes, then the SHAKE suffix 1111 with pad10*1's first 1 (byte 0x1F).
        lanes[words] = Vector512.Create(
            suffixes[0] | (ulong)ShakeSuffix << 16, suffixes[1] | (ulong)ShakeSuffix << 16,
            suffixes[2] | (ulong)ShakeSuffix << 16, suffixes[3] | (ulong)ShakeSuffix << 16,
            suffixes[4] | (ulong)ShakeSuffix << 16, suffixes[5] | (ulong)ShakeSuffix << 16,
            suffixes[6] | (ulong)ShakeSuffix << 16, suffixes[7] | (ulong)ShakeSuffix << 16);
        lanes[rate / 8 - 1] = Vector512.Create(0x80UL << 56); // pad10*1's last 1, the rate's last bit
        KeccakF1600X8.Permute(lanes);
    }

    /// <summary>
    /// Copies the first <paramref name="length"/> bytes (a multiple of 8, at most the rate) of sponge i's current block
    /// to <c>output[i stride ..]</c>.
    /// </summary>
    internal readonly void ReadBlock(Span<byte> output, int stride, int length)
    {
        Debug.Assert(length % 8 == 0 && length <= KeccakState.Shake128Rate && stride >= length);
        if (output.Length < (Ways - 1) * stride + length) CryptoThrowHelper.TooSmall(nameof(output), (Ways - 1) * stride + length);
        // The lanes are in memory (an inline array field): element i of lane w is word 8 w + i.
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<Vector512<ulong>, ulong>((ReadOnlySpan<Vector512<ulong>>)_lanes);
        int count = length / 8;
        for (int i = 0; i < Ways; i++)
        {
            Span<ulong> target = MemoryMarshal.Cast<byte, ulong>(output.Slice(i * stride, length));
            for (int w = 0; w < count; w++) target[w] = words[Ways * w + i];
        }
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < Ways; i++)
            {
                Span<ulong> target = MemoryMarshal.Cast<byte, ulong>(output.Slice(i * stride, length));
                BinaryPrimitives.ReverseEndianness(target, target);
            }
        }
    }

    /// <summary>Moves all eight sponges to their next output block.</summary>
    internal void Permute() => KeccakF1600X8.Permute(_lanes);

    /// <summary>Zeroes the lanes.</summary>
    internal void Clear() => CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes((Span<Vector512<ulong>>)_lanes));
}
