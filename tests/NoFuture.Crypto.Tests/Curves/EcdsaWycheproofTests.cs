// ECDSA verification on P-256/384/521: every case of the six Wycheproof ecdsa_secp*_test.json files (C2SP/wycheproof
// @ dac1dd47, testvectors_v1; see shared/vectors/SOURCES.md, "ecdsa/"), DER (RFC 3279 Dss-Sig-Value) and IEEE P1363
// (r ‖ s) signatures, through EcPrivateKey.Verify.
//
// Verdicts: "valid" → true, "invalid" → false, and Verify must never throw for a signature. The files hold no
// "acceptable" case (asserted: if a newer file brings one, this test must be revisited, not pass by accident). Valid
// cases include high-S signatures: we have no low-S rule. The DER files' invalid cases include BER encodings
// (long-form lengths, leading zeros, indefinite lengths) that a lenient parser would accept: EcdsaDer refuses them.
// The BCL's own DER path (ECDsa.VerifyData with Rfc3279DerSequence, .NET 10 on OpenSSL) accepts tcId 6 of the P-256
// and P-384 files ("s misses leading 0": a negative INTEGER read as unsigned); the test prints what it would accept.
using System.Security.Cryptography;
using System.Text.Json;
using NoFuture.Crypto.Curves;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Curves;

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
                    ok = EcPrivateKey.Verify(curve, publicKey, msg, sig, hash, format);
                    if (format == DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
                        Assert.Equal(ok, EcPrivateKey.Verify(curve, publicKey, msg, sig, hash)); // the default format
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
        using (ECDsa bcl = ECDsa.Create(curve.Curve))
        {
            Assert.Equal(bcl.GetMaxSignatureSize(DSASignatureFormat.Rfc3279DerSequence), curve.GetMaxSignatureSize(DSASignatureFormat.Rfc3279DerSequence));
            Assert.Equal(bcl.GetMaxSignatureSize(DSASignatureFormat.IeeeP1363FixedFieldConcatenation), curve.GetMaxSignatureSize(DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => curve.GetMaxSignatureSize((DSASignatureFormat)7));

        using EcPrivateKey key = EcPrivateKey.Generate(curve);
        byte[] data = RandomNumberGenerator.GetBytes(40);
        int max = curve.GetMaxSignatureSize(DSASignatureFormat.Rfc3279DerSequence);

        byte[] der = key.Sign(data, curve.DefaultHashAlgorithm, DSASignatureFormat.Rfc3279DerSequence);
        Assert.InRange(der.Length, 8, max);
        Assert.Equal(0x30, der[0]);
        Assert.True(EcPrivateKey.Verify(curve, key.PublicKey, data, der, signatureFormat: DSASignatureFormat.Rfc3279DerSequence));
        Assert.False(EcPrivateKey.Verify(curve, key.PublicKey, data, der)); // not a P1363 signature

        // TrySign wants the maximum size even when the signature turns out shorter; too small writes nothing.
        byte[] buffer = Enumerable.Repeat((byte)0xA5, max + 3).ToArray();
        Assert.False(key.TrySign(data, buffer.AsSpan(0, max - 1), curve.DefaultHashAlgorithm, DSASignatureFormat.Rfc3279DerSequence, out int written));
        Assert.Equal(0, written);
        Assert.All(buffer, b => Assert.Equal(0xA5, b));
        Assert.True(key.TrySign(data, buffer, curve.DefaultHashAlgorithm, DSASignatureFormat.Rfc3279DerSequence, out written));
        Assert.InRange(written, 8, max);
        Assert.True(EcPrivateKey.Verify(curve, key.PublicKey, data, buffer.AsSpan(0, written), signatureFormat: DSASignatureFormat.Rfc3279DerSequence));
        // A trailing byte after the SEQUENCE is not DER.
        Assert.False(EcPrivateKey.Verify(curve, key.PublicKey, data, buffer.AsSpan(0, written + 1), signatureFormat: DSASignatureFormat.Rfc3279DerSequence));

        // The P1363 overloads of the new signature keep the fixed size.
        Assert.True(key.TrySign(data, buffer, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out written));
        Assert.Equal(curve.SignatureSizeInBytes, written);
        Assert.True(EcPrivateKey.Verify(curve, key.PublicKey, data, buffer.AsSpan(0, written), HashAlgorithmName.SHA256));
        Assert.Equal(curve.SignatureSizeInBytes, key.Sign(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Length);

        // Undefined formats are caller mistakes; overlap is checked before signing.
        Assert.Throws<ArgumentOutOfRangeException>(() => EcPrivateKey.Verify(curve, key.PublicKey, data, der, signatureFormat: (DSASignatureFormat)2));
        Assert.Throws<ArgumentOutOfRangeException>(() => key.Sign(data, curve.DefaultHashAlgorithm, (DSASignatureFormat)(-1)));
        Assert.Throws<ArgumentException>(() => key.TrySign(buffer.AsSpan(0, 10), buffer, curve.DefaultHashAlgorithm, DSASignatureFormat.Rfc3279DerSequence, out _));
    }
}
