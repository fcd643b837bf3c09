// K-PKE, the CPA-secure encryption scheme inside ML-KEM: FIPS 203, section 5 (Algorithms 13, 14 and 15).
// Sizes: ek_PKE 384k + 32, dk_PKE 384k, ciphertext 32 (du k + dv), message 32 bytes.
//
// Choices:
// - The matrix A-hat is never stored: each entry is sampled (SampleNTT of rho || j || i, Algorithm 13 step 4)
//   right before its product is accumulated, so the stack holds one public polynomial instead of k^2. Entry
//   A-hat[i, j] comes from the bytes (j, i); the transpose used by Encrypt takes A-hat[j, i], bytes (i, j).
// - Polynomial vectors are k * 256 shorts on the stack, sized for k = 4 and sliced. Every buffer that holds a
//   secret (s, e, y, e1, e2, mu, u, v, w, PRF output) is wiped in a finally block.
// - Secrets are never branched on or used as an index; SampleNTT works on public data.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;

namespace NoFuture.Crypto.Fips203;

internal static class KPke
{
    private const int N = Ntt.N, MaxVector = MlKemParameters.MaxK * Ntt.N;

    /// <summary>FIPS 203, Algorithm 13 (K-PKE.KeyGen) from the 32-byte seed d.</summary>
    internal static void KeyGen(MlKemParameters p, ReadOnlySpan<byte> d, Span<byte> ekPke, Span<byte> dkPke)
    {
        Debug.Assert(d.Length == 32 && ekPke.Length == p.EncapsulationKeySizeInBytes && dkPke.Length == p.EncodedVectorSizeInBytes);
        int k = p.K;
        Span<byte> rhoSigma = stackalloc byte[64];
        Span<short> s = stackalloc short[MaxVector];
        Span<short> e = stackalloc short[MaxVector];
        Span<short> a = stackalloc short[N];
        Span<short> row = stackalloc short[N];
        s = s[..(k * N)];
        e = e[..(k * N)];
        try
        {
            // Step 1: (rho, sigma) = G(d || k).
            ReadOnlySpan<byte> kByte = [(byte)k];
            Sha3.Sha3_512(d, kByte, rhoSigma);
            ReadOnlySpan<byte> rho = rhoSigma[..32], sigma = rhoSigma[32..];

            // Steps 8-15: s and e from CBD_eta1 with N = 0 .. 2k - 1; steps 16-17: into the NTT domain.
            for (int i = 0; i < k; i++)
            {
                Sampling.SamplePolyCbd(sigma, (byte)i, p.Eta1, s.Slice(i * N, N));
                Sampling.SamplePolyCbd(sigma, (byte)(k + i), p.Eta1, e.Slice(i * N, N));
                Ntt.Forward(s.Slice(i * N, N));
                Ntt.Forward(e.Slice(i * N, N));
            }

            // Step 18: t-hat = A-hat s-hat + e-hat, row by row into e (which then holds t-hat).
            for (int i = 0; i < k; i++)
            {
                row.Clear();
                for (int j = 0; j < k; j++)
                {
                    Sampling.SampleNtt(rho, (byte)j, (byte)i, a);
                    Ntt.MultiplyAccumulate(a, s.Slice(j * N, N), row);
                }
                FieldArithmetic.Reduce(row);
                FieldArithmetic.ToMontgomery(row); // cancels the R^-1 of MultiplyNTTs
                Span<short> t = e.Slice(i * N, N);
                FieldArithmetic.Add(t, row);
                FieldArithmetic.Normalize(t);
                // Steps 19-20: ek = ByteEncode12(t-hat) || rho; dk = ByteEncode12(s-hat).
                PolyEncoding.ByteEncode(t, 12, ekPke.Slice(384 * i, 384));
                Span<short> si = s.Slice(i * N, N);
                FieldArithmetic.Normalize(si);
                PolyEncoding.ByteEncode(si, 12, dkPke.Slice(384 * i, 384));
            }
            rho.CopyTo(ekPke[(384 * k)..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rhoSigma);
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(s));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(e));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(row));
        }
    }

    /// <summary>
    /// FIPS 203, Algorithm 14 (K-PKE.Encrypt) of the 32-byte message m with randomness r. The caller has checked
    /// ek_PKE (or accepts ByteDecode12's reduction mod q, as Algorithm 14 step 2 does).
    /// </summary>
    internal static void Encrypt(MlKemParameters p, ReadOnlySpan<byte> ekPke, ReadOnlySpan<byte> m, ReadOnlySpan<byte> r, Span<byte> c)
    {
        Debug.Assert(ekPke.Length == p.EncapsulationKeySizeInBytes && m.Length == 32 && r.Length == 32);
        Debug.Assert(c.Length == p.CiphertextSizeInBytes);
        int k = p.K;
        ReadOnlySpan<byte> rho = ekPke.Slice(384 * k, 32);
        Span<short> y = stackalloc short[MaxVector];
        Span<short> poly = stackalloc short[N];   // e1[i], e2, mu, then compression scratch
        Span<short> acc = stackalloc short[N];    // u[i], then v
        Span<short> a = stackalloc short[N];      // one public matrix entry or t-hat[j]
        y = y[..(k * N)];
        try
        {
            // Steps 9-12: y from CBD_eta1 with N = 0 .. k - 1; step 18: y-hat = NTT(y).
            for (int i = 0; i < k; i++)
            {
                Sampling.SamplePolyCbd(r, (byte)i, p.Eta1, y.Slice(i * N, N));
                Ntt.Forward(y.Slice(i * N, N));
            }

            // Steps 19 and 22: u = NTT^-1(A-hat^T y-hat) + e1, compressed into c1 row by row.
            for (int i = 0; i < k; i++)
            {
                acc.Clear();
                for (int j = 0; j < k; j++)
                {
                    Sampling.SampleNtt(rho, (byte)i, (byte)j, a); // A-hat[j, i]
                    Ntt.MultiplyAccumulate(a, y.Slice(j * N, N), acc);
                }
                FieldArithmetic.Reduce(acc);
                Ntt.InverseToMontgomery(acc);
                Sampling.SamplePolyCbd(r, (byte)(k + i), p.Eta2, poly); // e1[i], N = k + i (steps 13-16)
                FieldArithmetic.Add(acc, poly);
                FieldArithmetic.Normalize(acc);
                PolyEncoding.CompressAndEncode(acc, p.Du, c.Slice(32 * p.Du * i, 32 * p.Du), poly);
            }

            // Steps 20-21 and 23: v = NTT^-1(t-hat^T y-hat) + e2 + Decompress_1(ByteDecode_1(m)), into c2.
            acc.Clear();
            for (int j = 0; j < k; j++)
            {
                PolyEncoding.ByteDecode(ekPke.Slice(384 * j, 384), 12, a); // t-hat[j] (step 2)
                Ntt.MultiplyAccumulate(a, y.Slice(j * N, N), acc);
            }
            FieldArithmetic.Reduce(acc);
            Ntt.InverseToMontgomery(acc);
            Sampling.SamplePolyCbd(r, (byte)(2 * k), p.Eta2, poly); // e2, N = 2k (step 17)
            FieldArithmetic.Add(acc, poly);
            PolyEncoding.DecodeAndDecompress(m, 1, poly); // mu
            FieldArithmetic.Add(acc, poly);
            FieldArithmetic.Normalize(acc);
            PolyEncoding.CompressAndEncode(acc, p.Dv, c.Slice(p.C1SizeInBytes, 32 * p.Dv), poly);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(y));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(poly));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(acc));
        }
    }

    /// <summary>FIPS 203, Algorithm 15 (K-PKE.Decrypt): the 32-byte message m from dk_PKE and a ciphertext.</summary>
    internal static void Decrypt(MlKemParameters p, ReadOnlySpan<byte> dkPke, ReadOnlySpan<byte> c, Span<byte> m)
    {
        Debug.Assert(dkPke.Length == p.EncodedVectorSizeInBytes && c.Length == p.CiphertextSizeInBytes && m.Length == 32);
        int k = p.K;
        Span<short> u = stackalloc short[N];     // u'[i] (public), then NTT(u'[i])
        Span<short> s = stackalloc short[N];     // s-hat[i]
        Span<short> w = stackalloc short[N];     // s-hat^T NTT(u'), then w
        Span<short> v = stackalloc short[N];     // v'
        try
        {
            // Steps 3-6: w = v' - NTT^-1(s-hat^T NTT(u')).
            w.Clear();
            for (int i = 0; i < k; i++)
            {
                PolyEncoding.DecodeAndDecompress(c.Slice(32 * p.Du * i, 32 * p.Du), p.Du, u);
                Ntt.Forward(u);
                PolyEncoding.ByteDecode(dkPke.Slice(384 * i, 384), 12, s);
                Ntt.MultiplyAccumulate(s, u, w);
            }
            FieldArithmetic.Reduce(w);
            Ntt.InverseToMontgomery(w);
            PolyEncoding.DecodeAndDecompress(c.Slice(p.C1SizeInBytes, 32 * p.Dv), p.Dv, v);
            FieldArithmetic.SubtractFrom(w, v);
            FieldArithmetic.Normalize(w);
            // Step 7: m = ByteEncode_1(Compress_1(w)).
            PolyEncoding.CompressAndEncode(w, 1, m, v);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(s));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(w));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(v));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(u));
        }
    }
}
