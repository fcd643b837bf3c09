// ECDH on P-256/384/521: every case of Wycheproof ecdh_secp*_ecpoint_test.json (raw SEC1 points) and
// ecdh_secp*_test.json (DER SubjectPublicKeyInfo), C2SP/wycheproof @ dac1dd47, testvectors_v1; see
// shared/vectors/SOURCES.md, "ecdh/". Through EcdhPrivateKey.Import and EcdhPrivateKey.Agree.
//
// What Agree takes: an uncompressed point 0x04 ‖ X ‖ Y of exactly PublicKeySizeInBytes. Its documented refusals
// (docs/failure-policy.md) give the outcomes counted here:
//   computed   — Agree → true with exactly the file's shared secret (every "valid" case must land here);
//   refused    — a right-length key that is not a valid point (off the curve, invalid-curve attack, wrong prefix):
//                Agree → false with the destination cleared;
//   wrong size — a compressed point (33 / 49 / 67 bytes) or an empty one: a key of the wrong length is a caller
//                mistake for every NoFuture key type, so Agree throws ArgumentException and writes nothing. No secret
//                either way; the one compressed "acceptable" case per curve is refused this way.
// NoFuture has no SPKI import (keys are raw points, as HPKE, MLS and TLS carry them). For the SPKI files the test
// extracts the point only from the DER of a named-curve SPKI for this curve with an uncompressed point (DER is
// unique, so that is one fixed prefix plus the point); every other SPKI (compressed points, explicit or modified
// curve parameters, other curves, BER/malformed ASN.1) is counted as "not ours", with the file's flags as the
// reason, and must not be a "valid" case. "invalid" cases must never yield a secret.
using System.Text.Json;
using NoFuture.Crypto.Curves;
using NoFuture.Crypto.Tests.Signatures;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Curves;

public class EcdhWycheproofTests
{
    // SEQUENCE { SEQUENCE { id-ecPublicKey, namedCurve }, BIT STRING (0 unused bits) 04 ‖ X ‖ Y } up to the point
    // (RFC 5480 §2.1.1, §2.2): the only DER encoding of such a key.
    private static readonly Dictionary<string, byte[]> SpkiPrefix = new()
    {
        ["P-256"] = Convert.FromHexString("3059301306072a8648ce3d020106082a8648ce3d030107034200"),
        ["P-384"] = Convert.FromHexString("3076301006072a8648ce3d020106052b81040022036200"),
        ["P-521"] = Convert.FromHexString("30819b301006072a8648ce3d020106052b8104002303818600"),
    };

    public static TheoryData<string> Curves => new() { "256", "384", "521" };

    private enum Outcome { Computed, Refused, WrongSize, NotOurs }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Wycheproof_EcPoint_EveryCase(string bits) =>
        Run($"ecdh/ecdh_secp{bits}r1_ecpoint_test.json", "ecdh_ecpoint_test_schema_v1.json", spki: false);

    [Theory]
    [MemberData(nameof(Curves))]
    public void Wycheproof_Spki_EveryCase(string bits) =>
        Run($"ecdh/ecdh_secp{bits}r1_test.json", "ecdh_test_schema_v1.json", spki: true);

