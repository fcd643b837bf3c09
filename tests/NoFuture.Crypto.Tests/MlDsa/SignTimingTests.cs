// A dudect-style timing test of ML-DSA signing (FIPS 204, Algorithm 7) on the fastest path: signing time must not
// depend on the secret key beyond the number of rejection-loop iterations, which FIPS 204 permits to leak. So every
// timed (key, mu) pair is pre-selected to take exactly one iteration (deterministic rnd = 0, counted by the internal
// core), and the classes differ only in the key: class 0 signs with one fixed key, class 1 with one of 64 other random
// keys (dudect's fixed-against-random). Both classes sign varied messages. Measured with the shared harness
// (tests/Shared/Dudect.cs): every key, A-hat and mu is copied into the same buffers before it is timed, classes are
// interleaved at random, Welch's t is taken on the raw and the percentile-cropped samples, and a run over the
// threshold gets one rerun of fresh measurements. The control shows the same harness and rule find a plausible leak.
using NoFuture.Crypto.MlDsa;
using NoFuture.Crypto.MlDsa.Simd;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.MlDsa;

[Trait(Dudect.Trait, Dudect.TraitValue)]
public class SignTimingTests
{
    private const int Pool = 64;
    private const int Samples = 20_000;
    private static readonly MlDsaParameters P = MlDsaParameters.MlDsa44;

    [Fact]
    public void SigningTimeDoesNotDependOnTheKeyAtEqualIterationCounts()
    {
        Dudect.Verdict verdict = Signatures(leak: false);
        Assert.False(verdict.Leaks, $"signing time depends on the secret key: {verdict}");
    }

    /// <summary>
    /// The control: the same measurement of a plausible leak, an implementation that skips work for some keys: here
    /// class 1's keys pay for decoding the key and the NTT of t0 again (k = 4 more scalar NTTs, as if a cache of
    /// NTT(t0) missed for them), a fraction of a one-iteration signature. It must be judged leaky.
    /// </summary>
    [Fact]
    public void TheTimingHarnessDetectsAKeyDependentSigning()
    {
        Dudect.Verdict verdict = Signatures(leak: true);
        Assert.True(verdict.Leaks, $"the harness did not see the deliberate leak: {verdict}");
    }

    /// <summary>A (key, A-hat, mu) whose deterministic signature takes exactly one rejection-loop iteration.</summary>
    private sealed record Case(byte[] Sk, int[] AHat, byte[] Mu);

    private static Case OneIteration(byte[] sk, int[] aHat, Random rng)
    {
        var mu = new byte[64];
        var rnd = new byte[32];
        var sig = new byte[P.SignatureSizeInBytes];
        while (true)
        {
            rng.NextBytes(mu);
            Assert.True(MlDsaCore.SignInternal(P, MlDsaPaths.Best, sk, aHat, mu, rnd, sig, out int iterations));
            if (iterations == 1) return new Case(sk, aHat, mu);
        }
    }

    private static (byte[] Sk, int[] AHat) NewKey(Random rng)
    {
        var seed = new byte[32];
        rng.NextBytes(seed);
        (_, byte[] sk) = MlDsaTestSupport.KeyGen(P, seed);
        var aHat = new int[256 * P.K * P.L];
        Sampling.ExpandA(P, sk.AsSpan(0, 32), aHat);
        return (sk, aHat);
    }

    private static Dudect.Verdict Signatures(bool leak)
    {
        var rng = new Random(20261206);
        var cases = new Case[2][];
        (byte[] fixedSk, int[] fixedAHat) = NewKey(rng);
        cases[0] = new Case[Pool];
        cases[1] = new Case[Pool];
        for (int i = 0; i < Pool; i++)
        {
            cases[0][i] = OneIteration(fixedSk, fixedAHat, rng);
            (byte[] sk, int[] aHat) = NewKey(rng);
            cases[1][i] = OneIteration(sk, aHat, rng);
        }

        MlDsaPath path = MlDsaPaths.Best;
        byte[] sk0 = new byte[P.PrivateKeySizeInBytes], mu0 = new byte[64], rnd = new byte[32], sig = new byte[P.SignatureSizeInBytes];
        int[] aHat0 = new int[256 * P.K * P.L];
        int[] t0 = new int[256 * P.K], s1 = new int[256 * P.L], s2 = new int[256 * P.K];
        bool slow = false;
        int next = 0, otherCounts = 0;
        Dudect.Verdict verdict = Dudect.Assess(2, Samples, warmup: 200,
            c =>
            {
                Case chosen = cases[c][next++ % Pool];
                chosen.Sk.CopyTo(sk0, 0);
                chosen.AHat.CopyTo(aHat0, 0);
                chosen.Mu.CopyTo(mu0, 0);
                slow = leak && c == 1;
            },
            () =>
            {
                MlDsaCore.SignInternal(P, path, sk0, aHat0, mu0, rnd, sig, out int iterations);
                otherCounts += iterations == 1 ? 0 : 1;
                if (slow)
                {
                    Packing.DecodePrivateVectors(P, sk0, s1, s2, t0);
                    for (int i = 0; i < P.K; i++) Ntt.Forward(t0.AsSpan(256 * i, 256));
                }
            });
        Assert.Equal(0, otherCounts); // every timed signature took exactly one iteration
        return verdict;
    }
}
