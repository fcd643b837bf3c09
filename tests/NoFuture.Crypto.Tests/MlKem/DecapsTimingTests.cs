// A dudect-style timing test of ML-KEM decapsulation (FIPS 203, Algorithm 18): valid ciphertexts against invalid
// ones (one random byte flipped, so implicit rejection returns K-bar). Classes are interleaved at random and
// every ciphertext is copied into the same buffer before it is timed, so machine noise and memory placement hit
// both classes alike. Welch's t over the cropped samples must stay below 4.5.
using System.Diagnostics;
using NoFuture.Crypto.Fips203;

namespace NoFuture.Crypto.Tests.MlKem;

public class DecapsTimingTests
{
    [Fact]
    public void DecapsulationTimeDoesNotDependOnCiphertextValidity()
    {
        MlKemParameters p = MlKemParameters.MlKem768;
        var rng = new Random(20261122);
        byte[] d = new byte[32], z = new byte[32], m = new byte[32];
        rng.NextBytes(d);
        rng.NextBytes(z);
        rng.NextBytes(m);
        byte[] ek = new byte[p.EncapsulationKeySizeInBytes], dk = new byte[p.DecapsulationKeySizeInBytes];
        MlKemCore.KeyGenInternal(p, d, z, ek, dk);

        const int Pool = 64;
        var valid = new byte[Pool][];
        var invalid = new byte[Pool][];
        byte[] key = new byte[32];
        for (int i = 0; i < Pool; i++)
        {
            rng.NextBytes(m);
            valid[i] = new byte[p.CiphertextSizeInBytes];
            MlKemCore.EncapsInternal(p, ek, m, key, valid[i]);
            invalid[i] = (byte[])valid[i].Clone();
            invalid[i][rng.Next(invalid[i].Length)] ^= (byte)(1 << rng.Next(8));
        }

        const int Samples = 20_000;
        byte[] probe = new byte[p.CiphertextSizeInBytes];
        var times = new long[Samples];
        var classes = new byte[Samples];
        for (int i = 0; i < 200; i++) MlKemCore.DecapsInternal(p, dk, valid[i % Pool], key); // warm up
        for (int i = 0; i < Samples; i++)
        {
            classes[i] = (byte)rng.Next(2);
            (classes[i] == 0 ? valid : invalid)[rng.Next(Pool)].CopyTo(probe, 0);
            long start = Stopwatch.GetTimestamp();
            MlKemCore.DecapsInternal(p, dk, probe, key);
            times[i] = Stopwatch.GetTimestamp() - start;
        }

        foreach (double crop in new[] { 0.5, 0.9, 0.99 })
        {
            double t = WelchT(times, classes, crop);
            Assert.True(Math.Abs(t) < 4.5, $"|t| = {Math.Abs(t):F2} at the {crop:P0} crop: decapsulation time depends on validity");
        }
    }

    private static double WelchT(long[] times, byte[] classes, double crop)
    {
        long cut = times.Order().ElementAt((int)((times.Length - 1) * crop));
        var n = new double[2];
        var mean = new double[2];
        var m2 = new double[2];
        for (int i = 0; i < times.Length; i++)
        {
            if (times[i] > cut) continue;
            int c = classes[i];
            n[c]++;
            double delta = times[i] - mean[c];
            mean[c] += delta / n[c];
            m2[c] += delta * (times[i] - mean[c]);
        }
        double v0 = m2[0] / (n[0] - 1), v1 = m2[1] / (n[1] - 1);
        return (mean[0] - mean[1]) / Math.Sqrt(v0 / n[0] + v1 / n[1]);
    }
}
