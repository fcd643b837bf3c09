// ML-DSA's internal algorithms: FIPS 204, section 6 (Algorithm 6 ML-DSA.KeyGen_internal, Algorithm 7
// ML-DSA.Sign_internal, Algorithm 8 ML-DSA.Verify_internal), and the message representative mu of
// Algorithm 7 step 6 for pure ML-DSA (Algorithm 2, M' = 0 || |ctx| || ctx || M) and HashML-DSA (Algorithm 4,
// M' = 1 || |ctx| || ctx || OID || PH(M)). H = SHAKE256.
//
// Choices:
// - Callers pass exactly sized spans; this layer only asserts. Randomness (xi, rnd) is the caller's.
// - Sign_internal takes mu (external-mu form, as Algorithm 7 computes it in step 6 before anything else uses M'),
//   and the expanded matrix A-hat, which is public and may be cached by the key object. Steps 1-4 (skDecode and the
//   NTTs of s1, s2, t0) are split out (ComputeNttForms) so a key object computes them once into secret memory and
//   signs from them (SignWithNttForms).
// - All polynomial scratch is stack memory (about 71 KiB for ML-DSA-87 signing), wiped in a finally block. No managed
//   allocation.
// - Every operation takes the MlDsaPath that computes it (Simd/MlDsaPath.cs); all paths give the same bytes. The
//   overloads without a path use MlDsaPaths.Best.
// - Key generation and verification expand the whole matrix A-hat onto the stack (up to 56 KiB for ML-DSA-87), so
//   the Vector256 path can sample it four polynomials at a time.
// - The rejection loop (Algorithm 7, steps 10-31) computes each norm over every coefficient with no early exit
//   (Field.ExceedsNorm) and branches only on the combined result of each check, which FIPS 204 permits to leak.
using System.Diagnostics;
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlDsa.Simd;

namespace NoFuture.Crypto.MlDsa;

internal static class MlDsaCore
{
    private const int N = 256;

    /// <summary>FIPS 204, Algorithm 6 (ML-DSA.KeyGen_internal) from the 32-byte seed xi.</summary>
    internal static void KeyGenInternal(MlDsaParameters p, ReadOnlySpan<byte> xi, Span<byte> pk, Span<byte> sk) =>
        KeyGenInternal(p, MlDsaPaths.Best, xi, pk, sk);

