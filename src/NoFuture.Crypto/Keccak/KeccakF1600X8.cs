// Keccak-f[1600] on eight independent states at once (FIPS 202, section 3.3, as KeccakF1600X4 but on
// Vector512<ulong>), for ML-DSA's ExpandA where AVX-512F is available: lane i of each vector holds the same Keccak
// lane of state i. ML-DSA-65's 30 matrix entries then take 4 batches of eight sponges instead of 8 of four.
//
// Choices:
// - Needs AVX-512F (callers check IsSupported; KeccakF1600X4 stays the fallback). Rotations are vprolq; theta's
//   five-way XORs and chi's a ^ (~b & c) are vpternlogq, one instruction per three inputs.
// - Constant time as KeccakF1600X4: XOR, AND-NOT and fixed rotations only; the round-constant index is the public
//   round number. ExpandA's data is public anyway.
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoFuture.Crypto.Keccak;

internal static class KeccakF1600X8
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

    /// <summary>True when AVX-512F is available.</summary>
    internal static bool IsSupported => Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Rol(Vector512<ulong> x, [ConstantExpected] byte n) => Avx512F.RotateLeft(x, n);

    // vpternlogq truth tables (FIPS 202's step mappings as three-input functions of a, b, c):
    // 0x96 = a ^ b ^ c (theta's column parities), 0xD2 = a ^ (~b & c) (chi).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Xor3(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c) => Avx512F.TernaryLogic(a, b, c, 0x96);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Chi(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c) => Avx512F.TernaryLogic(a, b, c, 0xD2);

    /// <summary>Applies Keccak-f[1600] to eight states (25 vectors, one state per element) in place.</summary>
    [SkipLocalsInit]
    internal static void Permute(Span<Vector512<ulong>> state)
    {
        if (state.Length < KeccakF1600.Lanes) CryptoThrowHelper.TooSmall(nameof(state), KeccakF1600.Lanes * sizeof(ulong));
        Vector512<ulong> a00 = state[0];
        Vector512<ulong> a10 = state[1];
        Vector512<ulong> a20 = state[2];
        Vector512<ulong> a30 = state[3];
        Vector512<ulong> a40 = state[4];
        Vector512<ulong> a01 = state[5];
        Vector512<ulong> a11 = state[6];
        Vector512<ulong> a21 = state[7];
        Vector512<ulong> a31 = state[8];
        Vector512<ulong> a41 = state[9];
        Vector512<ulong> a02 = state[10];
        Vector512<ulong> a12 = state[11];
        Vector512<ulong> a22 = state[12];
        Vector512<ulong> a32 = state[13];
        Vector512<ulong> a42 = state[14];
        Vector512<ulong> a03 = state[15];
        Vector512<ulong> a13 = state[16];
        Vector512<ulong> a23 = state[17];
        Vector512<ulong> a33 = state[18];
        Vector512<ulong> a43 = state[19];
        Vector512<ulong> a04 = state[20];
        Vector512<ulong> a14 = state[21];
        Vector512<ulong> a24 = state[22];
        Vector512<ulong> a34 = state[23];
        Vector512<ulong> a44 = state[24];

        ReadOnlySpan<ulong> roundConstants = RoundConstants;
        for (int round = 0; round < 24; round++)
        {
            // theta
            Vector512<ulong> c0 = Xor3(Xor3(a00, a01, a02), a03, a04);
            Vector512<ulong> c1 = Xor3(Xor3(a10, a11, a12), a13, a14);
            Vector512<ulong> c2 = Xor3(Xor3(a20, a21, a22), a23, a24);
            Vector512<ulong> c3 = Xor3(Xor3(a30, a31, a32), a33, a34);
            Vector512<ulong> c4 = Xor3(Xor3(a40, a41, a42), a43, a44);
            Vector512<ulong> d0 = c4 ^ Rol(c1, 1);
            Vector512<ulong> d1 = c0 ^ Rol(c2, 1);
            Vector512<ulong> d2 = c1 ^ Rol(c3, 1);
            Vector512<ulong> d3 = c2 ^ Rol(c4, 1);
            Vector512<ulong> d4 = c3 ^ Rol(c0, 1);
            // rho and pi: B[y, 2x + 3y] = ROT(A[x, y] ^ D[x], r[x, y])
            Vector512<ulong> b00 = a00 ^ d0;
            Vector512<ulong> b13 = Rol(a01 ^ d0, 36);
            Vector512<ulong> b21 = Rol(a02 ^ d0, 3);
            Vector512<ulong> b34 = Rol(a03 ^ d0, 41);
            Vector512<ulong> b42 = Rol(a04 ^ d0, 18);
            Vector512<ulong> b02 = Rol(a10 ^ d1, 1);
            Vector512<ulong> b10 = Rol(a11 ^ d1, 44);
            Vector512<ulong> b23 = Rol(a12 ^ d1, 10);
            Vector512<ulong> b31 = Rol(a13 ^ d1, 45);
            Vector512<ulong> b44 = Rol(a14 ^ d1, 2);
            Vector512<ulong> b04 = Rol(a20 ^ d2, 62);
            Vector512<ulong> b12 = Rol(a21 ^ d2, 6);
            Vector512<ulong> b20 = Rol(a22 ^ d2, 43);
            Vector512<ulong> b33 = Rol(a23 ^ d2, 15);
            Vector512<ulong> b41 = Rol(a24 ^ d2, 61);
            Vector512<ulong> b01 = Rol(a30 ^ d3, 28);
            Vector512<ulong> b14 = Rol(a31 ^ d3, 55);
            Vector512<ulong> b22 = Rol(a32 ^ d3, 25);
            Vector512<ulong> b30 = Rol(a33 ^ d3, 21);
            Vector512<ulong> b43 = Rol(a34 ^ d3, 56);
            Vector512<ulong> b03 = Rol(a40 ^ d4, 27);
            Vector512<ulong> b11 = Rol(a41 ^ d4, 20);
            Vector512<ulong> b24 = Rol(a42 ^ d4, 39);
            Vector512<ulong> b32 = Rol(a43 ^ d4, 8);
            Vector512<ulong> b40 = Rol(a44 ^ d4, 14);
            // chi
            a00 = Chi(b00, b10, b20);
            a10 = Chi(b10, b20, b30);
            a20 = Chi(b20, b30, b40);
            a30 = Chi(b30, b40, b00);
            a40 = Chi(b40, b00, b10);
            a01 = Chi(b01, b11, b21);
            a11 = Chi(b11, b21, b31);
            a21 = Chi(b21, b31, b41);
            a31 = Chi(b31, b41, b01);
            a41 = Chi(b41, b01, b11);
            a02 = Chi(b02, b12, b22);
            a12 = Chi(b12, b22, b32);
            a22 = Chi(b22, b32, b42);
            a32 = Chi(b32, b42, b02);
            a42 = Chi(b42, b02, b12);
            a03 = Chi(b03, b13, b23);
            a13 = Chi(b13, b23, b33);
            a23 = Chi(b23, b33, b43);
            a33 = Chi(b33, b43, b03);
            a43 = Chi(b43, b03, b13);
            a04 = Chi(b04, b14, b24);
            a14 = Chi(b14, b24, b34);
            a24 = Chi(b24, b34, b44);
            a34 = Chi(b34, b44, b04);
            a44 = Chi(b44, b04, b14);
            // iota
            a00 ^= Vector512.Create(roundConstants[round]);
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
