// Each vector path of ML-DSA (MlDsa/Simd) against the scalar code, operation by operation, on random inputs and on the
// edges of each operation's domain (0, q - 1, the Decompose boundaries around multiples of 2 gamma2, the norm bounds),
// so a lane-ordering or rounding slip shows here by name, not only as a vector mismatch. ExpandA runs both its
// four-way and (with AVX-512F) eight-way sponges, and the eight-way SHAKE is checked against eight scalar sponges.
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlDsa;
using NoFuture.Crypto.MlDsa.Simd;
using static NoFuture.Crypto.Tests.MlDsa.MlDsaTestSupport;

namespace NoFuture.Crypto.Tests.MlDsa;

public class PathArithmeticTests
{
    private const int N = 256, Q = 8380417;

    public static TheoryData<string> VectorPaths => new() { "Vector128", "Vector256" };

    private static int[] Random(Random rng, int low, int high)
    {
        var f = new int[N];
        for (int i = 0; i < N; i++) f[i] = rng.Next(low, high);
        return f;
    }

    /// <summary>Values of [0, q) near the Decompose boundaries for both gamma2, with random fill.</summary>
    private static IEnumerable<int[]> FrozenInputs(Random rng)
    {
        var edges = new List<int> { 0, 1, Q - 2, Q - 1, (Q - 1) / 2, (Q + 1) / 2 };
        foreach (int gamma2 in new[] { (Q - 1) / 88, (Q - 1) / 32 })
            for (int m = 0; m * 2 * gamma2 < Q + 2 * gamma2; m++)
                for (int d = -2; d <= 2; d++)
                {
                    int r = m * 2 * gamma2 + d, s = m * 2 * gamma2 + gamma2 + d;
                    if (r >= 0 && r < Q) edges.Add(r);
                    if (s >= 0 && s < Q) edges.Add(s);
                }
        for (int start = 0; start < edges.Count; start += N)
        {
            int[] f = Random(rng, 0, Q);
            for (int i = 0; i < N && start + i < edges.Count; i++) f[i] = edges[start + i];
            yield return f;
        }
        for (int t = 0; t < 20; t++) yield return Random(rng, 0, Q);
    }

    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void NttAndProductsMatchScalar(string pathName)
    {
        MlDsaPath path = PathOf(pathName);
        var rng = new Random(204);
        for (int trial = 0; trial < 50; trial++)
        {
            int[] a = Random(rng, -Q + 1, Q), b = Random(rng, -Q + 1, Q);
            int[] expected = (int[])a.Clone(), got = (int[])a.Clone();
            Ntt.Forward(expected);
            PolyOps.Forward(path, got);
            Assert.Equal(expected, got);

            // Sums of up to 7 Montgomery products, as the inner products pass to the inverse transform.
            int[] sum = new int[N], sumGot = new int[N];
            for (int j = 0; j < 7; j++) Ntt.PointwiseMontgomeryAccumulate(sum, a, b);
            PolyOps.InnerProduct(path, sumGot, [.. a, .. a, .. a, .. a, .. a, .. a, .. a], [.. b, .. b, .. b, .. b, .. b, .. b, .. b], 7);
            Assert.Equal(sum, sumGot);
            Ntt.InverseFromMontgomery(sum);
            PolyOps.InverseFromMontgomery(path, sumGot);
            Assert.Equal(sum, sumGot);

            int[] product = new int[N], productGot = new int[N];
            Ntt.PointwiseMontgomery(product, a, b);
            PolyOps.PointwiseMontgomery(path, productGot, a, b);
            Assert.Equal(product, productGot);
            PolyOps.PointwiseMontgomerySubtract(MlDsaPath.Scalar, product, a, b);
            PolyOps.PointwiseMontgomerySubtract(path, productGot, a, b);
            Assert.Equal(product, productGot);
        }
    }

    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void RoundingAndNormsMatchScalar(string pathName)
    {
        MlDsaPath path = PathOf(pathName);
        var rng = new Random(2040);
        foreach (int gamma2 in new[] { (Q - 1) / 88, (Q - 1) / 32 })
        {
            foreach (int[] r in FrozenInputs(rng))
            {
                int[] w = (int[])r.Clone(), wGot = (int[])r.Clone(), w1 = new int[N], w1Got = new int[N];
                PolyOps.FreezeHighBits(MlDsaPath.Scalar, w, w1, gamma2);
                PolyOps.FreezeHighBits(path, wGot, w1Got, gamma2);
                Assert.Equal(w, wGot);
                Assert.Equal(w1, w1Got);

                int[] other = Random(rng, 0, Q);
                int[] low = (int[])other.Clone(), lowGot = (int[])other.Clone();
                foreach (int bound in new[] { gamma2 - 78, gamma2 - 196, gamma2 + 1, 1 })
                {
                    other.CopyTo(low, 0);
                    other.CopyTo(lowGot, 0);
                    Assert.Equal(
                        PolyOps.SubtractFreezeLowBitsExceed(MlDsaPath.Scalar, low, r, gamma2, bound),
                        PolyOps.SubtractFreezeLowBitsExceed(path, lowGot, r, gamma2, bound));
                    Assert.Equal(low, lowGot);
                }

                int[] ct0 = Random(rng, -gamma2, gamma2 + 1);
                int[] hint = new int[N], hintGot = new int[N];
                Assert.Equal(PolyOps.MakeHints(MlDsaPath.Scalar, r, ct0, hint, gamma2), PolyOps.MakeHints(path, r, ct0, hintGot, gamma2));
                Assert.Equal(hint, hintGot);

                int[] use = new int[N], useGot = new int[N];
                PolyOps.FreezeUseHints(MlDsaPath.Scalar, r, hint, use, gamma2);
                PolyOps.FreezeUseHints(path, r, hint, useGot, gamma2);
                Assert.Equal(use, useGot);
                int[] ones = Enumerable.Repeat(1, N).ToArray();
                PolyOps.FreezeUseHints(MlDsaPath.Scalar, r, ones, use, gamma2);
                PolyOps.FreezeUseHints(path, r, ones, useGot, gamma2);
                Assert.Equal(use, useGot);
            }
        }

        for (int trial = 0; trial < 50; trial++)
        {
            int[] t = Random(rng, -Q + 1, Q), s2 = Random(rng, -4, 5);
            int[] t1 = new int[N], t0 = new int[N], t1Got = new int[N], t0Got = new int[N];
            PolyOps.AddPower2Round(MlDsaPath.Scalar, t, s2, t1, t0);
            PolyOps.AddPower2Round(path, t, s2, t1Got, t0Got);
            Assert.Equal(t1, t1Got);
            Assert.Equal(t0, t0Got);

            int[] z = Random(rng, -Q + 1, Q), y = Random(rng, -(1 << 19) + 1, (1 << 19) + 1);
            int[] zScalar = (int[])z.Clone(), zGot = (int[])z.Clone();
            PolyOps.AddCentered(MlDsaPath.Scalar, zScalar, y);
            PolyOps.AddCentered(path, zGot, y);
            Assert.Equal(zScalar, zGot);
            int[] centered = (int[])z.Clone(), centeredGot = (int[])z.Clone();
            PolyOps.CenterFreeze(MlDsaPath.Scalar, centered);
            PolyOps.CenterFreeze(path, centeredGot);
            Assert.Equal(centered, centeredGot);

            // Norm checks at the bound exactly: one coefficient at +-bound (exceeds) or +-(bound - 1) (does not).
            int bound = (1 << 19) - 196;
            int[] f = Random(rng, -bound + 1, bound);
            Assert.Equal(0, PolyOps.ExceedsNorm(path, f, bound));
            int at = rng.Next(N);
            f[at] = trial % 2 == 0 ? bound : -bound;
            Assert.Equal(1, PolyOps.ExceedsNorm(path, f, bound));
            f[at] = trial % 2 == 0 ? bound - 1 : -(bound - 1);
            Assert.Equal(0, PolyOps.ExceedsNorm(path, f, bound));
        }
    }

