// ECDSA verification on P-256/384/521: every case of the six Wycheproof ecdsa_secp*_test.json files (C2SP/wycheproof
// @ dac1dd47, testvectors_v1; see shared/vectors/SOURCES.md, "ecdsa/"), DER (RFC 3279 Dss-Sig-Value) and IEEE P1363
// (r ‖ s) signatures, through SignatureAlgorithm.EcdsaP*Sha* (DER) and EcdsaP*Sha*P1363, one shot and imported keys.
//
// Verdicts: "valid" → true, "invalid" → false, and Verify must never throw for a signature. The files hold no
// "acceptable" case (asserted: if a newer file brings one, this test must be revisited, not pass by accident). Valid
// cases include high-S signatures: we have no low-S rule. The DER files' invalid cases include BER encodings
// (long-form lengths, leading zeros, indefinite lengths) that a lenient parser would accept: EcdsaDer refuses them.
// The BCL's own DER path (ECDsa.VerifyData with Rfc3279DerSequence, .NET 10 on OpenSSL) accepts tcId 6 of the P-256
// and P-384 files ("s misses leading 0": a negative INTEGER read as unsigned); the test prints what it would accept.
using System.Security.Cryptography;
using System.Text.Json;
using NoFuture.Memory;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Signatures;

public class EcdsaWycheproofTests
{
    public static TheoryData<string, DSASignatureFormat> Files => new()
    {
        { "ecdsa/ecdsa_secp256r1_sha256_test.json", DSASignatureFormat.Rfc3279DerSequence },
        { "ecdsa/ecdsa_secp384r1_sha384_test.json", DSASignatureFormat.Rfc3279DerSequence },
        { "ecdsa/ecdsa_secp521r1_sha512_test.json", DSASignatureFormat.Rfc3279DerSequence },
        { "ecdsa/ecdsa_secp256r1_sha256_p1363_test.json", DSASignatureFormat.IeeeP1363FixedFieldConcatenation },
        { "ecdsa/ecdsa_secp384r1_sha384_p1363_test.json", DSASignatureFormat.IeeeP1363FixedFieldConcatenation },
        { "ecdsa/ecdsa_secp521r1_sha512_p1363_test.json", DSASignatureFormat.IeeeP1363FixedFieldConcatenation },
    };

    internal static NistCurve CurveOf(string wycheproofName) => wycheproofName switch
    {
        "secp256r1" => NistCurve.P256,
        "secp384r1" => NistCurve.P384,
        "secp521r1" => NistCurve.P521,
        _ => throw new InvalidDataException($"unexpected curve {wycheproofName}"),
    };

    internal static SignatureAlgorithm AlgorithmOf(NistCurve curve, DSASignatureFormat format)
    {
        bool der = format == DSASignatureFormat.Rfc3279DerSequence;
        if (curve == NistCurve.P256) return der ? SignatureAlgorithm.EcdsaP256Sha256 : SignatureAlgorithm.EcdsaP256Sha256P1363;
        if (curve == NistCurve.P384) return der ? SignatureAlgorithm.EcdsaP384Sha384 : SignatureAlgorithm.EcdsaP384Sha384P1363;
        return der ? SignatureAlgorithm.EcdsaP521Sha512 : SignatureAlgorithm.EcdsaP521Sha512P1363;
    }

