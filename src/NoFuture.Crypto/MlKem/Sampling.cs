// Sampling: SampleNTT (FIPS 203, Algorithm 7) and SamplePolyCBD_eta (Algorithm 8), with XOF = SHAKE128 and
// PRF_eta(s, b) = SHAKE256(s || b, 64 eta) (section 4.1).
//
// Choices:
// - SampleNTT rejects on public data (rho and the indices come from the public key), so its branches and the
//   number of blocks squeezed leak nothing; it squeezes one 168-byte block at a time.
// - SamplePolyCBD counts bits without a table: for eta = 2 a 32-bit word gives eight coefficients, for eta = 3 a
//   24-bit word gives four; pairwise (or triple-wise) bit sums are formed with masks, then x - y per coefficient.
// - The PRF output is secret and wiped; so is the SHAKE256 state (Sha3.Shake256 clears it).
using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;

namespace NoFuture.Crypto.Fips203;

internal static class Sampling
{
    /// <summary>FIPS 203, Algorithm 7 (SampleNTT) of rho || j || i: a uniform polynomial in T_q, coefficients in [0, q).</summary>
    internal static void SampleNtt(ReadOnlySpan<byte> rho, byte j, byte i, Span<short> a)
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
            for (int p = 0; p + 3 <= block.Length && n < Ntt.N; p += 3)
            {
                int d1 = block[p] | ((block[p + 1] & 0x0F) << 8);
                int d2 = (block[p + 1] >> 4) | (block[p + 2] << 4);
                if (d1 < FieldArithmetic.Q) a[n++] = (short)d1;
                if (d2 < FieldArithmetic.Q && n < Ntt.N) a[n++] = (short)d2;
            }
        }
    }

    /// <summary>SamplePolyCBD_eta(PRF_eta(s, b)) (Algorithm 8): coefficients in [-eta, eta].</summary>
    internal static void SamplePolyCbd(ReadOnlySpan<byte> s, byte b, int eta, Span<short> f)
    {
        Debug.Assert(s.Length == 32 && f.Length == Ntt.N && (eta == 2 || eta == 3));
        Span<byte> prf = stackalloc byte[64 * 3];
        prf = prf[..(64 * eta)];
        try
        {
            ReadOnlySpan<byte> suffix = [b];
            Sha3.Shake256(s, suffix, prf);
            if (eta == 2)
            {
                for (int i = 0; i < Ntt.N / 8; i++)
                {
                    uint t = BinaryPrimitives.ReadUInt32LittleEndian(prf[(4 * i)..]);
                    uint d = (t & 0x55555555) + ((t >> 1) & 0x55555555);
                    for (int j = 0; j < 8; j++)
                    {
                        int x = (int)((d >> (4 * j)) & 3);
                        int y = (int)((d >> (4 * j + 2)) & 3);
                        f[8 * i + j] = (short)(x - y);
                    }
                }
            }
            else
            {
                for (int i = 0; i < Ntt.N / 4; i++)
                {
                    uint t = prf[3 * i] | ((uint)prf[3 * i + 1] << 8) | ((uint)prf[3 * i + 2] << 16);
                    uint d = (t & 0x249249) + ((t >> 1) & 0x249249) + ((t >> 2) & 0x249249);
                    for (int j = 0; j < 4; j++)
                    {
                        int x = (int)((d >> (6 * j)) & 7);
                        int y = (int)((d >> (6 * j + 3)) & 7);
                        f[4 * i + j] = (short)(x - y);
                    }
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prf);
        }
    }
}
