// Keccak-f[1600]: FIPS 202, section 3.3 (Keccak-p[1600, 24], Algorithm 7) with the step mappings of section 3.2.
// State: 25 ulong lanes, lane (x, y) at index x + 5y, bytes little-endian within a lane (FIPS 202, section 3.1.2
// read through Appendix B.1's byte order).
//
// Choices:
// - Scalar, one state. The 25 lanes live in locals for all 24 rounds, so the JIT can keep most of them in
//   registers; each round is written out in full (generated from the FIPS 202 definitions of rho and pi, and
//   the round constants from rc(t) of Algorithm 5; tests check the result against the BCL's SHA-3 and SHAKE).
// - Constant time: only XOR, AND-NOT and fixed rotations; the round-constant index is the public round number.
// - The locals hold secret-derived lanes while the permutation runs. The JIT may spill them to the stack; we
//   cannot wipe JIT spill slots from C#, so the callers wipe the state they own (KeccakState.Clear) and rely on
//   later frames overwriting spill slots.
using System.Numerics;

namespace NoFuture.Crypto.Keccak;

internal static class KeccakF1600
{
    internal const int Lanes = 25;

    // FIPS 202, section 3.2.5: RC[ir] for ir = 0..23. An array, not a ReadOnlySpan<ulong> property: in Debug
    // builds the C# compiler materialises a non-byte span literal on the heap at every call.
    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    /// <summary>Applies Keccak-f[1600] to <paramref name="state"/> (25 lanes) in place.</summary>
    internal static void Permute(Span<ulong> state)
    {
        if (state.Length < Lanes) ThrowStateTooShort();
        ulong a00 = state[0];
        ulong a10 = state[1];
        ulong a20 = state[2];
        ulong a30 = state[3];
        ulong a40 = state[4];
        ulong a01 = state[5];
        ulong a11 = state[6];
        ulong a21 = state[7];
        ulong a31 = state[8];
        ulong a41 = state[9];
        ulong a02 = state[10];
        ulong a12 = state[11];
        ulong a22 = state[12];
        ulong a32 = state[13];
        ulong a42 = state[14];
        ulong a03 = state[15];
        ulong a13 = state[16];
        ulong a23 = state[17];
        ulong a33 = state[18];
        ulong a43 = state[19];
        ulong a04 = state[20];
        ulong a14 = state[21];
        ulong a24 = state[22];
        ulong a34 = state[23];
        ulong a44 = state[24];

        ReadOnlySpan<ulong> roundConstants = RoundConstants;
        for (int round = 0; round < 24; round++)
        {
            // theta
            ulong c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
            ulong c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
            ulong c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
            ulong c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
            ulong c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
            ulong d0 = c4 ^ BitOperations.RotateLeft(c1, 1);
            ulong d1 = c0 ^ BitOperations.RotateLeft(c2, 1);
            ulong d2 = c1 ^ BitOperations.RotateLeft(c3, 1);
            ulong d3 = c2 ^ BitOperations.RotateLeft(c4, 1);
            ulong d4 = c3 ^ BitOperations.RotateLeft(c0, 1);
            // rho and pi: B[y, 2x + 3y] = ROT(A[x, y] ^ D[x], r[x, y])
            ulong b00 = a00 ^ d0;
            ulong b13 = BitOperations.RotateLeft(a01 ^ d0, 36);
            ulong b21 = BitOperations.RotateLeft(a02 ^ d0, 3);
            ulong b34 = BitOperations.RotateLeft(a03 ^ d0, 41);
            ulong b42 = BitOperations.RotateLeft(a04 ^ d0, 18);
            ulong b02 = BitOperations.RotateLeft(a10 ^ d1, 1);
            ulong b10 = BitOperations.RotateLeft(a11 ^ d1, 44);
            ulong b23 = BitOperations.RotateLeft(a12 ^ d1, 10);
            ulong b31 = BitOperations.RotateLeft(a13 ^ d1, 45);
            ulong b44 = BitOperations.RotateLeft(a14 ^ d1, 2);
            ulong b04 = BitOperations.RotateLeft(a20 ^ d2, 62);
            ulong b12 = BitOperations.RotateLeft(a21 ^ d2, 6);
            ulong b20 = BitOperations.RotateLeft(a22 ^ d2, 43);
            ulong b33 = BitOperations.RotateLeft(a23 ^ d2, 15);
            ulong b41 = BitOperations.RotateLeft(a24 ^ d2, 61);
            ulong b01 = BitOperations.RotateLeft(a30 ^ d3, 28);
            ulong b14 = BitOperations.RotateLeft(a31 ^ d3, 55);
            ulong b22 = BitOperations.RotateLeft(a32 ^ d3, 25);
            ulong b30 = BitOperations.RotateLeft(a33 ^ d3, 21);
            ulong b43 = BitOperations.RotateLeft(a34 ^ d3, 56);
            ulong b03 = BitOperations.RotateLeft(a40 ^ d4, 27);
            ulong b11 = BitOperations.RotateLeft(a41 ^ d4, 20);
            ulong b24 = BitOperations.RotateLeft(a42 ^ d4, 39);
            ulong b32 = BitOperations.RotateLeft(a43 ^ d4, 8);
            ulong b40 = BitOperations.RotateLeft(a44 ^ d4, 14);
            // chi
            a00 = b00 ^ (~b10 & b20);
            a10 = b10 ^ (~b20 & b30);
            a20 = b20 ^ (~b30 & b40);
            a30 = b30 ^ (~b40 & b00);
            a40 = b40 ^ (~b00 & b10);
            a01 = b01 ^ (~b11 & b21);
            a11 = b11 ^ (~b21 & b31);
            a21 = b21 ^ (~b31 & b41);
            a31 = b31 ^ (~b41 & b01);
            a41 = b41 ^ (~b01 & b11);
            a02 = b02 ^ (~b12 & b22);
            a12 = b12 ^ (~b22 & b32);
            a22 = b22 ^ (~b32 & b42);
            a32 = b32 ^ (~b42 & b02);
            a42 = b42 ^ (~b02 & b12);
            a03 = b03 ^ (~b13 & b23);
            a13 = b13 ^ (~b23 & b33);
            a23 = b23 ^ (~b33 & b43);
            a33 = b33 ^ (~b43 & b03);
            a43 = b43 ^ (~b03 & b13);
            a04 = b04 ^ (~b14 & b24);
            a14 = b14 ^ (~b24 & b34);
            a24 = b24 ^ (~b34 & b44);
            a34 = b34 ^ (~b44 & b04);
            a44 = b44 ^ (~b04 & b14);
            // iota
            a00 ^= roundConstants[round];
        }

        state[0] = a00;
        state[1] = a10;
        state[2] = a20;
        state[3] = a30;
        state[4] = a40;
        state[5] = a01;
        state[6] = a11;
        state[7] = a21;
        state[8] = a31;
        state[9] = a41;
        state[10] = a02;
        state[11] = a12;
        state[12] = a22;
        state[13] = a32;
        state[14] = a42;
        state[15] = a03;
        state[16] = a13;
        state[17] = a23;
        state[18] = a33;
        state[19] = a43;
        state[20] = a04;
        state[21] = a14;
        state[22] = a24;
        state[23] = a34;
        state[24] = a44;
    }

    private static void ThrowStateTooShort() => throw new ArgumentException("The Keccak state holds 25 lanes.");
}