    private static HashAlgorithmName HashOf(string wycheproofName) => wycheproofName switch
    {
        "SHA-256" => HashAlgorithmName.SHA256,
        "SHA-384" => HashAlgorithmName.SHA384,
        "SHA-512" => HashAlgorithmName.SHA512,
        _ => throw new InvalidDataException($"unexpected hash {wycheproofName}"),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Wycheproof_EveryCase(string file, DSASignatureFormat format)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find(file)));
        Assert.Equal(format == DSASignatureFormat.Rfc3279DerSequence ? "ecdsa_verify_schema_v1.json" : "ecdsa_p1363_verify_schema_v1.json",
            doc.RootElement.GetProperty("schema").GetString());
        int valid = 0, invalid = 0;
        var failures = new List<string>();
        var bclLenient = new List<int>(); // invalid cases the BCL's own DER path accepts: why Verify parses DER itself
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            JsonElement key = group.GetProperty("publicKey");
            NistCurve curve = CurveOf(key.GetProperty("curve").GetString()!);
            byte[] publicKey = Convert.FromHexString(key.GetProperty("uncompressed").GetString()!);
            HashAlgorithmName hash = HashOf(group.GetProperty("sha").GetString()!);
            Assert.Equal(curve.DefaultHashAlgorithm, hash); // these files pair each curve with its default hash
            SignatureAlgorithm algorithm = AlgorithmOf(curve, format);
            SignaturePublicKey imported = algorithm.ImportPublicKey(publicKey); // every group's key is a valid point
            using ECDsa bcl = ECDsa.Create(new ECParameters
            {
                Curve = curve.Curve,
                Q = new ECPoint { X = publicKey[1..(1 + curve.CoordinateSizeInBytes)], Y = publicKey[(1 + curve.CoordinateSizeInBytes)..] },
            });
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                int id = test.GetProperty("tcId").GetInt32();
                byte[] msg = Convert.FromHexString(test.GetProperty("msg").GetString()!);
                byte[] sig = Convert.FromHexString(test.GetProperty("sig").GetString()!);
                string result = test.GetProperty("result").GetString()!;
                bool ok;
                try
                {
                    ok = algorithm.Verify(publicKey, msg, sig);
                    Assert.Equal(ok, imported.Verify(msg, sig));
                }
                catch (Exception e)
                {
                    failures.Add($"tcId {id} ({result}, {test.GetProperty("comment").GetString()}): threw {e.GetType().Name}");
                    continue;
                }
                if (result == "invalid" && BclAccepts(bcl, msg, sig, hash, format)) bclLenient.Add(id);
                switch (result)
                {
                    case "valid" when ok: valid++; break;
                    case "invalid" when !ok: invalid++; break;
                    default:
                        failures.Add($"tcId {id} ({result}, {test.GetProperty("comment").GetString()}, "
                            + $"{string.Join(",", test.GetProperty("flags").EnumerateArray())}): Verify → {ok}");
                        break;
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures));
        TestContext.Current.TestOutputHelper?.WriteLine($"{file}: {valid} valid accepted, {invalid} invalid refused; "
            + $"the BCL alone would accept {bclLenient.Count} invalid (tcId {string.Join(" ", bclLenient)})");
        VectorCount.AllRan(valid + invalid, VectorCount.Wycheproof(doc.RootElement), file);
        Assert.Equal(VectorCount.WycheproofResult(doc.RootElement, "valid"), valid);
        Assert.Equal(VectorCount.WycheproofResult(doc.RootElement, "invalid"), invalid);
    }

    private static bool BclAccepts(ECDsa bcl, byte[] msg, byte[] sig, HashAlgorithmName hash, DSASignatureFormat format)
    {
        try
        {
            return bcl.VerifyData(msg, sig, hash, format);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("P-256")]
    [InlineData("P-384")]
    [InlineData("P-521")]
    public void Der_SignVerify_RoundTrip_AndSizes(string name)
    {
        NistCurve curve = name switch { "P-256" => NistCurve.P256, "P-384" => NistCurve.P384, _ => NistCurve.P521 };
        SignatureAlgorithm derAlg = AlgorithmOf(curve, DSASignatureFormat.Rfc3279DerSequence);
        SignatureAlgorithm p1363 = AlgorithmOf(curve, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using (ECDsa bcl = ECDsa.Create(curve.Curve))
        {
            Assert.Equal(bcl.GetMaxSignatureSize(DSASignatureFormat.Rfc3279DerSequence), derAlg.SignatureSizeInBytes);
            Assert.Equal(bcl.GetMaxSignatureSize(DSASignatureFormat.IeeeP1363FixedFieldConcatenation), p1363.SignatureSizeInBytes);
        }

        using SigningKey key = derAlg.GenerateKey(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        byte[] data = RandomNumberGenerator.GetBytes(40);
        int max = derAlg.SignatureSizeInBytes;

        byte[] der = key.Sign(data);
        Assert.InRange(der.Length, 8, max);
        Assert.Equal(0x30, der[0]);
        Assert.True(derAlg.Verify(key.PublicKey, data, der));
        Assert.False(p1363.Verify(key.PublicKey, data, der)); // not a P1363 signature

        // TrySign wants the maximum size even when the signature turns out shorter; too small writes nothing.
        byte[] buffer = Enumerable.Repeat((byte)0xA5, max + 3).ToArray();
        Assert.False(key.TrySign(data, buffer.AsSpan(0, max - 1), out int written));
        Assert.Equal(0, written);
        Assert.All(buffer, b => Assert.Equal(0xA5, b));
        Assert.True(key.TrySign(data, buffer, out written));
        Assert.InRange(written, 8, max);
        Assert.True(derAlg.Verify(key.PublicKey, data, buffer.AsSpan(0, written)));
        // A trailing byte after the SEQUENCE is not DER.
        Assert.False(derAlg.Verify(key.PublicKey, data, buffer.AsSpan(0, written + 1)));

        // The same scalar under the P1363 member signs fixed-size r ‖ s with the same public key.
        using Secret d = key.ExportPrivateKey();
        using SigningKey fixedKey = p1363.ImportPrivateKey(d);
        Assert.Equal(key.PublicKey.ToArray(), fixedKey.PublicKey.ToArray());
        Assert.True(fixedKey.TrySign(data, buffer, out written));
        Assert.Equal(p1363.SignatureSizeInBytes, written);
        Assert.True(p1363.Verify(key.PublicKey, data, buffer.AsSpan(0, written)));
        Assert.Equal(p1363.SignatureSizeInBytes, fixedKey.Sign(data).Length);
        Assert.Equal(p1363.SignatureSizeInBytes, fixedKey.Sign(data, buffer));

        // Overlap is checked before signing.
        Assert.Throws<ArgumentException>(() => key.TrySign(buffer.AsSpan(0, 10), buffer, out _));
    }
}
