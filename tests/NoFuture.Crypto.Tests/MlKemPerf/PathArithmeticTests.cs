// The SIMD building blocks against the scalar ones, value for value: the vector code is meant to perform the
// scalar operations lane by lane (Simd/PolyVector128.cs), so every output must be identical, not only congruent.
// Compress/Decompress are checked for every input; NTT, inverse NTT and base multiplication on random inputs at
// the bounds the callers use; ByteEncode/ByteDecode against a bit-by-bit transcription of FIPS 203 Algorithms 5
// and 6; the 4-way Keccak against four scalar SHAKE128/SHAKE256 sponges.
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;

namespace NoFuture.Crypto.Tests.MlKemPerf;

public class PathArithmeticTests
{
    private static readonly MlKemPath[] VectorPaths = [MlKemPath.Vector128, MlKemPath.Vector256];

    private static short[] RandomPoly(Random random, int bound)
    {
        var f = new short[Ntt.N];
        for (int i = 0; i < f.Length; i++) f[i] = (short)random.Next(-bound + 1, bound);
        return f;
    }

    [Fact]
    public void NttInverseAndBaseMultiplicationMatchScalar()
    {
        var random = new Random(203);
        for (int trial = 0; trial < 300; trial++)
        {
            short[] f = RandomPoly(random, FieldArithmetic.Q), g = RandomPoly(random, FieldArithmetic.Q);
            short[] h = RandomPoly(random, FieldArithmetic.Q);
            short[] wide = RandomPoly(random, 8 * FieldArithmetic.Q);

            short[] expectedForward = (short[])f.Clone();
            Ntt.Forward(expectedForward);
            short[] expectedInverse = (short[])f.Clone();
            Ntt.InverseToMontgomery(expectedInverse);
            short[] expectedProduct = (short[])h.Clone();
            Ntt.MultiplyAccumulate(f, g, expectedProduct);
            short[] expectedReduced = (short[])wide.Clone();
            FieldArithmetic.Reduce(expectedReduced);
            short[] expectedNormalized = (short[])wide.Clone();
            FieldArithmetic.Normalize(expectedNormalized);
            short[] expectedMontgomery = (short[])f.Clone();
            FieldArithmetic.ToMontgomery(expectedMontgomery);

            foreach (MlKemPath path in VectorPaths)
            {
                short[] x = (short[])f.Clone();
                PolyOps.Forward(path, x);
                Assert.Equal(expectedForward, x);
                x = (short[])f.Clone();
                PolyOps.InverseToMontgomery(path, x);
                Assert.Equal(expectedInverse, x);
                x = (short[])h.Clone();
                PolyOps.MultiplyAccumulate(path, f, g, x);
                Assert.Equal(expectedProduct, x);
                x = (short[])wide.Clone();
                PolyOps.Reduce(path, x);
                Assert.Equal(expectedReduced, x);
                x = (short[])wide.Clone();
                PolyOps.Normalize(path, x);
                Assert.Equal(expectedNormalized, x);
                x = (short[])f.Clone();
                PolyOps.ToMontgomery(path, x);
                Assert.Equal(expectedMontgomery, x);
            }
        }
    }

