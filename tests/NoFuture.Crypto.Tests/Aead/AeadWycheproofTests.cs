// Every case of Wycheproof aead/aes_gcm_test.json, aead/chacha20_poly1305_test.json and
// aead/xchacha20_poly1305_test.json (C2SP/wycheproof @ dac1dd47, testvectors_v1; shared/vectors/SOURCES.md).
// Each case is either run (Seal reproduces ct‖tag for valid cases; Open authenticates valid ones and returns false
// with a cleared destination for invalid ones; through the span, Secret and AeadKey forms) or, where the API
// deliberately does not support the parameters, asserted to be refused with ArgumentException and counted:
//   * AES-192-GCM is not offered (no AeadAlgorithm), counted as "skipped: AES-192";
//   * GCM IVs other than 12 bytes and ChaCha nonces of the wrong size are refused by the size checks.
// Wycheproof marks the wrong-size nonces of (X)ChaCha20-Poly1305 and the empty GCM IV "invalid": refusal is the
// right answer there; the GCM IVs of other lengths are "valid" GCM that we do not support.
using System.Text.Json;
using NoFuture.Crypto.Aead;
using NoFuture.Memory;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Aead;

public class AeadWycheproofTests
{
    private sealed class Counts
    {
        public int Valid, Invalid, RefusedValid, RefusedInvalid, SkippedAes192;
        public override string ToString() =>
            $"{Valid} valid run, {Invalid} invalid run, {RefusedValid} valid refused (unsupported size), " +
            $"{RefusedInvalid} invalid refused (size check), {SkippedAes192} skipped (AES-192 not offered)";
    }

    [Fact]
    public void AesGcm_EveryCase()
    {
        Counts c = Run("aead/aes_gcm_test.json", keySize => keySize switch
        {
            128 => AeadAlgorithm.Aes128Gcm,
            256 => AeadAlgorithm.Aes256Gcm,
            _ => null,
        });
        Assert.True(c.Valid > 0 && c.Invalid > 0, c.ToString()); // 12-byte IV, 128/256-bit keys
        Assert.True(c.RefusedInvalid > 0, c.ToString());          // the empty IV
    }

    [Fact]
    public void ChaCha20Poly1305_EveryCase()
    {
        Counts c = Run("aead/chacha20_poly1305_test.json", _ => AeadAlgorithm.ChaCha20Poly1305);
        Assert.True(c.Valid > 0 && c.Invalid > 0, c.ToString());
        Assert.Equal(0, c.RefusedValid); // every valid case has the one nonce size
        Assert.Equal(0, c.SkippedAes192);
    }

    [Fact]
    public void XChaCha20Poly1305_EveryCase()
    {
        Counts c = Run("aead/xchacha20_poly1305_test.json", _ => AeadAlgorithm.XChaCha20Poly1305);
        Assert.True(c.Valid > 0 && c.Invalid > 0, c.ToString());
        Assert.Equal(0, c.RefusedValid); // every valid case has the one nonce size
        Assert.Equal(0, c.SkippedAes192);
    }