    [Theory]
    [MemberData(nameof(VectorPaths))]
    public void SamplingMatchesScalar(string pathName)
    {
        MlDsaPath path = PathOf(pathName);
        var rng = new Random(29);
        foreach (string set in ParameterSetNames)
        {
            MlDsaParameters p = Params(set);
            byte[] rho = new byte[32], rhoPrime = new byte[64], cTilde = new byte[p.CTildeSizeInBytes];
            for (int trial = 0; trial < 3; trial++)
            {
                rng.NextBytes(rho);
                rng.NextBytes(rhoPrime);
                rng.NextBytes(cTilde);
                int[] a = new int[N * p.K * p.L], aGot = new int[N * p.K * p.L];
                Sampling.ExpandA(p, rho, a);
                Sampling.ExpandA(p, path, rho, aGot, eightWay: false);
                Assert.Equal(a, aGot);
                if (path == MlDsaPath.Vector256 && KeccakStateX8.IsSupported)
                {
                    Array.Clear(aGot);
                    Sampling.ExpandA(p, path, rho, aGot, eightWay: true);
                    Assert.Equal(a, aGot);
                }

                int[] s1 = new int[N * p.L], s2 = new int[N * p.K], s1Got = new int[N * p.L], s2Got = new int[N * p.K];
                Sampling.ExpandS(p, rhoPrime, s1, s2);
                Sampling.ExpandS(p, path, rhoPrime, s1Got, s2Got);
                Assert.Equal(s1, s1Got);
                Assert.Equal(s2, s2Got);

                int kappa = rng.Next(0, 1000) * p.L;
                int[] y = new int[N * p.L], yGot = new int[N * p.L], extra = new int[3 * N];
                Sampling.ExpandMask(p, rhoPrime, kappa, y);
                int extraCount = Sampling.ExpandMaskRun(p, path, rhoPrime, kappa, yGot, extra);
                Assert.Equal(y, yGot);
                // The spare lanes' polynomials are those of the indices that follow (signing's next iteration).
                int[] next = new int[N * p.L];
                Sampling.ExpandMask(p, rhoPrime, kappa + p.L, next);
                Assert.Equal(next.AsSpan(0, N * extraCount).ToArray(), extra.AsSpan(0, N * extraCount).ToArray());

                int[] c = new int[N], cGot = new int[N];
                Sampling.SampleInBall(p, cTilde, c);
                Sampling.SampleInBall(p, path, cTilde, cGot);
                Assert.Equal(c, cGot);
            }
        }
    }

