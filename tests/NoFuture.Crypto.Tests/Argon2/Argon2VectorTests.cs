// Argon2 against its official vectors, on every implementation path of G:
//  - RFC 9106 §5.1-5.3 (vectors/argon2/rfc9106.json; plus the v=0x10 tags of the same runs);
//  - the PHC reference genkat output (vectors/argon2/phc-kats: argon2d/i/id, versions 0x13 and 0x10): the final tag
//    and every one of the 128 words of every block after every pass;
//  - vectors/argon2/argon2id-extra.json: 21 Argon2id v=0x13 vectors without secret/AD from Debian libargon2 (up
//    to 64 MiB, p = 1 and 4), each also through its PHC string.
using System.Globalization;
using System.Text;
using System.Text.Json;
using NoFuture.Crypto.PasswordHashing;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Argon2;

public class Argon2VectorTests
{
    public static TheoryData<string> Paths => ["Scalar", "Vector128", "Vector256"];

    public static TheoryData<string, string> KatFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in new[] { "argon2d", "argon2i", "argon2id", "argon2d_v16", "argon2i_v16", "argon2id_v16" })
            foreach (string path in new[] { "Scalar", "Vector128", "Vector256" })
                data.Add(file, path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Rfc9106_AllTypesAndVersions(string pathName)
    {
        Argon2Path path = Enum.Parse<Argon2Path>(pathName);
        SkipUnlessSupported(path);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("argon2/rfc9106.json")));
        JsonElement common = json.RootElement.GetProperty("common");
        byte[] password = Hex(common, "password_hex"), salt = Hex(common, "salt_hex");
        byte[] secret = Hex(common, "secret_hex"), ad = Hex(common, "associated_data_hex");
        int count = 0;
        foreach (JsonElement v in json.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var parameters = new Argon2Parameters(ParseType(v.GetProperty("type").GetString()!),
                common.GetProperty("memory_kib").GetInt32(), common.GetProperty("iterations").GetInt32(),
                common.GetProperty("parallelism").GetInt32(), common.GetProperty("tag_length").GetInt32(),
                (Argon2Version)v.GetProperty("version").GetInt32());
            byte[] tag = new byte[parameters.TagLength];
            NoFuture.Crypto.Argon2.DeriveKeyCore(password, salt, parameters, tag, secret, ad, path, TestContext.Current.CancellationToken);
            Assert.Equal(v.GetProperty("tag_hex").GetString(), Convert.ToHexStringLower(tag));
            count++;
        }
        VectorCount.AllRan(count, json.RootElement.GetProperty("vectors").GetArrayLength(), "rfc9106.json");
    }

    [Theory]
    [MemberData(nameof(KatFiles))]
    public void PhcKat_EveryBlockAfterEveryPass_AndTag(string file, string pathName)
    {
        Argon2Path path = Enum.Parse<Argon2Path>(pathName);
        SkipUnlessSupported(path);
        Kat kat = Kat.Load(VectorFiles.Find($"argon2/phc-kats/{file}"));
        var parameters = new Argon2Parameters(kat.Type, kat.MemoryKib, kat.Iterations, kat.Parallelism, kat.TagLength, kat.Version);
        byte[] tag = new byte[kat.TagLength];
        int passesSeen = 0;
        NoFuture.Crypto.Argon2.DeriveKeyCore(kat.Password, kat.Salt, parameters, tag, kat.Secret, kat.AssociatedData, path, TestContext.Current.CancellationToken,
            (pass, instance) =>
            {
                ulong[] expected = kat.Passes[pass];
                ReadOnlySpan<ulong> words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(instance.Memory);
                Assert.Equal(expected.Length, words.Length);
                for (int w = 0; w < expected.Length; w++)
                    Assert.True(expected[w] == words[w], $"pass {pass}, block {w / 128}, word {w % 128}");
                passesSeen++;
            });
        Assert.Equal(kat.Iterations, passesSeen);
        Assert.Equal(Convert.ToHexStringLower(kat.Tag), Convert.ToHexStringLower(tag));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Extra_Argon2idVectors(string pathName)
    {
        Argon2Path path = Enum.Parse<Argon2Path>(pathName);
        SkipUnlessSupported(path);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("argon2/argon2id-extra.json")));
        int count = 0;
        foreach (JsonElement v in json.RootElement.GetProperty("vectors").EnumerateArray())
        {
            if (!RunsOn(path, v)) continue;
            var parameters = new Argon2Parameters(Argon2Type.Argon2id, v.GetProperty("memory_kib").GetInt32(),
                v.GetProperty("iterations").GetInt32(), v.GetProperty("parallelism").GetInt32(), v.GetProperty("tag_length").GetInt32());
            byte[] password = Encoding.UTF8.GetBytes(v.GetProperty("password_utf8").GetString()!);
            byte[] tag = new byte[parameters.TagLength];
            NoFuture.Crypto.Argon2.DeriveKeyCore(password, Hex(v, "salt_hex"), parameters, tag, default, default, path, TestContext.Current.CancellationToken);
            Assert.Equal(v.GetProperty("tag_hex").GetString(), Convert.ToHexStringLower(tag));
            count++;
        }
        // Counted from the file, apart from the run.
        VectorCount.AllRan(count, json.RootElement.GetProperty("vectors").EnumerateArray().Count(v => RunsOn(path, v)),
            $"argon2id-extra.json on {path}");
    }

    /// <summary>The scalar path runs the small vectors only (up to 4 MiB), to keep the suite quick; the SIMD paths run all.</summary>
    private static bool RunsOn(Argon2Path path, JsonElement vector) =>
        path != Argon2Path.Scalar || vector.GetProperty("memory_kib").GetInt32() <= 4096;

    internal static void SkipUnlessSupported(Argon2Path path) =>
        Assert.SkipUnless(Argon2Paths.IsSupported(path), $"{path} is not supported on this CPU.");

    internal static Argon2Type ParseType(string name) => name switch
    {
        "argon2d" => Argon2Type.Argon2d,
        "argon2i" => Argon2Type.Argon2i,
        "argon2id" => Argon2Type.Argon2id,
        _ => throw new InvalidDataException(name),
    };

    private static byte[] Hex(JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    /// <summary>One genkat file: the header, every block after each pass, and the tag.</summary>
    private sealed class Kat
    {
        public Argon2Type Type;
        public Argon2Version Version;
        public int MemoryKib, Iterations, Parallelism, TagLength;
        public byte[] Password = [], Salt = [], Secret = [], AssociatedData = [], Tag = [];
        public List<ulong[]> Passes = [];

        public static Kat Load(string path)
        {
            var kat = new Kat();
            var passes = new List<List<ulong>>();
            foreach (string raw in File.ReadLines(path))
            {
                string line = raw.Trim();
                if (line.StartsWith("Argon2", StringComparison.Ordinal) && line.Contains("version number", StringComparison.Ordinal))
                {
                    kat.Type = ParseType(line[..line.IndexOf(' ', StringComparison.Ordinal)].ToLowerInvariant());
                    kat.Version = (Argon2Version)int.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("Memory:", StringComparison.Ordinal))
                {
                    string[] f = line.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
                    kat.MemoryKib = int.Parse(f[1], CultureInfo.InvariantCulture);
                    kat.Iterations = int.Parse(f[4], CultureInfo.InvariantCulture);
                    kat.Parallelism = int.Parse(f[6], CultureInfo.InvariantCulture);
                    kat.TagLength = int.Parse(f[10], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("Password[", StringComparison.Ordinal)) kat.Password = Bytes(line);
                else if (line.StartsWith("Salt[", StringComparison.Ordinal)) kat.Salt = Bytes(line);
                else if (line.StartsWith("Secret[", StringComparison.Ordinal)) kat.Secret = Bytes(line);
                else if (line.StartsWith("Associated data[", StringComparison.Ordinal)) kat.AssociatedData = Bytes(line);
                else if (line.StartsWith("Tag:", StringComparison.Ordinal)) kat.Tag = Bytes(line);
                else if (line.StartsWith("After pass", StringComparison.Ordinal))
                {
                    passes.Add([]);
                }
                else if (line.StartsWith("Block", StringComparison.Ordinal))
                {
                    passes[^1].Add(ulong.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 2)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
            kat.Passes = [.. passes.Select(p => p.ToArray())];
            return kat;
        }

        private static byte[] Bytes(string line) =>
            Convert.FromHexString(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace(" ", "", StringComparison.Ordinal));
    }
}
