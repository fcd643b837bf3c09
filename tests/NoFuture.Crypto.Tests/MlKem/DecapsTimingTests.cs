// A dudect-style timing test of ML-KEM decapsulation (FIPS 203, Algorithm 18): valid ciphertexts against invalid
// ones (one random byte flipped, so implicit rejection returns K-bar). Measured with the shared harness
// (tests/Shared/Dudect.cs): every ciphertext is copied into the same buffer before it is timed, classes are interleaved
// at random, Welch's t is taken on the raw and the percentile-cropped samples, and a run over the threshold gets one
// rerun of fresh measurements. The control shows the same harness and rule find a leak of this size.
using NoFuture.Crypto.MlKem;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.MlKem;

[Trait(Dudect.Trait, Dudect.TraitValue)]
public class DecapsTimingTests
{
    private const int Pool = 64;
    private const int Samples = 20_000;

    [Fact]
    public void DecapsulationTimeDoesNotDependOnCiphertextValidity()
    {
        Dudect.Verdict verdict = Decapsulations(leak: false);
        Assert.False(verdict.Leaks, $"decapsulation time depends on validity: {verdict}");
    }

    /// <summary>
    /// The control: the same measurement of a plausible leak, an implementation that computes the rejection key
    /// K-bar = J(z || c) (FIPS 203, Algorithm 18, line 7) only when the re-encryption differs: one more SHAKE256 over
    /// z and the ciphertext for invalid ciphertexts (measured at about a sixth of a decapsulation). It must be judged leaky.
    /// </summary>
    [Fact]
    public void TheTimingHarnessDetectsALeakyDecapsulation()
    {
        Dudect.Verdict verdict = Decapsulations(leak: true);
        Assert.True(verdict.Leaks, $"the harness did not see the deliberate leak: {verdict}");
    }

    private static Dudect.Verdict Decapsulations(bool leak)
    {
        MlKemParameters p = MlKemParameters.MlKem768;
        var rng = new Random(20261122);
        byte[] d = new byte[32], z = new byte[32], m = new byte[32];
        rng.NextBytes(d);
        rng.NextBytes(z);
        rng.NextBytes(m);
        byte[] ek = new byte[p.EncapsulationKeySizeInBytes], dk = new byte[p.DecapsulationKeySizeInBytes];
        MlKemCore.KeyGenInternal(p, d, z, ek, dk);

        var inputs = new byte[2][][]; // class 0: valid, class 1: invalid
        inputs[0] = new byte[Pool][];
        inputs[1] = new byte[Pool][];
        byte[] key = new byte[32];
        for (int i = 0; i < Pool; i++)
        {
            rng.NextBytes(m);
            inputs[0][i] = new byte[p.CiphertextSizeInBytes];
            MlKemCore.EncapsInternal(p, ek, m, key, inputs[0][i]);
            inputs[1][i] = (byte[])inputs[0][i].Clone();
            inputs[1][i][rng.Next(inputs[1][i].Length)] ^= (byte)(1 << rng.Next(8));
        }

        byte[] probe = new byte[p.CiphertextSizeInBytes];
        bool invalid = false;
        int next = 0;
        byte[] zc = new byte[32 + p.CiphertextSizeInBytes], kBar = new byte[32];
        return Dudect.Assess(2, Samples, warmup: 200,
            c =>
            {
                inputs[c][next++ % Pool].CopyTo(probe, 0);
                invalid = c == 1;
            },
            () =>
            {
                MlKemCore.DecapsInternal(p, dk, probe, key);
                if (leak && invalid)
                {
                    probe.CopyTo(zc, 32);
                    NoFuture.Crypto.Keccak.Sha3.Shake256(zc, kBar);
                }
            });
    }
}
