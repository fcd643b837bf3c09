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
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;

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
            for (int i = 0; i + 3 <= block.Length && j < 256; i += 3)
            {
                int candidate = block[i] | (block[i + 1] << 8) | ((block[i + 2] & 0x7F) << 16); // Algorithm 14
                if (candidate < Q) a[j++] = candidate;
            }
        }
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
                for (int i = 0; i < block.Length && j < 256; i++)
                {
                    int z0 = block[i] & 15, z1 = block[i] >> 4;
                    j += CoeffFromHalfByte(z0, eta2, a, j);
                    if (j < 256) j += CoeffFromHalfByte(z1, eta2, a, j);
                }
            }
        }
        finally
        {
            h.Clear();
            CryptographicOperations.ZeroMemory(block);
        }
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
    internal static void SampleInBall(MlDsaParameters p, ReadOnlySpan<byte> cTilde, Span<int> c)
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
                int cj = 0;
                for (int k = 0; k < i; k++) cj |= c[k] & EqualMask(k, j);
                c[i] = cj;
                for (int k = 0; k < i; k++) c[k] ^= (c[k] ^ sign) & EqualMask(k, j);
                c[i] ^= (c[i] ^ sign) & EqualMask(i, j);
            }
        }
        finally
        {
            h.Clear();
            CryptographicOperations.ZeroMemory(block);
        }
    }
}