    [Theory]
    [InlineData(KeccakState.Shake128Rate, 34, 3), InlineData(KeccakState.Shake256Rate, 66, 2)]
    public void EightWayShakeMatchesEightScalarSponges(int rate, int inputLength, int blocks)
    {
        if (!KeccakStateX8.IsSupported) Assert.Skip("the eight-way Keccak needs AVX-512F");
        const int Ways = KeccakStateX8.Ways;
        var random = new Random(rate);
        byte[] inputs = new byte[Ways * inputLength];
        random.NextBytes(inputs);
        KeccakStateX8 x8 = default;
        x8.AbsorbShake(rate, inputs, inputLength);
        int usable = rate / 8 * 8, stride = blocks * rate;
        byte[] outputs = new byte[Ways * stride];
        for (int b = 0; b < blocks; b++)
        {
            if (b > 0) x8.Permute();
            x8.ReadBlock(outputs.AsSpan(b * rate), stride, usable);
        }
        x8.Clear();
        for (int lane = 0; lane < Ways; lane++)
        {
            KeccakState scalar = rate == KeccakState.Shake128Rate ? KeccakState.Shake128() : KeccakState.Shake256();
            scalar.Absorb(inputs.AsSpan(lane * inputLength, inputLength));
            byte[] expected = new byte[stride];
            scalar.Squeeze(expected);
            for (int b = 0; b < blocks; b++)
                Assert.Equal(expected.AsSpan(b * rate, usable).ToArray(), outputs.AsSpan(lane * stride + b * rate, usable).ToArray());
        }
    }

    [Fact]
    public void KeyGenPackerMatchesBytePackers()
    {
        var rng = new Random(31);
        foreach (int bits in new[] { 3, 4, 10, 13, 18, 20 })
        {
            for (int trial = 0; trial < 4; trial++)
            {
                int[] values = new int[N];
                for (int i = 0; i < N; i++) values[i] = trial == 0 ? (1 << bits) - 1 : trial == 1 ? 0 : rng.Next(0, 1 << bits);
                byte[] expected = new byte[32 * bits], got = new byte[32 * bits];
                Packing.PackSimple(values, bits, expected);
                Packing.PackWords(values, 0, 1, bits, got);
                Assert.Equal(expected, got);
                // Centered form: w_i = b - value, as skEncode packs s1, s2 (b = eta) and t0 (b = 2^12).
                int b = (1 << bits) / 2;
                int[] centered = values.Select(v => b - v).ToArray();
                Packing.PackCentered(centered, b, bits, expected);
                Packing.PackWords(centered, b, -1, bits, got);
                Assert.Equal(expected, got);
            }
        }
    }

    [Fact]
    public void EightWayPrefixSuffixAbsorbMatchesScalarSponges()
    {
        if (!KeccakStateX8.IsSupported) Assert.Skip("the eight-way Keccak needs AVX-512F");
        const int Ways = KeccakStateX8.Ways, Rate = KeccakState.Shake128Rate;
        var random = new Random(41);
        byte[] prefix = new byte[32];
        random.NextBytes(prefix);
        ushort[] suffixes = new ushort[Ways];
        for (int i = 0; i < Ways; i++) suffixes[i] = (ushort)random.Next(0, 65536);
        KeccakStateX8 x8 = default;
        x8.AbsorbShake(Rate, prefix, suffixes);
        byte[] outputs = new byte[Ways * 2 * Rate];
        x8.ReadBlock(outputs, 2 * Rate, Rate);
        x8.Permute();
        x8.ReadBlock(outputs.AsSpan(Rate), 2 * Rate, Rate);
        for (int lane = 0; lane < Ways; lane++)
        {
            KeccakState scalar = KeccakState.Shake128();
            scalar.Absorb(prefix);
            scalar.Absorb([(byte)suffixes[lane], (byte)(suffixes[lane] >> 8)]);
            byte[] expected = new byte[2 * Rate];
            scalar.Squeeze(expected);
            Assert.Equal(expected, outputs.AsSpan(lane * 2 * Rate, 2 * Rate).ToArray());
        }
    }
}
