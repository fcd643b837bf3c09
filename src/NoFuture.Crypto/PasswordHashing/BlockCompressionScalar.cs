// RFC 9106 §3.5-§3.6, the compression function G(X, Y) one 64-bit word at a time: R = X xor Y; P on each row of
// R (eight 16-word rows), then on each column (eight columns of 8 word pairs); G = Q xor R. The permutation P is
// the BLAKE2b round with the multiplication-hardened GB: a = a + b + 2 * lo32(a) * lo32(b) (BlaMka).
// The reference for the SIMD paths. "next" receives G, or next xor G when xorInto (version 0x13, passes after
// the first). Q lives in the caller's scratch block so it can be wiped once per segment.
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NoFuture.Crypto.PasswordHashing;

internal static unsafe class BlockCompressionScalar
{
    internal const int Words = 128;

    /// <summary>next = G(x, y) (or next ^= G(x, y)); q is 128 words of scratch. x, y and next do not overlap q.</summary>
    internal static void Compress(ulong* x, ulong* y, ulong* next, ulong* q, bool xorInto)
    {
        // SAFETY: every pointer is a whole 128-word block (a matrix block or the caller's stack scratch); the loops
        // index words 0..127 only. next may be x or y: each word is read before that word is written.
        for (int i = 0; i < Words; i++)
        {
            ulong r = x[i] ^ y[i];
            q[i] = r;
            next[i] = xorInto ? next[i] ^ r : r;
        }
        for (int i = 0; i < 8; i++)
        {
            ulong* v = q + 16 * i; // row i: registers 8i .. 8i+7
            P(ref v[0], ref v[1], ref v[2], ref v[3], ref v[4], ref v[5], ref v[6], ref v[7],
              ref v[8], ref v[9], ref v[10], ref v[11], ref v[12], ref v[13], ref v[14], ref v[15]);
        }
        for (int i = 0; i < 8; i++)
        {
            ulong* v = q + 2 * i; // column i: registers i, i+8, ..., i+56
            P(ref v[0], ref v[1], ref v[16], ref v[17], ref v[32], ref v[33], ref v[48], ref v[49],
              ref v[64], ref v[65], ref v[80], ref v[81], ref v[96], ref v[97], ref v[112], ref v[113]);
        }
        for (int i = 0; i < Words; i++) next[i] ^= q[i];
    }

    /// <summary>RFC 9106 §3.6: P on 16 words, the BLAKE2b round without message words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void P(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, ref ulong v4, ref ulong v5,
        ref ulong v6, ref ulong v7, ref ulong v8, ref ulong v9, ref ulong v10, ref ulong v11, ref ulong v12,
        ref ulong v13, ref ulong v14, ref ulong v15)
    {
        GB(ref v0, ref v4, ref v8, ref v12);
        GB(ref v1, ref v5, ref v9, ref v13);
        GB(ref v2, ref v6, ref v10, ref v14);
        GB(ref v3, ref v7, ref v11, ref v15);
        GB(ref v0, ref v5, ref v10, ref v15);
        GB(ref v1, ref v6, ref v11, ref v12);
        GB(ref v2, ref v7, ref v8, ref v13);
        GB(ref v3, ref v4, ref v9, ref v14);
    }

    /// <summary>RFC 9106 §3.6, GB(a, b, c, d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GB(ref ulong a, ref ulong b, ref ulong c, ref ulong d)
    {
        a = BlaMka(a, b);
        d = BitOperations.RotateRight(d ^ a, 32);
        c = BlaMka(c, d);
        b = BitOperations.RotateRight(b ^ c, 24);
        a = BlaMka(a, b);
        d = BitOperations.RotateRight(d ^ a, 16);
        c = BlaMka(c, d);
        b = BitOperations.RotateRight(b ^ c, 63);
    }

    /// <summary>x + y + 2 * trunc(x) * trunc(y), trunc = the low 32 bits (mod 2^64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BlaMka(ulong x, ulong y) => x + y + 2 * ((ulong)(uint)x * (uint)y);
}
