// Four Keccak sponges in lockstep (FIPS 202, section 4, with pad10*1 and the SHAKE suffix 1111 of section 6.2),
// over KeccakF1600X4: the batched SHAKE128 and SHAKE256 that ML-KEM's SIMD paths use for SampleNTT (XOF of
// rho || j || i) and SamplePolyCBD (PRF of s || b).
//
// Choices:
// - Only what ML-KEM needs: one absorb of four inputs of the same length shorter than the rate (34 or 33 bytes),
//   then whole-lane reads of the current block and explicit permutations for further blocks. Anything else uses
//   KeccakState.
// - Bytes enter and leave the lanes little-endian, as in KeccakState, so the output equals four scalar sponges'.
// - A plain struct on the stack; whoever absorbed secret data calls Clear in a finally block, so the exception path
//   wipes it too.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace NoFuture.Crypto.Keccak;

internal struct KeccakStateX4
{
    private const byte ShakeSuffix = 0x1F;

    private Lanes _lanes;

    [InlineArray(KeccakF1600.Lanes)]
    private struct Lanes
    {
        private Vector256<ulong> _lane0;
    }

    /// <summary>
    /// SHAKE with the given rate (168 or 136 bytes): absorbs input i into sponge i (all the same length, shorter
    /// than the rate), pads, and permutes, so the first output block is ready for <see cref="ReadBlock"/>.
    /// </summary>
    [SkipLocalsInit]
    internal void AbsorbShake(int rate, ReadOnlySpan<byte> in0, ReadOnlySpan<byte> in1, ReadOnlySpan<byte> in2, ReadOnlySpan<byte> in3)
    {
        Debug.Assert(rate is KeccakState.Shake128Rate or KeccakState.Shake256Rate);
        int length = in0.Length;
        Debug.Assert(in1.Length == length && in2.Length == length && in3.Length == length && length < rate);
        Span<byte> blocks = stackalloc byte[4 * KeccakState.Shake128Rate];
        blocks = blocks[..(4 * rate)];
        try
        {
            blocks.Clear();
            PadInto(blocks[..rate], in0, rate);
            PadInto(blocks.Slice(rate, rate), in1, rate);
            PadInto(blocks.Slice(2 * rate, rate), in2, rate);
            PadInto(blocks.Slice(3 * rate, rate), in3, rate);
            Span<Vector256<ulong>> lanes = _lanes;
            lanes.Clear();
            for (int w = 0; w < rate / 8; w++)
            {
                lanes[w] = Vector256.Create(
                    BinaryPrimitives.ReadUInt64LittleEndian(blocks[(8 * w)..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(blocks[(rate + 8 * w)..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(blocks[(2 * rate + 8 * w)..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(blocks[(3 * rate + 8 * w)..]));
            }
            KeccakF1600X4.Permute(lanes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blocks);
        }
    }

    private static void PadInto(Span<byte> block, ReadOnlySpan<byte> input, int rate)
    {
        input.CopyTo(block);
        block[input.Length] = ShakeSuffix;
        block[rate - 1] |= 0x80;
    }

    /// <summary>Copies the first o0.Length bytes (a multiple of 8, at most the rate) of each sponge's current block.</summary>
    internal readonly void ReadBlock(Span<byte> o0, Span<byte> o1, Span<byte> o2, Span<byte> o3)
    {
        int length = o0.Length;
        Debug.Assert(length % 8 == 0 && o1.Length == length && o2.Length == length && o3.Length == length);
        ReadOnlySpan<Vector256<ulong>> lanes = _lanes;
        for (int w = 0; w < length / 8; w++)
        {
            Vector256<ulong> lane = lanes[w];
            BinaryPrimitives.WriteUInt64LittleEndian(o0[(8 * w)..], lane.GetElement(0));
            BinaryPrimitives.WriteUInt64LittleEndian(o1[(8 * w)..], lane.GetElement(1));
            BinaryPrimitives.WriteUInt64LittleEndian(o2[(8 * w)..], lane.GetElement(2));
            BinaryPrimitives.WriteUInt64LittleEndian(o3[(8 * w)..], lane.GetElement(3));
        }
    }

    /// <summary>Moves all four sponges to their next output block.</summary>
    internal void Permute() => KeccakF1600X4.Permute(_lanes);

    /// <summary>Zeroes the lanes.</summary>
    internal void Clear() => CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes((Span<Vector256<ulong>>)_lanes));
}
