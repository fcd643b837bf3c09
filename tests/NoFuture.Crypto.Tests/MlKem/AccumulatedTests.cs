// Accumulated ML-KEM tests (mlkem/accumulated.json, authored in shared/vectors; formats from C2SP/CCTV's
// "Accumulated pq-crystals vectors" and Go's TestAccumulated): N deterministic cases drawn from one SHAKE128
// stream of the empty input, every output written into a second SHAKE128, whose first 32 bytes are compared.
// - CCTV format, all sets: reads d, z, m, ct_invalid; writes ek, dk, ct, K (asserting Decaps(dk, ct) == K)
//   and K' = Decaps(dk, ct_invalid).
// - Go format, ML-KEM-768: reads seed = d || z, m, ct_invalid; writes ek, ct, K, K' (not dk).
// The 10,000-case digests run always (and 100-case smoke digests); the 1,000,000-case ones only with
// NOFUTURE_SLOW_TESTS=1, else they skip with that reason. The output SHAKE128 is the BCL's; the input stream is
// our KeccakState, because OpenSSL 3.0 cannot squeeze the BCL's SHAKE incrementally (KeccakTests checks ours
// against the BCL).
using System.Security.Cryptography;
using System.Text.Json;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;
using static NoFuture.Crypto.Tests.MlKem.MlKemTestSupport;

namespace NoFuture.Crypto.Tests.MlKem;

public class AccumulatedTests
{
    internal static string ExpectedDigest(string format, string count, string key)
    {
        using JsonDocument document = LoadJson("mlkem/accumulated.json");
        JsonElement final = document.RootElement.GetProperty("formats").GetProperty(format).GetProperty("final_fips203");
        return format == "cctv"
            ? final.GetProperty(count).GetProperty(key).GetString()!
            : final.GetProperty(key).GetString()!;
    }

    private static void SkipUnlessSlow(int n) =>
        Assert.SkipWhen(n > 10_000 && Environment.GetEnvironmentVariable("NOFUTURE_SLOW_TESTS") != "1",
            "The 1,000,000-case accumulated test runs only with NOFUTURE_SLOW_TESTS=1.");

    internal static string CctvDigest(string parameterSet, int n) => CctvDigest(parameterSet, n, MlKemPaths.Best);

    /// <summary>The CCTV-format digest computed on <paramref name="path"/> (MlKemPerf runs it on every path).</summary>
    internal static string CctvDigest(string parameterSet, int n, MlKemPath path)
    {
        Assert.SkipUnless(Shake128.IsSupported, "The BCL's SHAKE128 is not supported here.");
        var p = Params(parameterSet);
        KeccakState rng = KeccakState.Shake128();
        using var output = new Shake128();
        Span<byte> d = stackalloc byte[32], z = stackalloc byte[32], m = stackalloc byte[32];
        var ek = new byte[p.EncapsulationKeySizeInBytes];
        var dk = new byte[p.DecapsulationKeySizeInBytes];
        var ct = new byte[p.CiphertextSizeInBytes];
        var ctInvalid = new byte[p.CiphertextSizeInBytes];
        Span<byte> k = stackalloc byte[32], k2 = stackalloc byte[32];
        for (int i = 0; i < n; i++)
        {
            rng.Squeeze(d);
            rng.Squeeze(z);
            MlKemCore.KeyGenInternal(p, path, d, z, ek, dk);
            output.AppendData(ek);
            output.AppendData(dk);
            rng.Squeeze(m);
            MlKemCore.EncapsInternal(p, path, ek, m, k, ct);
            output.AppendData(ct);
            output.AppendData(k);
            MlKemCore.DecapsInternal(p, path, dk, ct, k2);
            Assert.True(k.SequenceEqual(k2), $"case {i}: Decaps(dk, Encaps(ek)) differs");
            rng.Squeeze(ctInvalid);
            MlKemCore.DecapsInternal(p, path, dk, ctInvalid, k2);
            output.AppendData(k2);
        }
        return Convert.ToHexStringLower(output.GetHashAndReset(32));
    }

    internal static string GoDigest(int n) => GoDigest(n, MlKemPaths.Best);

    /// <summary>The Go-format digest computed on <paramref name="path"/>.</summary>
    internal static string GoDigest(int n, MlKemPath path)
    {
        Assert.SkipUnless(Shake128.IsSupported, "The BCL's SHAKE128 is not supported here.");
        var p = Params("ML-KEM-768");
        KeccakState rng = KeccakState.Shake128();
        using var output = new Shake128();
        Span<byte> seed = stackalloc byte[64], m = stackalloc byte[32];
        var ek = new byte[p.EncapsulationKeySizeInBytes];
        var dk = new byte[p.DecapsulationKeySizeInBytes];
        var ct = new byte[p.CiphertextSizeInBytes];
        var ctInvalid = new byte[p.CiphertextSizeInBytes];
        Span<byte> k = stackalloc byte[32];
        for (int i = 0; i < n; i++)
        {
            rng.Squeeze(seed);
            MlKemCore.KeyGenInternal(p, path, seed[..32], seed[32..], ek, dk);
            output.AppendData(ek);
            rng.Squeeze(m);
            MlKemCore.EncapsInternal(p, path, ek, m, k, ct);
            output.AppendData(ct);
            output.AppendData(k);
            rng.Squeeze(ctInvalid);
            MlKemCore.DecapsInternal(p, path, dk, ctInvalid, k);
            output.AppendData(k);
        }
        return Convert.ToHexStringLower(output.GetHashAndReset(32));
    }

    [Theory]
    [InlineData("ML-KEM-512", 100), InlineData("ML-KEM-768", 100), InlineData("ML-KEM-1024", 100)]
    [InlineData("ML-KEM-512", 10_000), InlineData("ML-KEM-768", 10_000), InlineData("ML-KEM-1024", 10_000)]
    [InlineData("ML-KEM-512", 1_000_000), InlineData("ML-KEM-768", 1_000_000), InlineData("ML-KEM-1024", 1_000_000)]
    public void CctvFormat(string parameterSet, int n)
    {
        SkipUnlessSlow(n);
        Assert.Equal(ExpectedDigest("cctv", $"n{n}", parameterSet), CctvDigest(parameterSet, n));
    }

    [Theory]
    [InlineData(100), InlineData(10_000), InlineData(1_000_000)]
    public void GoFormat(int n)
    {
        SkipUnlessSlow(n);
        Assert.Equal(ExpectedDigest("go", "", $"ML-KEM-768 n{n}"), GoDigest(n));
    }
}
