// K-PKE, the CPA-secure encryption scheme inside ML-KEM: FIPS 203, section 5 (Algorithms 13, 14 and 15).
// Sizes: ek_PKE 384k + 32, dk_PKE 384k, ciphertext 32 (du k + dv), message 32 bytes.
//
// Choices:
// - The matrix A-hat (public) is sampled whole onto the stack (k^2 polynomials, 8 KiB at most) before it is
//   used, so the Vector256 path can draw four entries per 4-way Keccak. Entry A-hat[i, j] comes from the bytes
//   (j, i); the transpose used by Encrypt takes A-hat[j, i], bytes (i, j).
// - Every method takes the MlKemPath that computes it (Simd/MlKemPath.cs); all paths give the same bytes.
// - Polynomial vectors are k * 256 shorts on the stack, sized for k = 4 and sliced. Every buffer that holds a
//   secret (s, e, y, e1, e2, mu, u, v, w, PRF output) is wiped in a finally block.
// - Secrets are never branched on or used as an index; SampleNTT works on public data.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem.Simd;

namespace NoFuture.Crypto.MlKem;

internal static class KPke
{
    private const int N = Ntt.N, MaxVector = MlKemParameters.MaxK * Ntt.N, MaxMatrix = MlKemParameters.MaxK * MaxVector;

    /// <summary>FIPS 203, Algorithm 13 (K-PKE.KeyGen) from the 32-byte seed d.</summary>
    internal static void KeyGen(MlKemParameters p, ReadOnlySpan<byte> d, Span<byte> ekPke, Span<byte> dkPke) =>
        KeyGen(p, MlKemPaths.Best, d, ekPke, dkPke);

