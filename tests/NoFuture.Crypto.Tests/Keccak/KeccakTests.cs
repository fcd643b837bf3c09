// Keccak-f[1600], SHA3-256/512 and SHAKE128/256 (FIPS 202) checked against the BCL (OpenSSL 3.0 here) on random
// inputs of every length around the rates (72, 136, 168) and beyond, plus incremental absorb/squeeze against
// one-shot output.
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;

namespace NoFuture.Crypto.Tests.Keccak;

public class KeccakTests
{
    private static IEnumerable<int> Lengths()
    {
        for (int n = 0; n <= 520; n++) yield return n;
        foreach (int n in new[] { 671, 672, 673, 1000, 1343, 1344, 1345, 4096, 10_000 }) yield return n;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void Sha3_256MatchesTheBcl()
    {
        Assert.SkipUnless(SHA3_256.IsSupported, "The BCL's SHA3-256 is not supported here.");
        Span<byte> ours = stackalloc byte[32];
        foreach (int n in Lengths())
        {
            byte[] data = RandomBytes(n, n);
            Sha3.Sha3_256(data, ours);
            Assert.Equal(SHA3_256.HashData(data), ours.ToArray());
        }
    }

    [Fact]
    public void Sha3_512MatchesTheBcl()
    {
        Assert.SkipUnless(SHA3_512.IsSupported, "The BCL's SHA3-512 is not supported here.");
        Span<byte> ours = stackalloc byte[64];
        foreach (int n in Lengths())
        {
            byte[] data = RandomBytes(n, n + 1);
            Sha3.Sha3_512(data, ours);
            Assert.Equal(SHA3_512.HashData(data), ours.ToArray());
            // The two-part form equals the one-part form for every split point.
            int split = n / 3;
            Sha3.Sha3_512(data.AsSpan(0, split), data.AsSpan(split), ours);
            Assert.Equal(SHA3_512.HashData(data), ours.ToArray());
        }
    }

    [Theory]
    [InlineData(0), InlineData(1), InlineData(31), InlineData(135), InlineData(136), InlineData(137), InlineData(167),
     InlineData(168), InlineData(169), InlineData(336), InlineData(1000)]
    public void ShakeMatchesTheBcl(int outputLength)
    {
        Assert.SkipUnless(Shake128.IsSupported && Shake256.IsSupported, "The BCL's SHAKE is not supported here.");
        var ours = new byte[outputLength];
        foreach (int n in Lengths())
        {
            byte[] data = RandomBytes(n, n + 2);
            Sha3.Shake128(data, ours);
            Assert.Equal(Shake128.HashData(data, outputLength), ours);
            Sha3.Shake256(data, ours);
            Assert.Equal(Shake256.HashData(data, outputLength), ours);
        }
    }

    [Fact]
    public void ShakeOfEmptyInputHasTheKnownPrefix()
    {
        // FIPS 202 SHAKE128(""), the stream accumulated.json starts from.
        Span<byte> output = stackalloc byte[16];
        Sha3.Shake128([], output);
        Assert.Equal(Convert.FromHexString("7f9c2ba4e88f827d616045507605853e"), output.ToArray());
    }

    [Fact]
    public void IncrementalAbsorbAndSqueezeEqualOneShot()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] data = RandomBytes(random.Next(0, 800), trial);
            int outputLength = random.Next(0, 900);
            bool use128 = (trial & 1) == 0;
            var expected = new byte[outputLength];
            if (use128) Sha3.Shake128(data, expected);
            else Sha3.Shake256(data, expected);

            KeccakState state = use128 ? KeccakState.Shake128() : KeccakState.Shake256();
            for (int offset = 0; offset < data.Length;)
            {
                int chunk = Math.Min(random.Next(0, 200), data.Length - offset);
                state.Absorb(data.AsSpan(offset, chunk));
                offset += chunk;
            }
            var actual = new byte[outputLength];
            for (int offset = 0; offset < outputLength;)
            {
                int chunk = Math.Min(random.Next(0, 200), outputLength - offset);
                state.Squeeze(actual.AsSpan(offset, chunk));
                offset += chunk;
            }
            state.Clear();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void ClearZeroesTheState()
    {
        KeccakState state = KeccakState.Shake256();
        state.Absorb(RandomBytes(50, 1));
        Assert.False(state.IsCleared());
        state.Clear();
        Assert.True(state.IsCleared());
        var output = new byte[32];
        state = KeccakState.Shake256();
        state.Squeeze(output);
        var fresh = new byte[32];
        Sha3.Shake256([], fresh);
        Assert.Equal(fresh, output); // a cleared-then-recreated sponge carries nothing over
    }

    [Fact]
    public void SpongeOperationsDoNotAllocate()
    {
        byte[] data = RandomBytes(1000, 3);
        var output = new byte[500];
        for (int i = 0; i < 1000; i++) // warm up past tiered compilation
        {
            Sha3.Shake128(data, output);
            Sha3.Sha3_512(data, output);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Sha3.Shake128(data, output);
            Sha3.Sha3_512(data, output);
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
