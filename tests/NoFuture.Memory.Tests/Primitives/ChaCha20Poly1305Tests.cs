// Tests for the internal ChaCha20, Poly1305, HChaCha20 and AEAD_CHACHA20_POLY1305 primitives.
// Known answers: RFC 8439 sections 2.3.2 (block function), 2.4.2 (encryption), 2.5.2 (Poly1305), 2.8.2 (AEAD),
// Appendix A.3 vectors #5-#11 (Poly1305 edge cases: acc >= p, wrap-around, carries); draft-irtf-cfrg-xchacha-03
// section 2.2.1 (HChaCha20).
// Vector files: Wycheproof aead/chacha20_poly1305_test.json and aead/xchacha20_poly1305_test.json from
// C2SP/wycheproof @ dac1dd4729fd1f8dd9e1e9f3dce51d783da6c166, testvectors_v1/ (see shared/vectors/SOURCES.md).
// They are found through NOFUTURE_VECTORS (the vectors folder, or the file itself), else by walking up from the
// test binary to a folder holding shared/vectors. Missing files skip the test, except under CI=true where they fail.
// Cross-check: 2,000 seeded random cases against System.Security.Cryptography.ChaCha20Poly1305.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NoFuture.Memory.Primitives;
using NoFuture.Tests.Shared;
using Xunit;

namespace NoFuture.Memory.Tests.Primitives;