    private static Counts Run(string file, Func<int, AeadAlgorithm?> pick)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find(file)));
        var counts = new Counts();
        var failures = new List<string>();
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            AeadAlgorithm? algorithm = pick(group.GetProperty("keySize").GetInt32());
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                int id = test.GetProperty("tcId").GetInt32();
                bool valid = test.GetProperty("result").GetString() switch
                {
                    "valid" => true,
                    "invalid" => false,
                    string other => throw new InvalidOperationException($"tcId {id}: result {other}"),
                    null => throw new InvalidOperationException(),
                };
                if (algorithm is null) { counts.SkippedAes192++; continue; }
                byte[] key = Hex(test, "key"), iv = Hex(test, "iv"), aad = Hex(test, "aad"), msg = Hex(test, "msg");
                byte[] ct = Hex(test, "ct"), tag = Hex(test, "tag");

                if (iv.Length != algorithm.NonceSizeInBytes || tag.Length != algorithm.TagSizeInBytes
                    || key.Length != algorithm.KeySizeInBytes)
                {
                    byte[] outCt = new byte[msg.Length], outTag = new byte[algorithm.TagSizeInBytes], outPt = new byte[ct.Length];
                    Assert.Throws<ArgumentException>(() => algorithm.Seal(key, iv, msg, outCt, outTag, aad));
                    Assert.Throws<ArgumentException>(() => algorithm.Open(key, iv, ct, tag, outPt, aad));
                    if (valid) counts.RefusedValid++; else counts.RefusedInvalid++;
                    continue;
                }

                string? problem = valid ? CheckValid(algorithm, key, iv, aad, msg, ct, tag) : CheckInvalid(algorithm, key, iv, aad, ct, tag);
                if (problem is not null) failures.Add($"tcId {id}: {problem}");
                else if (valid) counts.Valid++;
                else counts.Invalid++;
            }
        }
        Assert.Empty(failures);
        TestContext.Current.TestOutputHelper?.WriteLine($"{file}: {counts}");
        // Every case of the file is run or accounted for; the count comes from the file, so a newer file drops in.
        VectorCount.AllRan(counts.Valid + counts.Invalid + counts.RefusedValid + counts.RefusedInvalid + counts.SkippedAes192,
            VectorCount.Wycheproof(doc.RootElement), file);
        int validOffered = VectorCount.Wycheproof(doc.RootElement, (group, test) =>
            pick(group.GetProperty("keySize").GetInt32()) is not null && test.GetProperty("result").GetString() == "valid");
        Assert.Equal(validOffered, counts.Valid + counts.RefusedValid);
        return counts;
    }

    private static string? CheckValid(AeadAlgorithm algorithm, byte[] key, byte[] iv, byte[] aad, byte[] msg, byte[] ct, byte[] tag)
    {
        byte[] outCt = new byte[msg.Length], outTag = new byte[16];
        algorithm.Seal(key, iv, msg, outCt, outTag, aad);
        if (!outCt.AsSpan().SequenceEqual(ct) || !outTag.AsSpan().SequenceEqual(tag)) return "seal (span key) differs";

        using Secret secretKey = Secret.CopyFrom(key);
        byte[] inPlace = (byte[])msg.Clone();
        algorithm.Seal(secretKey, iv, inPlace, inPlace, outTag, aad);
        if (!inPlace.AsSpan().SequenceEqual(ct) || !outTag.AsSpan().SequenceEqual(tag)) return "seal (secret key, in place) differs";

        byte[] pt = new byte[ct.Length];
        if (!algorithm.Open(key, iv, ct, tag, pt, aad) || !pt.AsSpan().SequenceEqual(msg)) return "open (span key) failed";

        using AeadKey keyed = algorithm.CreateKey(secretKey);
        Array.Clear(pt);
        if (!keyed.Open(iv, ct, tag, pt, aad) || !pt.AsSpan().SequenceEqual(msg)) return "open (AeadKey) failed";
        keyed.Seal(iv, msg, outCt, outTag, aad);
        if (!outCt.AsSpan().SequenceEqual(ct) || !outTag.AsSpan().SequenceEqual(tag)) return "seal (AeadKey) differs";
        return null;
    }

    private static string? CheckInvalid(AeadAlgorithm algorithm, byte[] key, byte[] iv, byte[] aad, byte[] ct, byte[] tag)
    {
        byte[] pt = Enumerable.Repeat((byte)0xA5, ct.Length).ToArray();
        if (algorithm.Open(key, iv, ct, tag, pt, aad)) return "open (span key) accepted";
        if (pt.Any(b => b != 0)) return "destination not cleared (span key)";

        using Secret secretKey = Secret.CopyFrom(key);
        using AeadKey keyed = algorithm.CreateKey(secretKey);
        Array.Fill(pt, (byte)0x5A);
        if (keyed.Open(iv, ct, tag, pt, aad)) return "open (AeadKey) accepted";
        if (pt.Any(b => b != 0)) return "destination not cleared (AeadKey)";
        Array.Fill(pt, (byte)0x5A);
        if (algorithm.Open(secretKey, iv, ct, tag, pt, aad)) return "open (secret key) accepted";
        if (pt.Any(b => b != 0)) return "destination not cleared (secret key)";
        return null;
    }

    private static byte[] Hex(JsonElement test, string name) => Convert.FromHexString(test.GetProperty(name).GetString()!);
}
