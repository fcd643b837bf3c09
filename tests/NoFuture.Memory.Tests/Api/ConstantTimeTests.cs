using NoFuture.Tests.Shared;

namespace NoFuture.Memory.Tests.Api;

public class ConstantTimeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(100)]
    public void AreEqualFindsADifferenceAtEveryPosition(int length)
    {
        byte[] a = new byte[length];
        Random.Shared.NextBytes(a);
        byte[] b = (byte[])a.Clone();
        Assert.True(ConstantTime.AreEqual(a, b));
        for (int i = 0; i < length; i++)
        {
            b[i] ^= 0x80;
            Assert.False(ConstantTime.AreEqual(a, b));
            b[i] ^= 0x80;
        }
        Assert.False(ConstantTime.AreEqual(a, b.AsSpan(0, Math.Max(0, length - 1))) && length > 0);
    }

    [Fact]
    public void SelectAndConditionalCopy()
    {
        byte[] one = [1, 1, 1], zero = [0, 0, 0], dest = new byte[3];
        ConstantTime.Select(1, one, zero, dest);
        Assert.Equal(one, dest);
        ConstantTime.Select(0, one, zero, dest);
        Assert.Equal(zero, dest);
        ConstantTime.ConditionalCopy(0, one, dest);
        Assert.Equal(zero, dest);
        ConstantTime.ConditionalCopy(1, one, dest);
        Assert.Equal(one, dest);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConstantTime.Select(2, one, zero, dest));
        Assert.Throws<ArgumentException>(() => ConstantTime.ConditionalCopy(1, one, new byte[2]));
        Assert.True(ConstantTime.IsZero(new byte[9]));
        Assert.False(ConstantTime.IsZero([0, 0, 1]));
    }

    /// <summary>
    /// dudect-style test (tests/Shared/Dudect.cs) of 32-byte comparisons: equal vs first byte differs vs last byte
    /// differs, on the same buffers, classes interleaved at random, cropped at dudect's percentiles, with the
    /// second-chance rule. |t| must stay below 4.5.
    /// </summary>
    [Fact]
    [Trait(Dudect.Trait, Dudect.TraitValue)]
    public void AreEqualShowsNoTimingLeak()
    {
        Dudect.Verdict verdict = Comparisons(static (a, b) => ConstantTime.AreEqual(a, b), 32, 1_000_000);
        Assert.False(verdict.Leaks, $"ConstantTime.AreEqual's time depends on the content: {verdict}");
    }

    /// <summary>
    /// The harness can fail, under the same rule and on a loaded machine alike: an early-exit comparison of 4 KiB
    /// (SequenceEqual stops at the first difference) is judged leaky, run after run.
    /// </summary>
    [Fact]
    [Trait(Dudect.Trait, Dudect.TraitValue)]
    public void TheTimingHarnessDetectsALeakyComparison()
    {
        Dudect.Verdict verdict = Comparisons(static (a, b) => a.SequenceEqual(b), 4096, 200_000);
        Assert.True(verdict.Leaks, $"the harness did not see SequenceEqual's early exit: {verdict}"); // both runs over 4.5
    }

    private delegate bool Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b);

    /// <summary>Class 0: equal; class 1: the first byte differs; class 2: the last byte differs.</summary>
    private static Dudect.Verdict Comparisons(Compare compare, int length, int samples)
    {
        byte[] reference = new byte[length];
        Random.Shared.NextBytes(reference);
        // Every class is written into this one buffer before it is timed (as dudect does), from the same source and by
        // the same instructions: the reference copied, then its first and last bytes XORed with a class-dependent 0 or
        // 1. So addresses, alignment, cache lines and the work done before the timer starts are identical across
        // classes and only the content differs. (Copying each class from its own array measured the arrays'
        // placement: class means 0.1-0.2 ticks apart, |t| up to 20, between classes 1 and 2, whose comparisons
        // execute identically.)
        byte[] probe = new byte[length];
        bool sink = false;
        Dudect.Verdict verdict = Dudect.Assess(3, samples, warmup: 10_000,
            c =>
            {
                reference.CopyTo(probe, 0);
                probe[0] ^= (byte)(c & 1);         // class 1: the first byte differs
                probe[length - 1] ^= (byte)(c >> 1); // class 2: the last byte differs
            },
            () => sink ^= compare(reference, probe));
        GC.KeepAlive(sink);
        return verdict;
    }
}