    [Theory]
    [InlineData(1), InlineData(4), InlineData(5), InlineData(10), InlineData(11)]
    public void CompressAndDecompressMatchScalarForEveryInput(int d)
    {
        // Every x in [0, q), in 256-coefficient chunks (the last one padded with q - 1).
        var f = new short[Ntt.N];
        var scratch = new short[Ntt.N];
        var bytes = new byte[32 * d];
        var expectedBytes = new byte[32 * d];
        for (int start = 0; start < FieldArithmetic.Q; start += Ntt.N)
        {
            for (int i = 0; i < Ntt.N; i++) f[i] = (short)Math.Min(start + i, FieldArithmetic.Q - 1);
            PolyEncoding.CompressAndEncode(f, d, expectedBytes, scratch);
            foreach (MlKemPath path in VectorPaths)
            {
                PolyOps.CompressAndEncode(path, f, d, bytes, scratch);
                Assert.Equal(expectedBytes, bytes);
            }
        }
        // Every y in [0, 2^d).
        var expected = new short[Ntt.N];
        var actual = new short[Ntt.N];
        for (int start = 0; start < 1 << d; start += Ntt.N)
        {
            for (int i = 0; i < Ntt.N; i++) f[i] = (short)((start + i) & ((1 << d) - 1));
            PolyEncoding.ByteEncode(f, d, bytes);
            PolyEncoding.DecodeAndDecompress(bytes, d, expected);
            foreach (MlKemPath path in VectorPaths)
            {
                PolyOps.DecodeAndDecompress(path, bytes, d, actual);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Theory]
    [InlineData(1), InlineData(4), InlineData(5), InlineData(10), InlineData(11), InlineData(12)]
    public void ByteEncodeAndDecodeFollowAlgorithms5And6BitByBit(int d)
    {
        var random = new Random(d);
        var f = new short[Ntt.N];
        var bytes = new byte[32 * d];
        var back = new short[Ntt.N];
        for (int trial = 0; trial < 50; trial++)
        {
            int bound = d == 12 ? FieldArithmetic.Q : 1 << d;
            for (int i = 0; i < f.Length; i++) f[i] = (short)random.Next(bound);
            PolyEncoding.ByteEncode(f, d, bytes);
            // Algorithm 5: bit b_{i d + j} = bit j of F[i]; bytes from bits, least significant first.
            var expected = new byte[32 * d];
            for (int i = 0; i < Ntt.N; i++)
                for (int j = 0; j < d; j++)
                    expected[(i * d + j) / 8] |= (byte)(((f[i] >> j) & 1) << ((i * d + j) % 8));
            Assert.Equal(expected, bytes);
            PolyEncoding.ByteDecode(bytes, d, back);
            Assert.Equal(f, back);
        }
        // Algorithm 6 reduces 12-bit values mod q.
        if (d == 12)
        {
            random.NextBytes(bytes);
            PolyEncoding.ByteDecode(bytes, 12, back);
            for (int i = 0; i < Ntt.N; i++)
            {
                int bit = 12 * i, raw = 0;
                for (int j = 0; j < 12; j++) raw |= ((bytes[(bit + j) / 8] >> ((bit + j) % 8)) & 1) << j;
                Assert.Equal(raw % FieldArithmetic.Q, back[i]);
            }
        }
    }

    [Theory]
    [InlineData(KeccakState.Shake128Rate, 34, 3), InlineData(KeccakState.Shake256Rate, 33, 2)]
    public void FourWayShakeMatchesFourScalarSponges(int rate, int inputLength, int blocks)
    {
        var random = new Random(rate);
        var inputs = new byte[4][];
        for (int lane = 0; lane < 4; lane++)
        {
            inputs[lane] = new byte[inputLength];
            random.NextBytes(inputs[lane]);
        }
        KeccakStateX4 x4 = default;
        x4.AbsorbShake(rate, inputs[0], inputs[1], inputs[2], inputs[3]);
        int usable = rate / 8 * 8;
        var outputs = new byte[4][];
        for (int lane = 0; lane < 4; lane++) outputs[lane] = new byte[blocks * rate];
        for (int b = 0; b < blocks; b++)
        {
            if (b > 0) x4.Permute();
            x4.ReadBlock(outputs[0].AsSpan(b * rate, usable), outputs[1].AsSpan(b * rate, usable),
                outputs[2].AsSpan(b * rate, usable), outputs[3].AsSpan(b * rate, usable));
        }
        x4.Clear();
        for (int lane = 0; lane < 4; lane++)
        {
            KeccakState scalar = rate == KeccakState.Shake128Rate ? KeccakState.Shake128() : KeccakState.Shake256();
            scalar.Absorb(inputs[lane]);
            var expected = new byte[blocks * rate];
            scalar.Squeeze(expected);
            Assert.Equal(expected, outputs[lane]);
        }
    }

    [Theory]
    [InlineData(2), InlineData(3), InlineData(4)]
    public void BatchedSamplingMatchesScalar(int k)
    {
        var random = new Random(k);
        var rho = new byte[32];
        random.NextBytes(rho);
        var expected = new short[k * k * Ntt.N];
        var actual = new short[k * k * Ntt.N];
        foreach (bool transpose in new[] { false, true })
        {
            Sampling.SampleMatrix(MlKemPath.Scalar, rho, k, transpose, expected);
            foreach (MlKemPath path in VectorPaths)
            {
                Array.Clear(actual);
                Sampling.SampleMatrix(path, rho, k, transpose, actual);
                Assert.Equal(expected, actual);
            }
        }
        for (int count = 1; count <= 9; count++)
        {
            foreach (int eta in new[] { 2, 3 })
            {
                var cbdExpected = new short[count * Ntt.N];
                var cbdActual = new short[count * Ntt.N];
                Sampling.SamplePolyCbdBatch(MlKemPath.Scalar, rho, k, count, eta, cbdExpected);
                foreach (MlKemPath path in VectorPaths)
                {
                    Array.Clear(cbdActual);
                    Sampling.SamplePolyCbdBatch(path, rho, k, count, eta, cbdActual);
                    Assert.Equal(cbdExpected, cbdActual);
                }
            }
        }
    }

    /// <summary>The SSSE3 rejection parse and SSE2 CBD of the vector paths against the scalar code, over many seeds.</summary>
    [Fact]
    public void VectorParseAndCbdMatchScalarForManySeeds()
    {
        var random = new Random(203);
        var rho = new byte[32];
        var expected = new short[9 * Ntt.N];
        var actual = new short[9 * Ntt.N];
        for (int trial = 0; trial < 200; trial++)
        {
            random.NextBytes(rho);
            Sampling.SampleMatrix(MlKemPath.Scalar, rho, 3, transpose: (trial & 1) == 1, expected);
            Sampling.SamplePolyCbdBatch(MlKemPath.Scalar, rho, trial & 0x7F, 7, 2, expected.AsSpan(0, 7 * Ntt.N));
            foreach (MlKemPath path in VectorPaths)
            {
                Array.Clear(actual);
                Sampling.SampleMatrix(path, rho, 3, transpose: (trial & 1) == 1, actual);
                Sampling.SamplePolyCbdBatch(path, rho, trial & 0x7F, 7, 2, actual.AsSpan(0, 7 * Ntt.N));
                Assert.Equal(expected, actual);
            }
        }
    }
}