    /// <summary>FIPS 203, Algorithm 13 (K-PKE.KeyGen) from the 32-byte seed d, computed by <paramref name="path"/>.</summary>
    /// <remarks>
    /// With kyberRound3, Kyber round 3's (CRYSTALS-Kyber v3.02, Kyber.CPAPKE.KeyGen) (rho, sigma) = G(d), without
    /// FIPS 203's domain separator k. Everything else in K-PKE is the same in both.
    /// </remarks>
    [SkipLocalsInit]
    internal static void KeyGen(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> d, Span<byte> ekPke, Span<byte> dkPke, bool kyberRound3 = false)
    {
        Debug.Assert(d.Length == 32 && ekPke.Length == p.EncapsulationKeySizeInBytes && dkPke.Length == p.EncodedVectorSizeInBytes);
        int k = p.K;
        Span<byte> rhoSigma = stackalloc byte[64];
        Span<short> s = stackalloc short[MaxVector];
        Span<short> e = stackalloc short[MaxVector];
        Span<short> a = stackalloc short[MaxMatrix];
        Span<short> row = stackalloc short[N];
        s = s[..(k * N)];
        e = e[..(k * N)];
        a = a[..(k * k * N)];
        try
        {
            // Step 1: (rho, sigma) = G(d || k) (Kyber round 3: G(d)).
            ReadOnlySpan<byte> kByte = [(byte)k];
            Sha3.Sha3_512(d, kyberRound3 ? default : kByte, rhoSigma);
            ReadOnlySpan<byte> rho = rhoSigma[..32], sigma = rhoSigma[32..];

            // Steps 8-15: s and e from CBD_eta1 with N = 0 .. 2k - 1; steps 16-17: into the NTT domain.
            // (s and e are contiguous in nonce order, so one batch draws all 2k.)
            Sampling.SamplePolyCbdBatch(path, sigma, 0, k, p.Eta1, s);
            Sampling.SamplePolyCbdBatch(path, sigma, k, k, p.Eta1, e);
            for (int i = 0; i < k; i++)
            {
                PolyOps.Forward(path, s.Slice(i * N, N));
                PolyOps.Forward(path, e.Slice(i * N, N));
            }

            // Steps 3-7: A-hat; step 18: t-hat = A-hat s-hat + e-hat, row by row into e (which then holds t-hat).
            Sampling.SampleMatrix(path, rho, k, transpose: false, a);
            for (int i = 0; i < k; i++)
            {
                PolyOps.InnerProduct(path, a.Slice(i * k * N, k * N), s, k, row);
                PolyOps.ToMontgomery(path, row); // cancels the R^-1 of MultiplyNTTs
                Span<short> t = e.Slice(i * N, N);
                PolyOps.Add(path, t, row);
                PolyOps.Normalize(path, t);
                // Steps 19-20: ek = ByteEncode12(t-hat) || rho; dk = ByteEncode12(s-hat).
                PolyEncoding.ByteEncode(t, 12, ekPke.Slice(384 * i, 384));
                Span<short> si = s.Slice(i * N, N);
                PolyOps.Normalize(path, si);
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
    internal static void Encrypt(MlKemParameters p, ReadOnlySpan<byte> ekPke, ReadOnlySpan<byte> m, ReadOnlySpan<byte> r, Span<byte> c) =>
        Encrypt(p, MlKemPaths.Best, ekPke, m, r, c);

    /// <summary>FIPS 203, Algorithm 14 (K-PKE.Encrypt), computed by <paramref name="path"/>.</summary>
    [SkipLocalsInit]
    internal static void Encrypt(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> ekPke, ReadOnlySpan<byte> m, ReadOnlySpan<byte> r, Span<byte> c)
    {
        Debug.Assert(ekPke.Length == p.EncapsulationKeySizeInBytes);
        int k = p.K;
        Span<short> a = stackalloc short[MaxMatrix];   // A-hat^T (public)
        Span<short> tHat = stackalloc short[MaxVector]; // t-hat (public)
        a = a[..(k * k * N)];
        tHat = tHat[..(k * N)];
        ExpandEncryptionKey(p, path, ekPke, a, tHat);
        Encrypt(p, path, a, tHat, m, r, c);
    }

    /// <summary>
    /// Steps 2-8 of Algorithm 14, the part that depends only on ek_PKE (public): t-hat = ByteDecode12(ek_PKE[0 : 384k])
    /// and the transpose of A-hat sampled from rho (entry (i, j) is A-hat[j, i]). A key object may run this once and
    /// keep the result (<see cref="ExpandedEncapsulationKey"/>).
    /// </summary>
    internal static void ExpandEncryptionKey(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> ekPke, Span<short> aTranspose, Span<short> tHat)
    {
        int k = p.K;
        Debug.Assert(ekPke.Length == p.EncapsulationKeySizeInBytes && aTranspose.Length == k * k * N && tHat.Length == k * N);
        for (int j = 0; j < k; j++) PolyEncoding.ByteDecode(ekPke.Slice(384 * j, 384), 12, tHat.Slice(j * N, N)); // step 2
        Sampling.SampleMatrix(path, ekPke.Slice(384 * k, 32), k, transpose: true, aTranspose); // steps 3-8, rho = ek_PKE[384k :]
    }

    /// <summary>
    /// Steps 9-23 of Algorithm 14 (K-PKE.Encrypt) over an expanded key: A-hat^T and t-hat from
    /// <see cref="ExpandEncryptionKey"/>. Computed by <paramref name="path"/>.
    /// </summary>
    [SkipLocalsInit]
    internal static void Encrypt(MlKemParameters p, MlKemPath path, ReadOnlySpan<short> aTranspose, ReadOnlySpan<short> tHat, ReadOnlySpan<byte> m, ReadOnlySpan<byte> r, Span<byte> c)
    {
        int k = p.K;
        Debug.Assert(aTranspose.Length == k * k * N && tHat.Length == k * N && m.Length == 32 && r.Length == 32);
        Debug.Assert(c.Length == p.CiphertextSizeInBytes);
        Span<short> y = stackalloc short[MaxVector];
        Span<short> e12 = stackalloc short[MaxVector + N]; // e1[0 .. k-1], e2
        Span<short> poly = stackalloc short[N];   // mu, then compression scratch
        Span<short> acc = stackalloc short[N];    // u[i], then v
        y = y[..(k * N)];
        e12 = e12[..((k + 1) * N)];
        try
        {
            // Steps 9-12: y from CBD_eta1 with N = 0 .. k - 1; step 18: y-hat = NTT(y).
            Sampling.SamplePolyCbdBatch(path, r, 0, k, p.Eta1, y);
            for (int i = 0; i < k; i++) PolyOps.Forward(path, y.Slice(i * N, N));
            // Steps 13-17: e1[i] with N = k + i and e2 with N = 2k, all eta2.
            Sampling.SamplePolyCbdBatch(path, r, k, k + 1, p.Eta2, e12);

            // Steps 19 and 22: u = NTT^-1(A-hat^T y-hat) + e1, compressed into c1 row by row.
            for (int i = 0; i < k; i++)
            {
                PolyOps.InnerProduct(path, aTranspose.Slice(i * k * N, k * N), y, k, acc);
                PolyOps.InverseToMontgomery(path, acc);
                PolyOps.Add(path, acc, e12.Slice(i * N, N));
                PolyOps.Normalize(path, acc);
                PolyOps.CompressAndEncode(path, acc, p.Du, c.Slice(32 * p.Du * i, 32 * p.Du), poly);
            }

            // Steps 20-21 and 23: v = NTT^-1(t-hat^T y-hat) + e2 + Decompress_1(ByteDecode_1(m)), into c2.
            PolyOps.InnerProduct(path, tHat, y, k, acc);
            PolyOps.InverseToMontgomery(path, acc);
            PolyOps.Add(path, acc, e12.Slice(k * N, N));
            PolyOps.DecodeAndDecompress(path, m, 1, poly); // mu
            PolyOps.Add(path, acc, poly);
            PolyOps.Normalize(path, acc);
            PolyOps.CompressAndEncode(path, acc, p.Dv, c.Slice(p.C1SizeInBytes, 32 * p.Dv), poly);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(y));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(e12));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(poly));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(acc));
        }
    }

    /// <summary>
    /// The c1 half of Algorithm 14 (steps 3-19 and 22): c1 = ByteEncode_du(Compress_du(NTT^-1(A-hat^T y-hat) + e1)),
    /// which needs only rho (public) and the randomness r, not t-hat. With <see cref="EncryptSecondPart"/> over the
    /// same m and r it gives exactly <see cref="Encrypt(MlKemParameters, MlKemPath, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>'s c1 || c2
    /// (an incremental encapsulation sends c1 before the peer's t-hat has arrived).
    /// </summary>
    [SkipLocalsInit]
    internal static void EncryptFirstPart(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> rho, ReadOnlySpan<byte> r, Span<byte> c1)
    {
        int k = p.K;
        Debug.Assert(rho.Length == 32 && r.Length == 32 && c1.Length == p.C1SizeInBytes);
        Span<short> a = stackalloc short[MaxMatrix];  // A-hat^T (public)
        Span<short> y = stackalloc short[MaxVector];
        Span<short> e1 = stackalloc short[MaxVector];
        Span<short> poly = stackalloc short[N];       // compression scratch
        Span<short> acc = stackalloc short[N];        // u[i]
        a = a[..(k * k * N)];
        y = y[..(k * N)];
        e1 = e1[..(k * N)];
        try
        {
            Sampling.SampleMatrix(path, rho, k, transpose: true, a);           // steps 3-8
            Sampling.SamplePolyCbdBatch(path, r, 0, k, p.Eta1, y);              // steps 9-12, N = 0 .. k - 1
            for (int i = 0; i < k; i++) PolyOps.Forward(path, y.Slice(i * N, N)); // step 18
            Sampling.SamplePolyCbdBatch(path, r, k, k, p.Eta2, e1);             // steps 13-16, N = k .. 2k - 1
            for (int i = 0; i < k; i++)                                         // steps 19 and 22
            {
                PolyOps.InnerProduct(path, a.Slice(i * k * N, k * N), y, k, acc);
                PolyOps.InverseToMontgomery(path, acc);
                PolyOps.Add(path, acc, e1.Slice(i * N, N));
                PolyOps.Normalize(path, acc);
                PolyOps.CompressAndEncode(path, acc, p.Du, c1.Slice(32 * p.Du * i, 32 * p.Du), poly);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(y));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(e1));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(poly));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(acc));
        }
    }

    /// <summary>
    /// The c2 half of Algorithm 14 (steps 2, 9-12, 17-18, 20-21 and 23): c2 = ByteEncode_dv(Compress_dv(NTT^-1(t-hat^T
    /// y-hat) + e2 + Decompress_1(m))) from the encoded t-hat (384k bytes, ek_PKE without rho), m and r. y and e2 are
    /// drawn again from r with the same nonces (0 .. k - 1 and 2k) as <see cref="EncryptFirstPart"/> and Encrypt.
    /// </summary>
    [SkipLocalsInit]
    internal static void EncryptSecondPart(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> tHatEncoded, ReadOnlySpan<byte> m, ReadOnlySpan<byte> r, Span<byte> c2)
    {
        int k = p.K;
        Debug.Assert(tHatEncoded.Length == p.EncodedVectorSizeInBytes && m.Length == 32 && r.Length == 32 && c2.Length == 32 * p.Dv);
        Span<short> tHat = stackalloc short[MaxVector]; // public
        Span<short> y = stackalloc short[MaxVector];
        Span<short> e2 = stackalloc short[N];
        Span<short> poly = stackalloc short[N];       // mu, then compression scratch
        Span<short> acc = stackalloc short[N];        // v
        tHat = tHat[..(k * N)];
        y = y[..(k * N)];
        try
        {
            for (int j = 0; j < k; j++) PolyEncoding.ByteDecode(tHatEncoded.Slice(384 * j, 384), 12, tHat.Slice(j * N, N)); // step 2
            Sampling.SamplePolyCbdBatch(path, r, 0, k, p.Eta1, y);
            for (int i = 0; i < k; i++) PolyOps.Forward(path, y.Slice(i * N, N));
            Sampling.SamplePolyCbdBatch(path, r, 2 * k, 1, p.Eta2, e2);  // step 17, N = 2k
            PolyOps.InnerProduct(path, tHat, y, k, acc);
            PolyOps.InverseToMontgomery(path, acc);
            PolyOps.Add(path, acc, e2);
            PolyOps.DecodeAndDecompress(path, m, 1, poly); // mu
            PolyOps.Add(path, acc, poly);
            PolyOps.Normalize(path, acc);
            PolyOps.CompressAndEncode(path, acc, p.Dv, c2, poly);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(y));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(e2));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(poly));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(acc));
        }
    }

    /// <summary>FIPS 203, Algorithm 15 (K-PKE.Decrypt): the 32-byte message m from dk_PKE and a ciphertext.</summary>
    internal static void Decrypt(MlKemParameters p, ReadOnlySpan<byte> dkPke, ReadOnlySpan<byte> c, Span<byte> m) =>
        Decrypt(p, MlKemPaths.Best, dkPke, c, m);

    /// <summary>FIPS 203, Algorithm 15 (K-PKE.Decrypt), computed by <paramref name="path"/>.</summary>
    [SkipLocalsInit]
    internal static void Decrypt(MlKemParameters p, MlKemPath path, ReadOnlySpan<byte> dkPke, ReadOnlySpan<byte> c, Span<byte> m)
    {
        Debug.Assert(dkPke.Length == p.EncodedVectorSizeInBytes && c.Length == p.CiphertextSizeInBytes && m.Length == 32);
        int k = p.K;
        Span<short> u = stackalloc short[MaxVector]; // u' (public), then NTT(u')
        Span<short> s = stackalloc short[MaxVector]; // s-hat
        Span<short> w = stackalloc short[N];         // s-hat^T NTT(u'), then w
        Span<short> v = stackalloc short[N];         // v'
        u = u[..(k * N)];
        s = s[..(k * N)];
        try
        {
            // Steps 3-6: w = v' - NTT^-1(s-hat^T NTT(u')).
            for (int i = 0; i < k; i++)
            {
                Span<short> ui = u.Slice(i * N, N);
                PolyOps.DecodeAndDecompress(path, c.Slice(32 * p.Du * i, 32 * p.Du), p.Du, ui);
                PolyOps.Forward(path, ui);
                PolyEncoding.ByteDecode(dkPke.Slice(384 * i, 384), 12, s.Slice(i * N, N));
            }
            PolyOps.InnerProduct(path, s, u, k, w);
            PolyOps.InverseToMontgomery(path, w);
            PolyOps.DecodeAndDecompress(path, c.Slice(p.C1SizeInBytes, 32 * p.Dv), p.Dv, v);
            PolyOps.SubtractFrom(path, w, v);
            PolyOps.Normalize(path, w);
            // Step 7: m = ByteEncode_1(Compress_1(w)).
            PolyOps.CompressAndEncode(path, w, 1, m, v);
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