public class ChaCha20Poly1305Tests
{
    private static readonly byte[] Key00To1F = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private static readonly byte[] Sunscreen = Encoding.ASCII.GetBytes(
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");

    // ---- Known answers ----------------------------------------------------------------------------------------

    [Fact]
    public void Rfc8439_2_3_2_BlockFunction()
    {
        byte[] nonce = Convert.FromHexString("000000090000004a00000000");
        const string expected = "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
            + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e";
        byte[] block = new byte[64];
        ChaCha20.Block(Key00To1F, nonce, 1, block);
        Assert.Equal(expected, Convert.ToHexStringLower(block));

        // Both implementations, whichever one this machine dispatches to.
        byte[] two = new byte[128];
        ChaCha20.TwoBlocksScalar(Key00To1F, nonce, 1, two);
        Assert.Equal(expected, Convert.ToHexStringLower(two.AsSpan(0, 64)));
        ChaCha20.TwoBlocksVector128(Key00To1F, nonce, 1, two);
        Assert.Equal(expected, Convert.ToHexStringLower(two.AsSpan(0, 64)));
        ChaCha20.TwoBlocksVector256(Key00To1F, nonce, 1, two);
        Assert.Equal(expected, Convert.ToHexStringLower(two.AsSpan(0, 64)));
    }

    [Fact]
    public void Rfc8439_2_4_2_Encryption()
    {
        byte[] nonce = Convert.FromHexString("000000000000004a00000000");
        byte[] ciphertext = new byte[Sunscreen.Length];
        ChaCha20.Xor(Key00To1F, nonce, 1, Sunscreen, ciphertext);
        Assert.Equal(
            "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b357"
            + "1639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
            + "5af90bbf74a35be6b40b8eedf2785e42874d",
            Convert.ToHexStringLower(ciphertext));
    }

    [Fact]
    public void Rfc8439_2_5_2_Poly1305()
    {
        byte[] key = Convert.FromHexString("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] tag = new byte[16];
        Poly1305.Compute(key, Encoding.ASCII.GetBytes("Cryptographic Forum Research Group"), tag);
        Assert.Equal("a8061dc1305136c6c22b8baf0c0127a9", Convert.ToHexStringLower(tag));
    }

    // RFC 8439, Appendix A.3, test vectors #5 to #11 (key = r || s, text, tag).
    [Theory]
    [InlineData("0200000000000000000000000000000000000000000000000000000000000000",
        "ffffffffffffffffffffffffffffffff", "03000000000000000000000000000000")]
    [InlineData("02000000000000000000000000000000ffffffffffffffffffffffffffffffff",
        "02000000000000000000000000000000", "03000000000000000000000000000000")]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000",
        "fffffffffffffffffffffffffffffffff0ffffffffffffffffffffffffffffff11000000000000000000000000000000",
        "05000000000000000000000000000000")]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000",
        "fffffffffffffffffffffffffffffffffbfefefefefefefefefefefefefefefe01010101010101010101010101010101",
        "00000000000000000000000000000000")]
    [InlineData("0200000000000000000000000000000000000000000000000000000000000000",
        "fdffffffffffffffffffffffffffffff", "faffffffffffffffffffffffffffffff")]
    [InlineData("0100000000000000040000000000000000000000000000000000000000000000",
        "e33594d7505e43b900000000000000003394d7505e4379cd01000000000000000000000000000000000000000000000001000000000000000000000000000000",
        "14000000000000005500000000000000")]
    [InlineData("0100000000000000040000000000000000000000000000000000000000000000",
        "e33594d7505e43b900000000000000003394d7505e4379cd010000000000000000000000000000000000000000000000",
        "13000000000000000000000000000000")]
    public void Rfc8439_A3_Poly1305EdgeCases(string key, string text, string expectedTag)
    {
        byte[] tag = new byte[16];
        Poly1305.Compute(Convert.FromHexString(key), Convert.FromHexString(text), tag);
        Assert.Equal(expectedTag, Convert.ToHexStringLower(tag));
    }

    [Fact]
    public void Rfc8439_2_8_2_Aead()
    {
        byte[] key = Convert.FromHexString("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = Convert.FromHexString("070000004041424344454647");
        byte[] aad = Convert.FromHexString("50515253c0c1c2c3c4c5c6c7");
        const string expectedCiphertext =
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
            + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            + "3ff4def08e4b7a9de576d26586cec64b6116";
        const string expectedTag = "1ae10b594f09e26a7e902ecbd0600691";

        byte[] ciphertext = new byte[Sunscreen.Length], tag = new byte[16];
        ChaCha20Poly1305Core.Seal(key, nonce, Sunscreen, aad, ciphertext, tag);
        Assert.Equal(expectedCiphertext, Convert.ToHexStringLower(ciphertext));
        Assert.Equal(expectedTag, Convert.ToHexStringLower(tag));

        byte[] plaintext = new byte[ciphertext.Length];
        Assert.True(ChaCha20Poly1305Core.Open(key, nonce, ciphertext, tag, aad, plaintext));
        Assert.Equal(Sunscreen, plaintext);

        // In place, both ways.
        byte[] buffer = (byte[])Sunscreen.Clone();
        ChaCha20Poly1305Core.Seal(key, nonce, buffer, aad, buffer, tag);
        Assert.Equal(expectedCiphertext, Convert.ToHexStringLower(buffer));
        Assert.True(ChaCha20Poly1305Core.Open(key, nonce, buffer, tag, aad, buffer));
        Assert.Equal(Sunscreen, buffer);
    }

    [Fact]
    public void DraftXChaCha_2_2_1_HChaCha20()
    {
        byte[] nonce = Convert.FromHexString("000000090000004a0000000031415927");
        const string expected = "82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc";
        byte[] subkey = new byte[32];
        ChaCha20.HChaCha20(Key00To1F, nonce, subkey);
        Assert.Equal(expected, Convert.ToHexStringLower(subkey));
        ChaCha20.HChaCha20Scalar(Key00To1F, nonce, subkey);
        Assert.Equal(expected, Convert.ToHexStringLower(subkey));
        ChaCha20.HChaCha20Vector128(Key00To1F, nonce, subkey);
        Assert.Equal(expected, Convert.ToHexStringLower(subkey));
    }

    // The machine runs only one of the three paths through the AEAD; this keeps the others honest. (A path
    // without hardware support still runs, through the BCL's software fallback for Vector128/Vector256.)
    [Fact]
    public void ScalarAndVectorPathsAgree()
    {
        var random = new Random(8439);
        byte[] key = new byte[32], nonce = new byte[12], nonce16 = new byte[16];
        byte[] scalar = new byte[128], vector = new byte[128], vector256 = new byte[128];
        byte[] subkeyScalar = new byte[32], subkeyVector = new byte[32];
        uint[] edgeCounters = [0, 1, 0x7fffffff, 0xfffffffe, 0xffffffff]; // the last one wraps between the blocks
        for (int i = 0; i < 500; i++)
        {
            random.NextBytes(key);
            random.NextBytes(nonce);
            random.NextBytes(nonce16);
            uint counter = i < edgeCounters.Length ? edgeCounters[i] : (uint)random.NextInt64(0, 1L << 32);
            ChaCha20.TwoBlocksScalar(key, nonce, counter, scalar);
            ChaCha20.TwoBlocksVector128(key, nonce, counter, vector);
            ChaCha20.TwoBlocksVector256(key, nonce, counter, vector256);
            Assert.Equal(scalar, vector);
            Assert.Equal(scalar, vector256);
            ChaCha20.HChaCha20Scalar(key, nonce16, subkeyScalar);
            ChaCha20.HChaCha20Vector128(key, nonce16, subkeyVector);
            Assert.Equal(subkeyScalar, subkeyVector);
        }
    }

    // ---- Wycheproof -------------------------------------------------------------------------------------------

    [Fact]
    public void Wycheproof_ChaCha20Poly1305()
    {
        var (applicable, notApplicable) = RunWycheproof("chacha20_poly1305_test.json", 96, static (key, iv, nonce) => iv.CopyTo(nonce));
        TestContext.Current.TestOutputHelper?.WriteLine($"chacha20_poly1305: {applicable} applicable, {notApplicable} not applicable (IV or tag size)");
        Assert.True(applicable > 0);
    }

    // XChaCha20-Poly1305 = HChaCha20(key, iv[0..16]) as the key, 0x00000000 || iv[16..24] as the nonce
    // (draft-irtf-cfrg-xchacha-03, section 2.3). This puts HChaCha20 through 306 more vectors.
    [Fact]
    public void Wycheproof_XChaCha20Poly1305_ThroughHChaCha20()
    {
        var (applicable, notApplicable) = RunWycheproof("xchacha20_poly1305_test.json", 192, static (key, iv, nonce) =>
        {
            Span<byte> subkey = stackalloc byte[32];
            ChaCha20.HChaCha20(key, iv[..16], subkey);
            subkey.CopyTo(key);
            nonce[..4].Clear();
            iv[16..].CopyTo(nonce[4..]);
        });
        TestContext.Current.TestOutputHelper?.WriteLine($"xchacha20_poly1305: {applicable} applicable, {notApplicable} not applicable (IV or tag size)");
        Assert.True(applicable > 0);
    }

    private delegate void DeriveKeyAndNonce(Span<byte> key, ReadOnlySpan<byte> iv, Span<byte> nonce);

    // Valid cases must seal to exactly ct || tag and open back to msg. Invalid cases must fail to open and leave
    // the destination cleared. Groups whose IV or tag size this API cannot take are counted as not applicable.
    private static (int Applicable, int NotApplicable) RunWycheproof(string fileName, int ivBits, DeriveKeyAndNonce derive)
    {
        string path = VectorFiles.Find(Path.Combine("aead", fileName));
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        int applicable = 0, notApplicable = 0;
        var failures = new List<string>();
        foreach (JsonElement group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            JsonElement tests = group.GetProperty("tests");
            if (group.GetProperty("ivSize").GetInt32() != ivBits || group.GetProperty("tagSize").GetInt32() != 128
                || group.GetProperty("keySize").GetInt32() != 256)
            {
                notApplicable += tests.GetArrayLength();
                continue;
            }
            foreach (JsonElement test in tests.EnumerateArray())
            {
                applicable++;
                int id = test.GetProperty("tcId").GetInt32();
                byte[] key = Hex(test, "key"), iv = Hex(test, "iv"), aad = Hex(test, "aad");
                byte[] msg = Hex(test, "msg"), ct = Hex(test, "ct"), tag = Hex(test, "tag");
                byte[] nonce = new byte[12];
                derive(key, iv, nonce);
                string result = test.GetProperty("result").GetString()!;

                byte[] opened = new byte[ct.Length];
                opened.AsSpan().Fill(0xa5);
                bool ok = ChaCha20Poly1305Core.Open(key, nonce, ct, tag, aad, opened);
                switch (result)
                {
                    case "valid":
                        byte[] sealedCt = new byte[msg.Length], sealedTag = new byte[16];
                        ChaCha20Poly1305Core.Seal(key, nonce, msg, aad, sealedCt, sealedTag);
                        if (!sealedCt.AsSpan().SequenceEqual(ct) || !sealedTag.AsSpan().SequenceEqual(tag))
                            failures.Add($"tcId {id}: seal differs");
                        if (!ok || !opened.AsSpan().SequenceEqual(msg))
                            failures.Add($"tcId {id}: open failed");
                        break;
                    case "invalid":
                        if (ok) failures.Add($"tcId {id}: invalid case opened");
                        else if (opened.AsSpan().ContainsAnyExcept((byte)0)) failures.Add($"tcId {id}: output not cleared");
                        break;
                    default:
                        failures.Add($"tcId {id}: unexpected result '{result}'");
                        break;
                }
            }
        }
        Assert.Empty(failures);
        return (applicable, notApplicable);
    }

    private static byte[] Hex(JsonElement test, string name) => Convert.FromHexString(test.GetProperty(name).GetString()!);

    // ---- Cross-check against the BCL --------------------------------------------------------------------------

    [Fact]
    public void RandomCasesMatchBclAndTamperingFails()
    {
        Assert.True(ChaCha20Poly1305.IsSupported);
        var random = new Random(20261122);
        byte[] key = new byte[32], nonce = new byte[12], tag = new byte[16], expectedTag = new byte[16];
        for (int i = 0; i < 2000; i++)
        {
            random.NextBytes(key);
            random.NextBytes(nonce);
            byte[] aad = new byte[random.Next(0, 65)];
            byte[] plaintext = new byte[random.Next(0, 301)];
            random.NextBytes(aad);
            random.NextBytes(plaintext);

            byte[] expected = new byte[plaintext.Length];
            using (var bcl = new ChaCha20Poly1305(key))
                bcl.Encrypt(nonce, plaintext, expected, expectedTag, aad);

            byte[] ciphertext = new byte[plaintext.Length];
            ChaCha20Poly1305Core.Seal(key, nonce, plaintext, aad, ciphertext, tag);
            Assert.True(expected.AsSpan().SequenceEqual(ciphertext), $"case {i}: ciphertext differs from the BCL");
            Assert.True(expectedTag.AsSpan().SequenceEqual(tag), $"case {i}: tag differs from the BCL");

            byte[] opened = new byte[ciphertext.Length];
            Assert.True(ChaCha20Poly1305Core.Open(key, nonce, ciphertext, tag, aad, opened), $"case {i}: open failed");
            Assert.True(plaintext.AsSpan().SequenceEqual(opened), $"case {i}: round trip differs");

            // Flip one random bit pattern in one random byte of each of ciphertext, tag and AAD in turn.
            for (int part = 0; part < 3; part++)
            {
                byte[] target = part switch { 0 => ciphertext, 1 => tag, _ => aad };
                if (target.Length == 0) continue;
                int index = random.Next(target.Length);
                byte flip = (byte)random.Next(1, 256);
                target[index] ^= flip;
                opened.AsSpan().Fill(0xa5);
                Assert.False(ChaCha20Poly1305Core.Open(key, nonce, ciphertext, tag, aad, opened), $"case {i}: tampered part {part} opened");
                Assert.False(opened.AsSpan().ContainsAnyExcept((byte)0), $"case {i}: output not cleared");
                target[index] ^= flip;
            }
        }
    }

    // Lengths around every 16-byte (Poly1305) and 64/128-byte (ChaCha20) boundary, in place and out of place.
    [Fact]
    public void LongerMessagesMatchBcl()
    {
        var random = new Random(7539);
        byte[] key = new byte[32], nonce = new byte[12], tag = new byte[16], expectedTag = new byte[16];
        random.NextBytes(key);
        using var bcl = new ChaCha20Poly1305(key);
        foreach (int length in new[] { 0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 191, 192, 193, 255, 256, 257, 1000, 4096, 65537 })
        {
            random.NextBytes(nonce);
            byte[] aad = new byte[length % 50], plaintext = new byte[length], expected = new byte[length];
            random.NextBytes(aad);
            random.NextBytes(plaintext);
            bcl.Encrypt(nonce, plaintext, expected, expectedTag, aad);

            byte[] buffer = (byte[])plaintext.Clone();
            ChaCha20Poly1305Core.Seal(key, nonce, buffer, aad, buffer, tag);
            Assert.True(expected.AsSpan().SequenceEqual(buffer), $"length {length}: ciphertext differs");
            Assert.Equal(expectedTag, tag);
            Assert.True(ChaCha20Poly1305Core.Open(key, nonce, buffer, tag, aad, buffer), $"length {length}: open failed");
            Assert.True(plaintext.AsSpan().SequenceEqual(buffer), $"length {length}: round trip differs");
        }
    }

    [Fact]
    public void SealAndOpenDoNotAllocate()
    {
        byte[] key = new byte[32], nonce = new byte[12], aad = new byte[20], tag = new byte[16];
        byte[] plaintext = new byte[300], ciphertext = new byte[300], opened = new byte[300];
        for (int i = 0; i < 100; i++) // warm up: first calls may JIT and initialise statics
            Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
            Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Run()
        {
            ChaCha20Poly1305Core.Seal(key, nonce, plaintext.AsSpan(0, 32), default, ciphertext.AsSpan(0, 32), tag);
            ChaCha20Poly1305Core.Open(key, nonce, ciphertext.AsSpan(0, 32), tag, default, opened.AsSpan(0, 32));
            ChaCha20Poly1305Core.Seal(key, nonce, plaintext, aad, ciphertext, tag);
            ChaCha20Poly1305Core.Open(key, nonce, ciphertext, tag, aad, opened);
            tag[0] ^= 1;
            ChaCha20Poly1305Core.Open(key, nonce, ciphertext, tag, aad, opened);
        }
    }
}
