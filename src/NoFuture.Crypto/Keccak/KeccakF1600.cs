// Keccak-f[1600]: FIPS 202, section 3.3 (Keccak-p[1600, 24], Algorithm 7) with the step mappings of section 3.2;
// also Keccak-p[1600, 12], its last 12 rounds (FIPS 202 section 3.3 with n_r = 12), for TurboSHAKE (RFC 9861).
// State: 25 ulong lanes, lane (x, y) at index x + 5y, bytes little-endian within a lane (FIPS 202, section 3.1.2
// read through Appendix B.1's byte order).
//
// Choices:
// - Scalar, one state. The 25 lanes live in locals for all 24 rounds, so the JIT can keep some of them in
//   registers; each round is written out in full (generated from the FIPS 202 definitions of rho and pi, and
//   the round constants from rc(t) of Algorithm 5; tests check the result against the BCL's SHA-3 and SHAKE).
// - Two rounds per loop iteration, A -> E -> A, each output plane computed right after its five B lanes (pi
//   sends plane y of B to lanes whose old values are then dead), and theta's column parities C accumulated as
//   chi produces each lane, so a round reads each (mostly spilled) lane once instead of twice.
// - Constant time: only XOR, AND-NOT and fixed rotations; the round-constant index is the public round number.
// - The locals hold secret-derived lanes while the permutation runs. The JIT may spill them to the stack; we
//   cannot wipe JIT spill slots from C#, so the callers wipe the state they own (KeccakState.Clear) and rely on
//   later frames overwriting spill slots.
using System.Diagnostics;
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

    /// <summary>
    /// Applies Keccak-f[1600] to <paramref name="state"/> (25 lanes) in place; with <paramref name="firstRound"/> = 12,
    /// Keccak-p[1600, 12] (the last 12 rounds: TurboSHAKE, RFC 9861 §2.2).
    /// </summary>
    internal static void Permute(Span<ulong> state, int firstRound = 0)
    {
        Debug.Assert(firstRound is 0 or 12);
        if (state.Length < Lanes) CryptoThrowHelper.TooSmall(nameof(state), Lanes * sizeof(ulong));
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
        ulong e00, e10, e20, e30, e40, e01, e11, e21, e31, e41, e02, e12, e22, e32, e42, e03, e13, e23, e33, e43, e04, e14, e24, e34, e44;
        ulong c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
        ulong c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
        ulong c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
        ulong c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
        ulong c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;

        ReadOnlySpan<ulong> roundConstants = RoundConstants;
        for (int round = firstRound; round < 24; round += 2)
        {
            // Round 2i: A -> E; round 2i + 1: E -> A. Each round accumulates the column parities C of its output.
            {
                // theta: D[x] = C[x - 1] ^ ROT(C[x + 1], 1); C was accumulated from the previous chi
                ulong d0 = c4 ^ BitOperations.RotateLeft(c1, 1);
                ulong d1 = c0 ^ BitOperations.RotateLeft(c2, 1);
                ulong d2 = c1 ^ BitOperations.RotateLeft(c3, 1);
                ulong d3 = c2 ^ BitOperations.RotateLeft(c4, 1);
                ulong d4 = c3 ^ BitOperations.RotateLeft(c0, 1);
                c0 = c1 = c2 = c3 = c4 = 0;
                {
                    // plane y = 0: rho and pi (B[X, Y] = ROT(A[x, y] ^ D[x], r[x, y]) with X = y, Y = 2x + 3y), then chi
                    ulong b0 = a00 ^ d0;
                    ulong b1 = BitOperations.RotateLeft(a11 ^ d1, 44);
                    ulong b2 = BitOperations.RotateLeft(a22 ^ d2, 43);
                    ulong b3 = BitOperations.RotateLeft(a33 ^ d3, 21);
                    ulong b4 = BitOperations.RotateLeft(a44 ^ d4, 14);
                    e00 = b0 ^ (~b1 & b2) ^ roundConstants[round];
                    c0 ^= e00;
                    e10 = b1 ^ (~b2 & b3);
                    c1 ^= e10;
                    e20 = b2 ^ (~b3 & b4);
                    c2 ^= e20;
                    e30 = b3 ^ (~b4 & b0);
                    c3 ^= e30;
                    e40 = b4 ^ (~b0 & b1);
                    c4 ^= e40;
                }
                {
                    // plane y = 1: rho and pi (B[X, Y] = ROT(A[x, y] ^ D[x], r[x, y]) with X = y, Y = 2x + 3y), then chi
                    ulong b0 = BitOperations.RotateLeft(a30 ^ d3, 28);
                    ulong b1 = BitOperations.RotateLeft(a41 ^ d4, 20);
                    ulong b2 = BitOperations.RotateLeft(a02 ^ d0, 3);
                    ulong b3 = BitOperations.RotateLeft(a13 ^ d1, 45);
                    ulong b4 = BitOperations.RotateLeft(a24 ^ d2, 61);
                    e01 = b0 ^ (~b1 & b2);
                    c0 ^= e01;
                    e11 = b1 ^ (~b2 & b3);
                    c1 ^= e11;
                    e21 = b2 ^ (~b3 & b4);
                    c2 ^= e21;
                    e31 = b3 ^ (~b4 & b0);
                    c3 ^= e31;
                    e41 = b4 ^ (~b0 & b1);
                    c4 ^= e41;
                }
                {
                    // plane y = 2: rho and pi (B[X, Y] = ROT(A[x, y] ^ D[x], r[x, y]) with X = y, Y = 2x + 3y), then chi
                    ulong b0 = BitOperations.RotateLeft(a10 ^ d1, 1);
                    ulong b1 = BitOperations.RotateLeft(a21 ^ d2, 6);
                    ulong b2 = BitOperations.RotateLeft(a32 ^ d3, 25);
                    ulong b3 = BitOperations.RotateLeft(a43 ^ d4, 8);
                    ulong b4 = BitOperations.RotateLeft(a04 ^ d0, 18);
                    e02 = b0 ^ (~b1 & b2);
                    c0 ^= e02;
                    e12 = b1 ^ (~b2 & b3);
                    c1 ^= e12;
                    e22 = b2 ^ (~b3 & b4);
                    c2 ^= e22;
                    e32 = b3 ^ (~b4 & b0);
                    c3 ^= e32;
                    e42 = b4 ^ (~b0 & b1);
                    c4 ^= e42;
                }
                {
                    // plane y = 3: rho and pi (B[X, Y] = ROT(A[x, y] ^ D[x], r[x, y]) with X = y, Y = 2x + 3y), then chi
                    ulong b0 = BitOperations.RotateLeft(a40 ^ d4, 27);
                    ulong b1 = BitOperations.RotateLeft(a01 ^ d0, 36);
                    ulong b2 = BitOperations.RotateLeft(a12 ^ d1, 10);
                    ulong b3 = BitOperations.RotateLeft(a23 ^ d2, 15);
                    ulong b4 = BitOperations.RotateLeft(a34 ^ d3, 56);
                    e03 = b0 ^ (~b1 & b2);
                    c0 ^= e03;
                    e13 = b1 ^ (~b2 & b3);
                    c1 ^= e13;
                    e23 = b2 ^ (~b3 & b4);
                    c2 ^= e23;
                    e33 = b3 ^ (~b4 & b0);
                    c3 ^= e33;
                    e43 = b4 ^ (~b0 & b1);
                    c4 ^= e43;
                }
                {
                    // plane y = 4: rho and pi (B[X, Y] = ROT(A[x, y] ^ D[x], r[x, y]) with X = y, Y = 2x + 3y), then chi
                    ulong b0 = BitOperations.RotateLeft(a20 ^ d2, 62);
                    ulong b1 = BitOperations.RotateLeft(a31 ^ d3, 55);
                    ulong b2 = BitOperations.RotateLeft(a42 ^ d4, 39);
                    ulong b3 = BitOperations.RotateLeft(a03 ^ d0, 41);
                    ulong b4 = BitOperations.RotateLeft(a14 ^ d1, 2);
                    e04 = b0 ^ (~b1 & b2);
                    c0 ^= e04;
                    e14 = b1 ^ (~b2 & b3);
                    c1 ^= e14;
                    e24 = b2 ^ (~b3 & b4);
                    c2 ^= e24;
                    e34 = b3 ^ (~b4 & b0);
                    c3 ^= e34;
                    e44 = b4 ^ (~b0 & b1);
                    c4 ^= e44;
                }
            }
            {
                // theta: D[x] = C[x - 1] ^ ROT(C[x + 1], 1); C was accumulated from the previous chi
                ulong d0 = c4 ^ BitOperations.RotateLeft(c1, 1);
                ulong d1 = c0 ^ BitOperations.RotateLeft(c2, 1);
                ulong d2 = c1 ^ BitOperations.RotateLeft(c3, 1);
                ulong d3 = c2 ^ BitOperations.RotateLeft(c4, 1);
                ulong d4 = c3 ^ BitOperations.RotateLeft(c0, 1);
                c0 = c1 = c2 = c3 = c4 = 0;
                {
                    // plane y = 0: rho and pi (B[X, Y] = ROT(A[x, y] ^ D[x], r[x, y]) with X = y, Y = 2x + 3y), then chi
                    ulong b0 = e00 ^ d0;
                    ulong b1 = BitOperations.RotateLeft(e11 ^ d1, 44);
                    ulong b2 = BitOperations.RotateLeft(e22 ^ d2, 43);
                    ulong b3 = BitOperations.RotateLeft(e33 ^ d3, 21);
                    ulong b4 = BitOperations.RotateLeft(e44 ^ d4, 14);
                    a00 = b0 ^ (~b1 & b2) ^ roundConstants[round + 1];
                    c0 ^= a00;
                    a10 = b1 ^ (~b2 & b3);
                    c1 ^= a10;
                    a20 = b2 ^ (~b3 & b4);
                    c2 ^= a20;
                    a30 = b3 ^ (~b4 & b0);
                    c3 ^= a30;
                    a40 = b4 ^ (~b0 & b1);
                    c4 ^= a40;
                }
                {
                    // plane y = 1: rho and pi (B[X, Y] = ROT(A[x, y] ^ D[x], r[x, y]) with X = y, Y = 2x + 3y), then chi
                    ulong b0 = BitOperations.RotateLeft(e30 ^ d3, 28);
                    ulong b1 = BitOperations.RotateLeft(e41 ^ d4, 20);
                    ulong b2 = BitOperations.RotateLeft(e02 ^ d0, 3);
                    ulong b3 = BitOperations.RotateLeft(e13 ^ d1, 45);
                    ulong b4 = BitOperations.RotateLeft(e24 ^ d2, 61);
                    a01 = b0 ^ (~b1 & b2);
                    c0 ^= a01;
                    a11 = b1 ^ (~b2 & b3);
                    c1 ^= a11;
                    a21 = b2 ^ (~b3 & b4);
                    c2 ^= a21;
                    a31 = b3 ^ (~b4 & b0);
                    c3 ^= a31;
                    a41 = b4 ^ (~b0 & b1);
                    c4 ^= a41;
                }
                {
                    // plane y = 2: rho and pi (B[X, Y] = ROT(A[x, y] ^ D[x], r[x, y]) with X = y, Y = 2x + 3y), then chi
                    ulong b0 = BitOperations.RotateLeft(e10 ^ d1, 1);
                    ulong b1 = BitOperations.RotateLeft(e21 ^ d2, 6);
                    ulong b2 = BitOperations.RotateLeft(e32 ^ d3, 25);
                    ulong b3 = BitOperations.RotateLeft(e43 ^ d4, 8);
                    ulong b4 = BitOperations.RotateLeft(e04 ^ d0, 18);
                    a02 = b0 ^ (~b1 & b2);
                    c0 ^= a02;
                    a12 = b1 ^ (~b2 & b3);
                    c1 ^= a12;
                    a22 = b2 ^ (~b3 & b4);
                    c2 ^= a22;
                    a32 = b3 ^ (~b4 & b0);
                    c3 ^= a32;
                    a42 = b4 ^ (~b0 & b1);
                    c4 ^= a42;
                }
                {
                    // plane y = 3: rho and pi (B[X, Y] = ROT(A[x, y] ^ D[x], r[x, y]) with X = y, Y = 2x + 3y), then chi
                    ulong b0 = BitOperations.RotateLeft(e40 ^ d4, 27);
                    ulong b1 = BitOperations.RotateLeft(e01 ^ d0, 36);
                    ulong b2 = BitOperations.RotateLeft(e12 ^ d1, 10);
                    ulong b3 = BitOperations.RotateLeft(e23 ^ d2, 15);
                    ulong b4 = BitOperations.RotateLeft(e34 ^ d3, 56);
                    a03 = b0 ^ (~b1 & b2);
                    c0 ^= a03;
                    a13 = b1 ^ (~b2 & b3);
                    c1 ^= a13;
                    a23 = b2 ^ (~b3 & b4);
                    c2 ^= a23;
                    a33 = b3 ^ (~b4 & b0);
                    c3 ^= a33;
                    a43 = b4 ^ (~b0 & b1);
                    c4 ^= a43;
                }
                {
                    // plane y = 4: rho and pi (B[X, Y] = ROT(A[x, y] ^ D[x], r[x, y]) with X = y, Y = 2x + 3y), then chi
                    ulong b0 = BitOperations.RotateLeft(e20 ^ d2, 62);
                    ulong b1 = BitOperations.RotateLeft(e31 ^ d3, 55);
                    ulong b2 = BitOperations.RotateLeft(e42 ^ d4, 39);
                    ulong b3 = BitOperations.RotateLeft(e03 ^ d0, 41);
                    ulong b4 = BitOperations.RotateLeft(e14 ^ d1, 2);
                    a04 = b0 ^ (~b1 & b2);
                    c0 ^= a04;
                    a14 = b1 ^ (~b2 & b3);
                    c1 ^= a14;
                    a24 = b2 ^ (~b3 & b4);
                    c2 ^= a24;
                    a34 = b3 ^ (~b4 & b0);
                    c3 ^= a34;
                    a44 = b4 ^ (~b0 & b1);
                    c4 ^= a44;

                }
            }
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

}