    private static void Run(string file, string schema, bool spki)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find(file)));
        Assert.Equal(schema, doc.RootElement.GetProperty("schema").GetString());
        var counts = new Dictionary<(string Result, Outcome Outcome), int>();
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        int ran = 0;
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            NistCurve curve = EcdsaWycheproofTests.CurveOf(group.GetProperty("curve").GetString()!);
            Assert.Equal(spki ? "asn" : "ecpoint", group.GetProperty("encoding").GetString());
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                ran++;
                int id = test.GetProperty("tcId").GetInt32();
                string result = test.GetProperty("result").GetString()!;
                string flags = string.Join(",", test.GetProperty("flags").EnumerateArray());
                byte[] encoded = Convert.FromHexString(test.GetProperty("public").GetString()!);
                byte[] expected = Convert.FromHexString(test.GetProperty("shared").GetString()!);
                byte[] scalar = Scalar(test.GetProperty("private").GetString()!, curve.ScalarSizeInBytes);

                Outcome outcome;
                if (spki && !TryExtractPoint(curve, encoded, out encoded))
                {
                    outcome = Outcome.NotOurs;
                    reasons[$"{result}: {flags}"] = reasons.GetValueOrDefault($"{result}: {flags}") + 1;
                }
                else
                {
                    outcome = Agree(curve, scalar, encoded, expected, out string? error);
                    if (error is not null) { failures.Add($"tcId {id} ({result}, {flags}): {error}"); continue; }
                }

                bool allowed = result switch
                {
                    "valid" => outcome == Outcome.Computed,
                    "acceptable" => true, // computed (then checked against the file's secret) or refused
                    "invalid" => outcome != Outcome.Computed,
                    _ => false,
                };
                if (!allowed) failures.Add($"tcId {id} ({result}, {flags}, {test.GetProperty("comment").GetString()}): {outcome}");
                counts[(result, outcome)] = counts.GetValueOrDefault((result, outcome)) + 1;
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures));
        foreach (((string result, Outcome outcome), int n) in counts.OrderBy(c => c.Key.ToString()))
            TestContext.Current.TestOutputHelper?.WriteLine($"{file}: {result} → {outcome}: {n}");
        foreach ((string reason, int n) in reasons) TestContext.Current.TestOutputHelper?.WriteLine($"  not ours ({reason}): {n}");

        // Every case counted from the file ran and landed in one outcome; every valid case computed the file's secret.
        VectorCount.AllRan(ran, VectorCount.Wycheproof(doc.RootElement), file);
        Assert.Equal(ran, counts.Values.Sum());
        Assert.Equal(VectorCount.WycheproofResult(doc.RootElement, "valid"), counts.GetValueOrDefault(("valid", Outcome.Computed)));
        Assert.Equal(0, counts.GetValueOrDefault(("invalid", Outcome.Computed)));
    }

    private static Outcome Agree(NistCurve curve, byte[] scalar, byte[] peer, byte[] expected, out string? error)
    {
        error = null;
        using EcdhPrivateKey key = EcdhPrivateKey.Import(curve, scalar);
        byte[] z = Enumerable.Repeat((byte)0xA5, curve.SharedSecretSizeInBytes).ToArray();
        if (peer.Length != curve.PublicKeySizeInBytes)
        {
            try
            {
                key.Agree(peer, z);
                error = "a wrong-size key did not throw";
            }
            catch (ArgumentException)
            {
                if (z.Any(b => b != 0xA5)) error = "a wrong-size key wrote to the destination";
            }
            return Outcome.WrongSize;
        }
        if (key.Agree(peer, z))
        {
            if (!z.AsSpan().SequenceEqual(expected)) error = $"computed {Convert.ToHexString(z)}, the file says {Convert.ToHexString(expected)}";
            return Outcome.Computed;
        }
        if (z.Any(b => b != 0)) error = "refused without clearing the destination";
        return Outcome.Refused;
    }

    /// <summary>The file's big-endian private key (it may carry a leading 00, or be shorter) as exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Scalar(string hex, int size)
    {
        byte[] raw = Convert.FromHexString(hex);
        ReadOnlySpan<byte> value = raw.AsSpan(raw.AsSpan().IndexOfAnyExcept((byte)0) is int i and >= 0 ? i : raw.Length);
        Assert.True(value.Length <= size, "private key longer than the curve's scalar");
        byte[] scalar = new byte[size];
        value.CopyTo(scalar.AsSpan(size - value.Length));
        return scalar;
    }

    private static bool TryExtractPoint(NistCurve curve, byte[] spki, out byte[] point)
    {
        byte[] prefix = SpkiPrefix[curve.Name];
        point = spki;
        if (spki.Length != prefix.Length + curve.PublicKeySizeInBytes || !spki.AsSpan().StartsWith(prefix)) return false;
        point = spki[prefix.Length..];
        return true;
    }
}
