// Keccak-f[1600] on four independent states at once (FIPS 202, section 3.3, as KeccakF1600), for the SIMD paths
// of ML-KEM: Vector256<ulong> lane i holds the same Keccak lane of state i, so every step mapping is the scalar
// one applied to four states in parallel. Used to squeeze four SHAKE128 matrix entries (SampleNTT) or four
// SHAKE256 PRF outputs (SamplePolyCBD) together; the scalar permutation stays the fallback.
//
// Choices:
// - Lane (x, y) of all four states at index x + 5y of a 25-vector span; the round is written out in full, as in
//   KeccakF1600 (generated from the same rho/pi table).
// - Rotations use AVX-512VL's vprolq when present, else two shifts and an OR. Constant time: XOR, AND-NOT and
//   fixed rotations only; the round-constant index is the public round number.
// - Locals hold secret-derived lanes while the permutation runs (PRF outputs are secret); as for the scalar
//   permutation the caller wipes the state it owns, and JIT spill slots are overwritten by later frames.
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.Keccak;

internal static class KeccakF1600X4
{
    // FIPS 202, section 3.2.5: RC[ir] (the scalar permutation's table; an array, not a span literal, for Debug builds).
    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Rol(Vector256<ulong> x, [ConstantExpected] byte n) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(x, n) : Vector256.ShiftLeft(x, n) | Vector256.ShiftRightLogical(x, 64 - n);

    /// <summary>Applies Keccak-f[1600] to four states (25 vectors, one state per element) in place.</summary>
    [SkipLocalsInit]
    internal static void Permute(Span<Vector256<ulong>> state)
    {
        if (state.Length < KeccakF1600.Lanes) CryptoThrowHelper.TooSmall(nameof(state), KeccakF1600.Lanes * sizeof(ulong));
        Vector256<ulong> a00 = state[0];
        Vector256<ulong> a10 = state[1];
        Vector256<ulong> a20 = state[2];
        Vector256<ulong> a30 = state[3];
        Vector256<ulong> a40 = state[4];
        Vector256<ulong> a01 = state[5];
        Vector256<ulong> a11 = state[6];
        Vector256<ulong> a21 = state[7];
        Vector256<ulong> a31 = state[8];
        Vector256<ulong> a41 = state[9];
        Vector256<ulong> a02 = state[10];
        Vector256<ulong> a12 = state[11];
        Vector256<ulong> a22 = state[12];
        Vector256<ulong> a32 = state[13];
        Vector256<ulong> a42 = state[14];
        Vector256<ulong> a03 = state[15];
        Vector256<ulong> a13 = state[16];
        Vector256<ulong> a23 = state[17];
        Vector256<ulong> a33 = state[18];
        Vector256<ulong> a43 = state[19];
        Vector256<ulong> a04 = state[20];
        Vector256<ulong> a14 = state[21];
        Vector256<ulong> a24 = state[22];
        Vector256<ulong> a34 = state[23];
        Vector256<ulong> a44 = state[24];

        ReadOnlySpan<ulong> roundConstants = RoundConstants;
        for (int round = 0; round < 24; round++)
        {
            // theta
            Vector256<ulong> c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
            Vector256<ulong> c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
            Vector256<ulong> c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
            Vector256<ulong> c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
            Vector256<ulong> c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
            Vector256<ulong> d0 = c4 ^ Rol(c1, 1);
            Vector256<ulong> d1 = c0 ^ Rol(c2, 1);
            Vector256<ulong> d2 = c1 ^ Rol(c3, 1);
            Vector256<ulong> d3 = c2 ^ Rol(c4, 1);
            Vector256<ulong> d4 = c3 ^ Rol(c0, 1);
            // rho and pi: B[y, 2x + 3y] = ROT(A[x, y] ^ D[x], r[x, y])
            Vector256<ulong> b00 = a00 ^ d0;
            Vector256<ulong> b13 = Rol(a01 ^ d0, 36);
            Vector256<ulong> b21 = Rol(a02 ^ d0, 3);
            Vector256<ulong> b34 = Rol(a03 ^ d0, 41);
            Vector256<ulong> b42 = Rol(a04 ^ d0, 18);
            Vector256<ulong> b02 = Rol(a10 ^ d1, 1);
            Vector256<ulong> b10 = Rol(a11 ^ d1, 44);
            Vector256<ulong> b23 = Rol(a12 ^ d1, 10);
            Vector256<ulong> b31 = Rol(a13 ^ d1, 45);
            Vector256<ulong> b44 = Rol(a14 ^ d1, 2);
            Vector256<ulong> b04 = Rol(a20 ^ d2, 62);
            Vector256<ulong> b12 = Rol(a21 ^ d2, 6);
            Vector256<ulong> b20 = Rol(a22 ^ d2, 43);
            Vector256<ulong> b33 = Rol(a23 ^ d2, 15);
            Vector256<ulong> b41 = Rol(a24 ^ d2, 61);
            Vector256<ulong> b01 = Rol(a30 ^ d3, 28);
            Vector256<ulong> b14 = Rol(a31 ^ d3, 55);
            Vector256<ulong> b22 = Rol(a32 ^ d3, 25);
            Vector256<ulong> b30 = Rol(a33 ^ d3, 21);
            Vector256<ulong> b43 = Rol(a34 ^ d3, 56);
            Vector256<ulong> b03 = Rol(a40 ^ d4, 27);
            Vector256<ulong> b11 = Rol(a41 ^ d4, 20);
            Vector256<ulong> b24 = Rol(a42 ^ d4, 39);
            Vector256<ulong> b32 = Rol(a43 ^ d4, 8);
            Vector256<ulong> b40 = Rol(a44 ^ d4, 14);
            // chi
            a00 = b00 ^ Vector256.AndNot(b20, b10);
            a10 = b10 ^ Vector256.AndNot(b30, b20);
            a20 = b20 ^ Vector256.AndNot(b40, b30);
            a30 = b30 ^ Vector256.AndNot(b00, b40);
            a40 = b40 ^ Vector256.AndNot(b10, b00);
            a01 = b01 ^ Vector256.AndNot(b21, b11);
            a11 = b11 ^ Vector256.AndNot(b31, b21);
            a21 = b21 ^ Vector256.AndNot(b41, b31);
            a31 = b31 ^ Vector256.AndNot(b01, b41);
            a41 = b41 ^ Vector256.AndNot(b11, b01);
            a02 = b02 ^ Vector256.AndNot(b22, b12);
            a12 = b12 ^ Vector256.AndNot(b32, b22);
            a22 = b22 ^ Vector256.AndNot(b42, b32);
            a32 = b32 ^ Vector256.AndNot(b02, b42);
            a42 = b42 ^ Vector256.AndNot(b12, b02);
            a03 = b03 ^ Vector256.AndNot(b23, b13);
            a13 = b13 ^ Vector256.AndNot(b33, b23);
            a23 = b23 ^ Vector256.AndNot(b43, b33);
            a33 = b33 ^ Vector256.AndNot(b03, b43);
            a43 = b43 ^ Vector256.AndNot(b13, b03);
            a04 = b04 ^ Vector256.AndNot(b24, b14);
            a14 = b14 ^ Vector256.AndNot(b34, b24);
            a24 = b24 ^ Vector256.AndNot(b44, b34);
            a34 = b34 ^ Vector256.AndNot(b04, b44);
            a44 = b44 ^ Vector256.AndNot(b14, b04);
            // iota
            a00 ^= Vector256.Create(roundConstants[round]);
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
