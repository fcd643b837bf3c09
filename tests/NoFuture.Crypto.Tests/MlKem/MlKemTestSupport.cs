// Array-returning wrappers over the internal ML-KEM core for vector tests, and the validation a public entry
// point performs (FIPS 203, sections 7.2 and 7.3), so vector files with invalid inputs can be judged.
using System.Text.Json;
using NoFuture.Crypto.MlKem;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.MlKem;

internal static class MlKemTestSupport
{
    internal static readonly string[] ParameterSetNames = ["ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"];

    internal static MlKemParameters Params(string name) => name switch
    {
        "ML-KEM-512" => MlKemParameters.MlKem512,
        "ML-KEM-768" => MlKemParameters.MlKem768,
        "ML-KEM-1024" => MlKemParameters.MlKem1024,
        _ => throw new ArgumentException($"Unknown parameter set {name}", nameof(name)),
    };

    internal static (byte[] Ek, byte[] Dk) KeyGen(MlKemParameters p, ReadOnlySpan<byte> d, ReadOnlySpan<byte> z)
    {
        var ek = new byte[p.EncapsulationKeySizeInBytes];
        var dk = new byte[p.DecapsulationKeySizeInBytes];
        MlKemCore.KeyGenInternal(p, d, z, ek, dk);
        return (ek, dk);
    }

    internal static (byte[] Ek, byte[] Dk) KeyGen(MlKemParameters p, ReadOnlySpan<byte> seed) => KeyGen(p, seed[..32], seed[32..]);

    internal static (byte[] C, byte[] K) Encaps(MlKemParameters p, byte[] ek, ReadOnlySpan<byte> m)
    {
        var c = new byte[p.CiphertextSizeInBytes];
        var k = new byte[32];
        MlKemCore.EncapsInternal(p, ek, m, k, c);
        return (c, k);
    }

    internal static byte[] Decaps(MlKemParameters p, byte[] dk, byte[] c)
    {
        var k = new byte[32];
        MlKemCore.DecapsInternal(p, dk, c, k);
        return k;
    }

    /// <summary>FIPS 203, section 7.2: type check (length) and modulus check.</summary>
    internal static bool EncapsulationKeyIsValid(MlKemParameters p, byte[] ek) =>
        ek.Length == p.EncapsulationKeySizeInBytes && MlKemCore.EncapsulationKeyModulusCheck(p, ek);

    /// <summary>FIPS 203, section 7.3: type checks (lengths) and hash check.</summary>
    internal static bool DecapsulationKeyIsValid(MlKemParameters p, byte[] dk) =>
        dk.Length == p.DecapsulationKeySizeInBytes && MlKemCore.DecapsulationKeyHashCheck(p, dk);

    internal static byte[] Hex(JsonElement element, string name) => Convert.FromHexString(element.GetProperty(name).GetString()!);

    internal static JsonDocument LoadJson(string relativePath) => JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find(relativePath)));

    /// <summary>CCTV's "name = hex" lines.</summary>
    internal static Dictionary<string, byte[]> ReadCctv(string relativePath)
    {
        var values = new Dictionary<string, byte[]>();
        foreach (string line in File.ReadLines(VectorFiles.Find(relativePath)))
        {
            int equals = line.IndexOf(" = ", StringComparison.Ordinal);
            if (equals < 0) continue;
            values[line[..equals].Trim()] = Convert.FromHexString(line[(equals + 3)..].Trim());
        }
        return values;
    }
}