    /// <summary>Algorithm 6 on the given path.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal static void KeyGenInternal(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> xi, Span<byte> pk, Span<byte> sk)
    {
        Debug.Assert(xi.Length == 32 && pk.Length == p.PublicKeySizeInBytes && sk.Length == p.PrivateKeySizeInBytes);
        int k = p.K, l = p.L;
        Span<byte> seeds = stackalloc byte[128]; // rho (32) || rho' (64) || K (32)
        Span<int> s1 = stackalloc int[N * MlDsaParameters.MaxL];
        Span<int> s1Hat = stackalloc int[N * MlDsaParameters.MaxL];
        Span<int> s2 = stackalloc int[N * MlDsaParameters.MaxK];
        Span<int> t0 = stackalloc int[N * MlDsaParameters.MaxK];
        Span<int> t1 = stackalloc int[N * MlDsaParameters.MaxK]; // public
        Span<int> aHat = stackalloc int[N * MlDsaParameters.MaxK * MlDsaParameters.MaxL]; // public
        Span<int> t = stackalloc int[N];
        s1 = s1[..(N * l)];
        s1Hat = s1Hat[..(N * l)];
        s2 = s2[..(N * k)];
        t0 = t0[..(N * k)];
        t1 = t1[..(N * k)];
        aHat = aHat[..(N * k * l)];
        try
        {
            // Step 1: (rho, rho', K) = H(xi || IntegerToBytes(k, 1) || IntegerToBytes(l, 1), 128).
            Span<byte> kl = [(byte)k, (byte)l];
            KeccakState h = KeccakState.Shake256();
            try
            {
                h.Absorb(xi);
                h.Absorb(kl);
                h.Squeeze(seeds);
            }
            finally
            {
                h.Clear();
            }
            ReadOnlySpan<byte> rho = seeds[..32], rhoPrime = seeds.Slice(32, 64), key = seeds.Slice(96, 32);
            // Step 4: (s1, s2) = ExpandS(rho').
            Sampling.ExpandS(p, path, rhoPrime, s1, s2);
            s1.CopyTo(s1Hat);
            for (int j = 0; j < l; j++) PolyOps.Forward(path, s1Hat.Slice(N * j, N));
            // Steps 3, 5: t = NTT^-1(A-hat o NTT(s1)) + s2; step 6: (t1, t0) = Power2Round(t).
            Sampling.ExpandA(p, path, rho, aHat);
            for (int i = 0; i < k; i++)
            {
                PolyOps.InnerProduct(path, t, aHat.Slice(N * l * i, N * l), s1Hat, l);
                PolyOps.InverseFromMontgomery(path, t);
                PolyOps.AddPower2Round(path, t, s2.Slice(N * i, N), t1.Slice(N * i, N), t0.Slice(N * i, N));
            }
            // Steps 7-9: pk = pkEncode(rho, t1); tr = H(pk, 64); sk = skEncode(rho, K, tr, s1, s2, t0).
            Packing.EncodePublicKey(p, rho, t1, pk);
            rho.CopyTo(sk);
            key.CopyTo(sk[32..]);
            Sha3.Shake256(pk, sk.Slice(64, 64));
            Packing.EncodePrivateVectors(p, s1, s2, t0, sk);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seeds);
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s1));
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s1Hat));
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s2));
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(t0));
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(t));
        }
    }

    /// <summary>
    /// Rebuilds pk from an expanded private key (t = NTT^-1(A-hat o NTT(s1)) + s2, t1 = Power2Round(t)_1, as
    /// Algorithm 6 steps 5-7) and checks the key: s1 and s2 in [-eta, eta], t0 equal to Power2Round(t)_0, and
    /// tr = H(pk, 64). FIPS 204's skDecode checks none of these; a key failing them cannot come from KeyGen.
    /// Returns false on any failure (pk is then unspecified); the checks are combined without early exit.
    /// </summary>
    internal static bool PublicKeyFromPrivateKey(MlDsaParameters p, ReadOnlySpan<byte> sk, Span<byte> pk) =>
        PublicKeyFromPrivateKey(p, MlDsaPaths.Best, sk, pk);

    /// <summary>The private key check on the given path.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal static bool PublicKeyFromPrivateKey(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> sk, Span<byte> pk)
    {
        Debug.Assert(sk.Length == p.PrivateKeySizeInBytes && pk.Length == p.PublicKeySizeInBytes);
        int k = p.K, l = p.L;
        Span<int> s1 = stackalloc int[N * MlDsaParameters.MaxL];
        Span<int> s2 = stackalloc int[N * MlDsaParameters.MaxK];
        Span<int> t0 = stackalloc int[N * MlDsaParameters.MaxK];
        Span<int> t1 = stackalloc int[N * MlDsaParameters.MaxK];
        Span<int> aHat = stackalloc int[N * MlDsaParameters.MaxK * MlDsaParameters.MaxL];
        Span<int> t = stackalloc int[N];
        Span<int> low = stackalloc int[N];
        Span<byte> tr = stackalloc byte[64];
        s1 = s1[..(N * l)];
        s2 = s2[..(N * k)];
        t0 = t0[..(N * k)];
        t1 = t1[..(N * k)];
        aHat = aHat[..(N * k * l)];
        try
        {
            bool inRange = Packing.DecodePrivateVectors(p, sk, s1, s2, t0);
            for (int j = 0; j < l; j++) PolyOps.Forward(path, s1.Slice(N * j, N)); // s1 is only needed as s1-hat here
            ReadOnlySpan<byte> rho = sk[..32];
            Sampling.ExpandA(p, path, rho, aHat);
            int mismatch = 0;
            for (int i = 0; i < k; i++)
            {
                PolyOps.InnerProduct(path, t, aHat.Slice(N * l * i, N * l), s1, l);
                PolyOps.InverseFromMontgomery(path, t);
                PolyOps.AddPower2Round(path, t, s2.Slice(N * i, N), t1.Slice(N * i, N), low);
                for (int c = 0; c < N; c++) mismatch |= low[c] ^ t0[N * i + c];
            }
            Packing.EncodePublicKey(p, rho, t1, pk);
            Sha3.Shake256(pk, tr);
            bool trMatches = CryptographicOperations.FixedTimeEquals(tr, sk.Slice(64, 64));
            return inRange & trMatches & mismatch == 0;
        }
        finally
        {
            Wipe(s1);
            Wipe(s2);
            Wipe(t0);
            Wipe(t);
            Wipe(low);
        }
    }

    /// <summary>
    /// mu = H(tr || M', 64) (Algorithm 7 step 6 / Algorithm 8 step 7) with M' built on the fly:
    /// pure (Algorithm 2): 0 || |ctx| || ctx || message; pre-hash (Algorithm 4): 1 || |ctx| || ctx || oid || message
    /// (the message being PH(M)), selected by a non-empty <paramref name="oid"/>.
    /// </summary>
    internal static void ComputeMu(ReadOnlySpan<byte> tr, ReadOnlySpan<byte> context, ReadOnlySpan<byte> oid, ReadOnlySpan<byte> message, Span<byte> mu)
    {
        Debug.Assert(tr.Length == 64 && context.Length <= 255 && mu.Length == 64);
        Span<byte> header = [oid.IsEmpty ? (byte)0 : (byte)1, (byte)context.Length];
        KeccakState h = KeccakState.Shake256();
        try
        {
            h.Absorb(tr);
            h.Absorb(header);
            h.Absorb(context);
            h.Absorb(oid);
            h.Absorb(message);
            h.Squeeze(mu);
        }
        finally
        {
            h.Clear(); // the message may be secret to the caller
        }
    }

    /// <summary>mu = H(tr || M', 64) for a raw M' (Sign_internal / Verify_internal on M').</summary>
    internal static void ComputeMuInternal(ReadOnlySpan<byte> tr, ReadOnlySpan<byte> messagePrime, Span<byte> mu)
    {
        KeccakState h = KeccakState.Shake256();
        try
        {
            h.Absorb(tr);
            h.Absorb(messagePrime);
            h.Squeeze(mu);
        }
        finally
        {
            h.Clear();
        }
    }

    /// <summary>
    /// FIPS 204, Algorithm 7 (ML-DSA.Sign_internal) from mu (step 6 done by the caller) and the 32-byte rnd.
    /// <paramref name="aHat"/> is ExpandA(rho) for the rho in <paramref name="sk"/> (k l polynomials, row-major).
    /// Returns false, writing nothing, when s1 or s2 of <paramref name="sk"/> is out of range.
    /// </summary>
    internal static bool SignInternal(MlDsaParameters p, ReadOnlySpan<byte> sk, ReadOnlySpan<int> aHat, ReadOnlySpan<byte> mu, ReadOnlySpan<byte> rnd, Span<byte> signature) =>
        SignInternal(p, MlDsaPaths.Best, sk, aHat, mu, rnd, signature, out _);

    /// <summary>
    /// Algorithm 7 on the given path; <paramref name="iterations"/> is the number of rejection-loop iterations run
    /// (public per FIPS 204; used by the timing test to compare runs with equal counts).
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal static bool SignInternal(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> sk, ReadOnlySpan<int> aHat, ReadOnlySpan<byte> mu, ReadOnlySpan<byte> rnd, Span<byte> signature, out int iterations)
    {
        iterations = 0;
        Debug.Assert(sk.Length == p.PrivateKeySizeInBytes);
        Span<int> forms = stackalloc int[N * (MlDsaParameters.MaxL + 2 * MlDsaParameters.MaxK)];
        forms = forms[..NttFormsLength(p)];
        try
        {
            if (!ComputeNttForms(p, path, sk, forms)) return false;
            SignWithNttForms(p, path, sk.Slice(32, 32), forms, aHat, mu, rnd, signature, out iterations);
            return true;
        }
        finally
        {
            Wipe(forms);
        }
    }

    /// <summary>The number of ints of <see cref="ComputeNttForms"/>'s output: NTT(s1) || NTT(s2) || NTT(t0).</summary>
    internal static int NttFormsLength(MlDsaParameters p) => N * (p.L + 2 * p.K);

    /// <summary>
    /// Algorithm 7 steps 1-4 (skDecode, then s1-hat, s2-hat, t0-hat), which depend only on the key, so a key object
    /// computes them once into secret memory. <paramref name="forms"/> receives s1-hat || s2-hat || t0-hat (computed
    /// on <paramref name="path"/>). Returns false when s1 or s2 is out of range (the output is then still written).
    /// </summary>
    internal static bool ComputeNttForms(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> sk, Span<int> forms)
    {
        Debug.Assert(sk.Length == p.PrivateKeySizeInBytes && forms.Length == NttFormsLength(p));
        int k = p.K, l = p.L;
        Span<int> s1Hat = forms[..(N * l)], s2Hat = forms.Slice(N * l, N * k), t0Hat = forms.Slice(N * (l + k), N * k);
        bool inRange = Packing.DecodePrivateVectors(p, sk, s1Hat, s2Hat, t0Hat);
        for (int j = 0; j < l; j++) PolyOps.Forward(path, s1Hat.Slice(N * j, N));
        for (int i = 0; i < k; i++)
        {
            PolyOps.Forward(path, s2Hat.Slice(N * i, N));
            PolyOps.Forward(path, t0Hat.Slice(N * i, N));
        }
        return inRange;
    }

    /// <summary>
    /// Algorithm 7 steps 7-33 from the 32-byte K of the private key and <paramref name="forms"/> =
    /// <see cref="ComputeNttForms"/>'s output for the same key and path (s1 and s2 known to be in range).
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal static void SignWithNttForms(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> key, ReadOnlySpan<int> forms, ReadOnlySpan<int> aHat, ReadOnlySpan<byte> mu, ReadOnlySpan<byte> rnd, Span<byte> signature, out int iterations)
    {
        iterations = 0;
        Debug.Assert(p.L >= 4, "ExpandMask's polynomials made ahead (at most 3) must fit in one iteration.");
        Debug.Assert(key.Length == 32 && forms.Length == NttFormsLength(p) && aHat.Length == N * p.K * p.L);
        Debug.Assert(mu.Length == 64 && rnd.Length == 32 && signature.Length == p.SignatureSizeInBytes);
        int k = p.K, l = p.L, gamma1 = p.Gamma1, gamma2 = p.Gamma2, beta = p.Beta;
        ReadOnlySpan<int> s1Hat = forms[..(N * l)], s2Hat = forms.Slice(N * l, N * k), t0Hat = forms.Slice(N * (l + k), N * k);
        Span<int> y = stackalloc int[N * MlDsaParameters.MaxL];
        Span<int> pending = stackalloc int[N * 3]; // ExpandMask polynomials made ahead for the next iteration
        Span<int> z = stackalloc int[N * MlDsaParameters.MaxL];
        Span<int> w = stackalloc int[N * MlDsaParameters.MaxK];
        Span<int> w1 = stackalloc int[N * MlDsaParameters.MaxK];
        Span<int> r = stackalloc int[N * MlDsaParameters.MaxK];
        Span<int> hint = stackalloc int[N * MlDsaParameters.MaxK];
        Span<int> cHat = stackalloc int[N];
        Span<int> product = stackalloc int[N];
        Span<byte> rhoPrimePrime = stackalloc byte[64];
        Span<byte> w1Packed = stackalloc byte[MlDsaParameters.MaxW1PackedSizeInBytes];
        Span<byte> cTilde = stackalloc byte[MlDsaParameters.MaxCTildeSizeInBytes];
        y = y[..(N * l)];
        z = z[..(N * l)];
        w = w[..(N * k)];
        w1 = w1[..(N * k)];
        r = r[..(N * k)];
        hint = hint[..(N * k)];
        w1Packed = w1Packed[..p.W1PackedSizeInBytes];
        cTilde = cTilde[..p.CTildeSizeInBytes];
        try
        {
            // Step 7: rho'' = H(K || rnd || mu, 64).
            KeccakState h = KeccakState.Shake256();
            try
            {
                h.Absorb(key);
                h.Absorb(rnd);
                h.Absorb(mu);
                h.Squeeze(rhoPrimePrime);
            }
            finally
            {
                h.Clear();
            }
            int pendingCount = 0;
            for (int kappa = 0; ; kappa += l)
            {
                iterations++;
                // Step 11: y = ExpandMask(rho'', kappa), its first polynomials possibly made by the previous
                // iteration (they are those of indices kappa, kappa + 1, ...); step 12: w = NTT^-1(A-hat o NTT(y)).
                // At most 3 are pending and l >= 4, so all of them are used here.
                pending[..(N * pendingCount)].CopyTo(y);
                pendingCount = Sampling.ExpandMaskRun(p, path, rhoPrimePrime, kappa + pendingCount, y[(N * pendingCount)..], pending);
                y.CopyTo(z);
                for (int j = 0; j < l; j++) PolyOps.Forward(path, z.Slice(N * j, N));
                for (int i = 0; i < k; i++)
                {
                    Span<int> wi = w.Slice(N * i, N);
                    PolyOps.InnerProduct(path, wi, aHat.Slice(N * l * i, N * l), z, l);
                    PolyOps.InverseFromMontgomery(path, wi);
                    // Step 13: w1 = HighBits(w).
                    PolyOps.FreezeHighBits(path, wi, w1.Slice(N * i, N), gamma2);
                }
                // Step 15: c-tilde = H(mu || w1Encode(w1), lambda/4); steps 16-17: c-hat = NTT(SampleInBall(c-tilde)).
                Packing.EncodeW1(p, w1, w1Packed);
                h = KeccakState.Shake256();
                try
                {
                    h.Absorb(mu);
                    h.Absorb(w1Packed);
                    h.Squeeze(cTilde);
                }
                finally
                {
                    h.Clear();
                }
                Sampling.SampleInBall(p, path, cTilde, cHat);
                PolyOps.Forward(path, cHat);
                // Steps 18, 20: z = y + NTT^-1(c-hat o s1-hat), centered.
                for (int j = 0; j < l; j++)
                {
                    Span<int> zj = z.Slice(N * j, N);
                    PolyOps.PointwiseMontgomery(path, zj, cHat, s1Hat.Slice(N * j, N));
                    PolyOps.InverseFromMontgomery(path, zj);
                    PolyOps.AddCentered(path, zj, y.Slice(N * j, N));
                }
                // Steps 19, 21: r = w - NTT^-1(c-hat o s2-hat) in [0, q); r0 = LowBits(r).
                int bad = PolyOps.ExceedsNorm(path, z, gamma1 - beta);
                int badLow = 0;
                for (int i = 0; i < k; i++)
                {
                    Span<int> ri = r.Slice(N * i, N);
                    PolyOps.PointwiseMontgomery(path, ri, cHat, s2Hat.Slice(N * i, N));
                    PolyOps.InverseFromMontgomery(path, ri);
                    badLow |= PolyOps.SubtractFreezeLowBitsExceed(path, ri, w.Slice(N * i, N), gamma2, gamma2 - beta);
                }
                // Step 23: reject on ||z|| >= gamma1 - beta or ||r0|| >= gamma2 - beta.
                if ((bad | badLow) != 0) continue;
                // Steps 25-27: ct0 = NTT^-1(c-hat o t0-hat); h = MakeHint(-ct0, r + ct0); reject on ||ct0|| >= gamma2
                // or more than omega ones in h.
                int badCt0 = 0, ones = 0;
                for (int i = 0; i < k; i++)
                {
                    PolyOps.PointwiseMontgomery(path, product, cHat, t0Hat.Slice(N * i, N));
                    PolyOps.InverseFromMontgomery(path, product);
                    PolyOps.CenterFreeze(path, product);
                    badCt0 |= PolyOps.ExceedsNorm(path, product, gamma2);
                    ones += PolyOps.MakeHints(path, r.Slice(N * i, N), product, hint.Slice(N * i, N), gamma2);
                }
                if ((badCt0 | ((p.Omega - ones) >>> 31)) != 0) continue;
                // Step 33: sigma = sigEncode(c-tilde, z mod+- q, h).
                Packing.EncodeSignature(p, cTilde, z, hint, signature);
                return;
            }
        }
        finally
        {
            Wipe(y);
            Wipe(pending);
            Wipe(z);
            Wipe(w);
            Wipe(w1);
            Wipe(r);
            Wipe(hint);
            Wipe(cHat);
            Wipe(product);
            CryptographicOperations.ZeroMemory(rhoPrimePrime);
            CryptographicOperations.ZeroMemory(w1Packed);
            CryptographicOperations.ZeroMemory(cTilde);
        }
    }

    /// <summary>
    /// FIPS 204, Algorithm 8 (ML-DSA.Verify_internal) from mu (step 7 done by the caller). All inputs are public.
    /// </summary>
    internal static bool VerifyInternal(MlDsaParameters p, ReadOnlySpan<byte> pk, ReadOnlySpan<byte> mu, ReadOnlySpan<byte> signature) =>
        VerifyInternal(p, MlDsaPaths.Best, pk, default, mu, signature);

    /// <summary>
    /// Algorithm 8 on the given path, with A-hat = ExpandA(rho) given (a key's cache) or, when
    /// <paramref name="cachedAHat"/> is empty, expanded here.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal static bool VerifyInternal(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> pk, ReadOnlySpan<int> cachedAHat, ReadOnlySpan<byte> mu, ReadOnlySpan<byte> signature)
    {
        Debug.Assert(pk.Length == p.PublicKeySizeInBytes && mu.Length == 64);
        if (signature.Length != p.SignatureSizeInBytes) return false;
        int k = p.K, l = p.L, gamma2 = p.Gamma2;
        Span<int> z = stackalloc int[N * MlDsaParameters.MaxL];
        Span<int> hint = stackalloc int[N * MlDsaParameters.MaxK];
        Span<int> w1 = stackalloc int[N * MlDsaParameters.MaxK];
        Span<int> cHat = stackalloc int[N];
        Span<int> acc = stackalloc int[N];
        Span<int> t1 = stackalloc int[N];
        Span<byte> w1Packed = stackalloc byte[MlDsaParameters.MaxW1PackedSizeInBytes];
        Span<byte> cTildePrime = stackalloc byte[MlDsaParameters.MaxCTildeSizeInBytes];
        z = z[..(N * l)];
        hint = hint[..(N * k)];
        w1 = w1[..(N * k)];
        w1Packed = w1Packed[..p.W1PackedSizeInBytes];
        cTildePrime = cTildePrime[..p.CTildeSizeInBytes];
        // Steps 2-4: sigDecode; a malformed hint is bottom.
        if (!Packing.DecodeSignature(p, signature, z, hint)) return false;
        // Step 13 (checked first, on public data): ||z|| < gamma1 - beta.
        if (Field.ExceedsNorm(z, p.Gamma1 - p.Beta) != 0) return false;
        ReadOnlySpan<byte> cTilde = signature[..p.CTildeSizeInBytes];
        ReadOnlySpan<byte> rho = pk[..32];
        // Steps 8-9: c-hat = NTT(SampleInBall(c-tilde)); w'Approx = NTT^-1(A-hat o NTT(z) - c-hat o NTT(t1 2^d)).
        Sampling.SampleInBall(p, path, cTilde, cHat);
        PolyOps.Forward(path, cHat);
        for (int j = 0; j < l; j++) PolyOps.Forward(path, z.Slice(N * j, N));
        scoped ReadOnlySpan<int> aHat = cachedAHat;
        Span<int> expanded = cachedAHat.IsEmpty ? stackalloc int[N * MlDsaParameters.MaxK * MlDsaParameters.MaxL] : default;
        if (cachedAHat.IsEmpty)
        {
            Sampling.ExpandA(p, path, rho, expanded[..(N * k * l)]);
            aHat = expanded;
        }
        for (int i = 0; i < k; i++)
        {
            PolyOps.InnerProduct(path, acc, aHat.Slice(N * l * i, N * l), z, l);
            Packing.UnpackSimple(pk.Slice(32 + 320 * i, 320), 10, t1);
            for (int c = 0; c < N; c++) t1[c] <<= MlDsaParameters.D;
            PolyOps.Forward(path, t1);
            PolyOps.PointwiseMontgomerySubtract(path, acc, cHat, t1);
            PolyOps.InverseFromMontgomery(path, acc);
            // Step 10: w1' = UseHint(h, w'Approx).
            PolyOps.FreezeUseHints(path, acc, hint.Slice(N * i, N), w1.Slice(N * i, N), gamma2);
        }
        // Step 12: c-tilde' = H(mu || w1Encode(w1'), lambda/4); step 13: compare.
        Packing.EncodeW1(p, w1, w1Packed);
        KeccakState h = KeccakState.Shake256();
        h.Absorb(mu);
        h.Absorb(w1Packed);
        h.Squeeze(cTildePrime);
        return CryptographicOperations.FixedTimeEquals(cTilde, cTildePrime);
    }

    private static void Wipe(Span<int> span) =>
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(span));
}
