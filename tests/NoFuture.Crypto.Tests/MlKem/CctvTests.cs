// C2SP CCTV ML-KEM vectors (CC0; see shared/vectors/SOURCES.md):
// - cctv/strcmp (CCTV @ 1e3d2860): dk, c -> K; ciphertexts whose re-encryption differs only after a zero byte,
//   so a strcmp-style comparison would take the wrong branch of implicit rejection.
// - cctv/modulus/*.txt.gz: one encapsulation key per line with a coefficient >= q; every one must fail the
//   modulus check of FIPS 203, section 7.2 (every line of each file).
// - cctv-pr13-final/unluckysample (CCTV PR #13 @ fa0aba29, final FIPS 203): seeds whose matrix expansion needs
//   an unusually long SHAKE128 stream; keygen, encaps and decaps.
// - cctv/unluckysample (CCTV main, FIPS 203 ipd): its keygen predates G(d || k) and cannot match, so only its
//   ek -> encaps and dk -> decaps parts are checked (SOURCES.md); the keygen mismatch is asserted, not ignored.
using System.IO.Compression;
using NoFuture.Tests.Shared;
using static NoFuture.Crypto.Tests.MlKem.MlKemTestSupport;

namespace NoFuture.Crypto.Tests.MlKem;

public class CctvTests
{
    [Theory]
    [InlineData("ML-KEM-512"), InlineData("ML-KEM-768"), InlineData("ML-KEM-1024")]
    public void Strcmp(string parameterSet)
    {
        Dictionary<string, byte[]> v = ReadCctv($"mlkem/cctv/strcmp/{parameterSet}.txt");
        Assert.Equal(v["K"], Decaps(Params(parameterSet), v["dk"], v["c"]));
    }

    [Theory]
    [InlineData("ML-KEM-512"), InlineData("ML-KEM-768"), InlineData("ML-KEM-1024")]
    public void ModulusKeysAreAllRejected(string parameterSet)
    {
        var p = Params(parameterSet);
        string path = VectorFiles.Find($"mlkem/cctv/modulus/{parameterSet}.txt.gz");
        int inFile = Lines(path).Count(line => line.Length > 0); // counted apart from the run below
        using FileStream file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        int count = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0) continue;
            byte[] ek = Convert.FromHexString(line);
            Assert.Equal(p.EncapsulationKeySizeInBytes, ek.Length);
            Assert.False(EncapsulationKeyIsValid(p, ek), $"line {count + 1}");
            count++;
        }
        VectorCount.AllRan(count, inFile, path);
    }

    private static IEnumerable<string> Lines(string gzipPath)
    {
        using FileStream file = File.OpenRead(gzipPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine()) yield return line;
    }

    [Theory]
    [InlineData("ML-KEM-512"), InlineData("ML-KEM-768"), InlineData("ML-KEM-1024")]
    public void UnluckySampleFinal(string parameterSet)
    {
        var p = Params(parameterSet);
        Dictionary<string, byte[]> v = ReadCctv($"mlkem/cctv-pr13-final/unluckysample/{parameterSet}.txt");
        (byte[] ek, byte[] dk) = KeyGen(p, v["d"], v["z"]);
        Assert.Equal(v["ek"], ek);
        Assert.Equal(v["dk"], dk);
        (byte[] c, byte[] k) = Encaps(p, ek, v["m"]);
        Assert.Equal(v["c"], c);
        Assert.Equal(v["K"], k);
        Assert.Equal(v["K"], Decaps(p, dk, c));
    }

    [Theory]
    [InlineData("ML-KEM-512"), InlineData("ML-KEM-768"), InlineData("ML-KEM-1024")]
    public void UnluckySampleIpdEncapsAndDecaps(string parameterSet)
    {
        var p = Params(parameterSet);
        Dictionary<string, byte[]> v = ReadCctv($"mlkem/cctv/unluckysample/{parameterSet}.txt");
        (byte[] c, byte[] k) = Encaps(p, v["ek"], v["m"]);
        Assert.Equal(v["c"], c);
        Assert.Equal(v["K"], k);
        Assert.Equal(v["K"], Decaps(p, v["dk"], v["c"]));
        // The ipd keygen (rho, sigma) = G(d) differs from final FIPS 203's G(d || k), as SOURCES.md records.
        Assert.NotEqual(v["ek"], KeyGen(p, v["d"], v["z"]).Ek);
    }
}
