// Array-returning wrappers over the internal ML-DSA core for vector tests (FIPS 204, section 6), and the pre-hash
// functions of section 5.4.1 computed with BouncyCastle (the oracle library), so ACVP's HashML-DSA cases can be run.
using System.Text.Json;
using NoFuture.Crypto.MlDsa;
using NoFuture.Crypto.MlDsa.Simd;
using NoFuture.Tests.Shared;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace NoFuture.Crypto.Tests.MlDsa;

internal static class MlDsaTestSupport
{
    internal static readonly string[] ParameterSetNames = ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"];

    /// <summary>Every (parameter set, path) pair, parameter sets named as in ACVP or, with <paramref name="shortNames"/>, "44".</summary>
    internal static TheoryData<string, string> SetsAndPaths(bool shortNames)
    {
        var data = new TheoryData<string, string>();
        foreach (string set in ParameterSetNames)
            foreach (string path in Enum.GetNames<MlDsaPath>()) data.Add(shortNames ? set[^2..] : set, path);
        return data;
    }

    /// <summary>The named path; skips the test where this machine lacks its instructions.</summary>
    internal static MlDsaPath PathOf(string name)
    {
        MlDsaPath path = Enum.Parse<MlDsaPath>(name);
        if (!MlDsaPaths.IsAvailable(path)) Assert.Skip($"{name} needs instructions this machine lacks");
        return path;
    }

    internal static MlDsaParameters Params(string name) => name switch
    {
        "ML-DSA-44" => MlDsaParameters.MlDsa44,
        "ML-DSA-65" => MlDsaParameters.MlDsa65,
        "ML-DSA-87" => MlDsaParameters.MlDsa87,
        _ => throw new ArgumentException($"Unknown parameter set {name}", nameof(name)),
    };

    internal static (byte[] Pk, byte[] Sk) KeyGen(MlDsaParameters p, ReadOnlySpan<byte> seed) => KeyGen(p, MlDsaPaths.Best, seed);

    internal static (byte[] Pk, byte[] Sk) KeyGen(MlDsaParameters p, MlDsaPath path, ReadOnlySpan<byte> seed)
    {
        var pk = new byte[p.PublicKeySizeInBytes];
        var sk = new byte[p.PrivateKeySizeInBytes];
        MlDsaCore.KeyGenInternal(p, path, seed, pk, sk);
        return (pk, sk);
    }

    /// <summary>Sign_internal from mu; null when the private key's s1/s2 are out of range.</summary>
    internal static byte[]? SignMu(MlDsaParameters p, byte[] sk, ReadOnlySpan<byte> mu, ReadOnlySpan<byte> rnd) =>
        SignMu(p, MlDsaPaths.Best, sk, mu, rnd);

    internal static byte[]? SignMu(MlDsaParameters p, MlDsaPath path, byte[] sk, ReadOnlySpan<byte> mu, ReadOnlySpan<byte> rnd)
    {
        var aHat = new int[256 * p.K * p.L];
        Sampling.ExpandA(p, path, sk.AsSpan(0, 32), aHat);
        var sig = new byte[p.SignatureSizeInBytes];
        return MlDsaCore.SignInternal(p, path, sk, aHat, mu, rnd, sig, out _) ? sig : null;
    }

    internal static byte[] Tr(byte[] sk) => sk[64..128];

    internal static byte[] PublicTr(byte[] pk)
    {
        var tr = new byte[64];
        NoFuture.Crypto.Keccak.Sha3.Shake256(pk, tr);
        return tr;
    }

    internal static byte[] MuInternal(byte[] tr, ReadOnlySpan<byte> messagePrime)
    {
        var mu = new byte[64];
        MlDsaCore.ComputeMuInternal(tr, messagePrime, mu);
        return mu;
    }

    /// <summary>mu for pure ML-DSA (oid null) or HashML-DSA (oid = dotted OID, message = PH(M)).</summary>
    internal static byte[] Mu(byte[] tr, ReadOnlySpan<byte> context, string? oid, ReadOnlySpan<byte> message)
    {
        var mu = new byte[64];
        Span<byte> der = stackalloc byte[PreHash.OidSizeInBytes];
        if (oid is null) der = default;
        else if (!PreHash.TryGetOid(oid, der, out _)) throw new ArgumentException(oid);
        MlDsaCore.ComputeMu(tr, context, der, message, mu);
        return mu;
    }

    internal static bool VerifyMu(MlDsaParameters p, byte[] pk, ReadOnlySpan<byte> mu, byte[] sig) => MlDsaCore.VerifyInternal(p, pk, mu, sig);

    internal static bool VerifyMu(MlDsaParameters p, MlDsaPath path, byte[] pk, ReadOnlySpan<byte> mu, byte[] sig) =>
        MlDsaCore.VerifyInternal(p, path, pk, default, mu, sig);

    /// <summary>ACVP hashAlg name to (dotted OID, PH(M)).</summary>
    internal static (string Oid, byte[] Digest) PreHashOf(string hashAlg, byte[] message)
    {
        (string oid, IDigest digest, int size) = hashAlg switch
        {
            "SHA2-224" => ("2.16.840.1.101.3.4.2.4", (IDigest)new Sha224Digest(), 28),
            "SHA2-256" => ("2.16.840.1.101.3.4.2.1", new Sha256Digest(), 32),
            "SHA2-384" => ("2.16.840.1.101.3.4.2.2", new Sha384Digest(), 48),
            "SHA2-512" => ("2.16.840.1.101.3.4.2.3", new Sha512Digest(), 64),
            "SHA2-512/224" => ("2.16.840.1.101.3.4.2.5", new Sha512tDigest(224), 28),
            "SHA2-512/256" => ("2.16.840.1.101.3.4.2.6", new Sha512tDigest(256), 32),
            "SHA3-224" => ("2.16.840.1.101.3.4.2.7", new Sha3Digest(224), 28),
            "SHA3-256" => ("2.16.840.1.101.3.4.2.8", new Sha3Digest(256), 32),
            "SHA3-384" => ("2.16.840.1.101.3.4.2.9", new Sha3Digest(384), 48),
            "SHA3-512" => ("2.16.840.1.101.3.4.2.10", new Sha3Digest(512), 64),
            "SHAKE-128" => ("2.16.840.1.101.3.4.2.11", new ShakeDigest(128), 32),
            "SHAKE-256" => ("2.16.840.1.101.3.4.2.12", new ShakeDigest(256), 64),
            _ => throw new ArgumentException($"Unknown hashAlg {hashAlg}", nameof(hashAlg)),
        };
        digest.BlockUpdate(message, 0, message.Length);
        var output = new byte[size];
        if (digest is ShakeDigest shake) shake.OutputFinal(output, 0, size);
        else digest.DoFinal(output, 0);
        return (oid, output);
    }

    internal static byte[] Hex(JsonElement element, string name) => Convert.FromHexString(element.GetProperty(name).GetString()!);

    internal static JsonDocument LoadJson(string relativePath) => JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find(relativePath)));
}
