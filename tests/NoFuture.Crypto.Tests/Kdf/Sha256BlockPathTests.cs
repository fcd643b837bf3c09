// HMAC-SHA256 and HKDF-SHA256 on the native block path (Kdf/Sha2Hmac.Sha256.cs: our own padding over one
// SHA256_Transform per block) against the BCL's HMACSHA256.HashData and HKDF (OpenSSL's EVP code), at every message
// length 0..300, split into up to four parts every way that matters to the block logic: one part, empty parts, parts
// that end or start on a block boundary and parts that straddle one; totals of 55/56/63/64/65 bytes (with the 64-byte
// key block in front, the padding spills into a second block from a 56-byte message on) come up in every sweep.
// Keys of every length 0..200 (above 64 they are hashed first). Also: keyed contexts stay OpenSSL SHA256_CTXs, byte for
// byte what SHA256_Init and one SHA256_Update of the pad block leave, so callers holding them keep working.
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NoFuture.Crypto.Hashing;
using NoFuture.Crypto.Interop;
using NoFuture.Crypto.Kdf;

namespace NoFuture.Crypto.Tests.Kdf;

public class Sha256BlockPathTests
{
    private const Sha2Variant V = Sha2Variant.Sha256;

    /// <summary>Cut points that put part boundaries on, just before and just after block boundaries.</summary>
    private static readonly int[] s_cuts = [0, 1, 2, 31, 32, 55, 56, 57, 63, 64, 65, 100, 127, 128, 129, 191, 192, 193, 255, 256];

    /// <summary>Splits of a message of <paramref name="length"/> bytes into four parts (p1, p2, p3, p4 lengths).</summary>
    private static IEnumerable<(int, int, int, int)> Splits(int length, Random rng)
    {
        yield return (length, 0, 0, 0);
        yield return (0, 0, 0, length);
        yield return (0, length, 0, 0);
        foreach (int c in s_cuts)
        {
            if (c > length) break;
            yield return (c, length - c, 0, 0); // two parts, the first ending at c
            yield return (c, 0, length - c, 0); // an empty part in between
            int second = Math.Min(64, length - c);
            yield return (c, second, 0, length - c - second); // a middle part up to a block long, then the rest
        }
        for (int i = 0; i < 6; i++)
        {
            int[] points = [rng.Next(length + 1), rng.Next(length + 1), rng.Next(length + 1)];
            Array.Sort(points);
            yield return (points[0], points[1] - points[0], points[2] - points[1], length - points[2]);
        }
    }

    [Fact]
    public void Hmac_EveryLengthAndSplit_MatchesBcl()
    {
        Assert.SkipUnless(LibCrypto.IsAvailable, "no libcrypto.so.3 here: only the BCL path exists");
        var rng = new Random(2104);
        byte[] mac = new byte[32];
        for (int length = 0; length <= 300; length++)
        {
            byte[] key = RandomBytes(rng, rng.Next(0, 201)), message = RandomBytes(rng, length);
            byte[] expected = HMACSHA256.HashData(key, message);
            Sha2Context inner = default, outer = default;
            Sha2Hmac.KeyStates(V, key, ref inner, ref outer);
            foreach ((int a, int b, int c, int d) in Splits(length, rng))
            {
                ReadOnlySpan<byte> m = message;
                ReadOnlySpan<byte> m1 = m[..a], m2 = m.Slice(a, b), m3 = m.Slice(a + b, c), m4 = m.Slice(a + b + c, d);
                Array.Clear(mac);
                Sha2Hmac.Mac(V, native: true, key, m1, m2, m3, m4, mac);
                Assert.True(expected.AsSpan().SequenceEqual(mac), $"Mac, length {length}, split {a}/{b}/{c}/{d}");
                Array.Clear(mac);
                Sha2Hmac.MacFromStates(V, in inner, in outer, m1, m2, m3, m4, mac);
                Assert.True(expected.AsSpan().SequenceEqual(mac), $"MacFromStates, length {length}, split {a}/{b}/{c}/{d}");
            }
        }
    }

    [Fact]
    public void Hmac_EveryKeyLength_MatchesBcl_AndTheMacMayOverwriteTheFirstPart()
    {
        Assert.SkipUnless(LibCrypto.IsAvailable, "no libcrypto.so.3 here: only the BCL path exists");
        var rng = new Random(4231);
        foreach (int messageLength in new[] { 0, 32, 55, 56, 64, 119, 120, 200 })
            for (int keyLength = 0; keyLength <= 200; keyLength++)
            {
                byte[] key = RandomBytes(rng, keyLength), message = RandomBytes(rng, messageLength);
                byte[] expected = HMACSHA256.HashData(key, message);
                byte[] mac = new byte[32];
                Sha2Hmac.Mac(V, native: true, key, message, default, default, default, mac);
                Assert.True(expected.AsSpan().SequenceEqual(mac), $"key length {keyLength}, message length {messageLength}");
                if (messageLength >= 32)
                {
                    // As HKDF-Expand does with T(i-1): the MAC lands on the bytes of m1, read before it is written.
                    byte[] buffer = (byte[])message.Clone();
                    Sha2Hmac.Mac(V, native: true, key, buffer.AsSpan(0, 32), buffer.AsSpan(32), default, default, buffer.AsSpan(0, 32));
                    Assert.True(expected.AsSpan().SequenceEqual(buffer.AsSpan(0, 32)), $"in place, key length {keyLength}");
                }
            }
    }

    [Fact]
    public void Hkdf_EveryLengthAndSplit_MatchesBcl()
    {
        Assert.SkipUnless(LibCrypto.IsAvailable, "no libcrypto.so.3 here: only the BCL path exists");
        var rng = new Random(5869);
        for (int length = 0; length <= 300; length++)
        {
            byte[] salt = RandomBytes(rng, rng.Next(0, 201)), ikm = RandomBytes(rng, length);
            byte[] expectedPrk = new byte[32], prk = new byte[32];
            HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt, expectedPrk);
            int cut = rng.Next(length + 1);
            Sha2Hmac.Extract(V, native: true, salt, ikm.AsSpan(0, cut), ikm.AsSpan(cut), prk);
            Assert.True(expectedPrk.AsSpan().SequenceEqual(prk), $"Extract, length {length}, cut {cut}");

            // Expand: output lengths around the 32-byte blocks, info of this length given as prefix || info.
            int outputLength = 1 + (length * 7 % 200);
            byte[] expected = new byte[outputLength], output = new byte[outputLength], fromStates = new byte[outputLength];
            HKDF.Expand(HashAlgorithmName.SHA256, prk, expected, ikm);
            Sha2Hmac.Expand(V, native: true, prk, ikm.AsSpan(0, cut), ikm.AsSpan(cut), output);
            Assert.True(expected.AsSpan().SequenceEqual(output), $"Expand, info length {length}, L {outputLength}");
            Sha2Context inner = default, outer = default;
            Sha2Hmac.KeyStates(V, prk, ref inner, ref outer);
            Sha2Hmac.ExpandFromStates(V, in inner, in outer, ikm.AsSpan(0, cut), ikm.AsSpan(cut), fromStates);
            Assert.True(expected.AsSpan().SequenceEqual(fromStates), $"ExpandFromStates, info length {length}, L {outputLength}");
        }
        // Every output length up to 300 (whole and partial last blocks), and the largest, 255 · 32.
        byte[] key = RandomBytes(rng, 32), info = RandomBytes(rng, 45);
        foreach (int outputLength in Enumerable.Range(1, 300).Append(255 * 32))
        {
            byte[] expected = new byte[outputLength], output = new byte[outputLength];
            HKDF.Expand(HashAlgorithmName.SHA256, key, expected, info);
            Sha2Hmac.Expand(V, native: true, key, default, info, output);
            Assert.True(expected.AsSpan().SequenceEqual(output), $"Expand, L {outputLength}");
        }
    }

    [Fact]
    public void KeyedStates_AreTheContextsInitAndOneUpdateLeave_AndStillServeUpdateAndFinal()
    {
        Assert.SkipUnless(LibCrypto.IsAvailable, "no libcrypto.so.3 here: only the BCL path exists");
        var rng = new Random(1802);
        foreach (int keyLength in new[] { 0, 1, 32, 63, 64, 65, 200 })
        {
            byte[] key = RandomBytes(rng, keyLength);
            byte[] kPrime = new byte[64];
            (keyLength > 64 ? SHA256.HashData(key) : key).CopyTo(kPrime, 0);
            Sha2Context inner = default, outer = default, expectedInner = default, expectedOuter = default;
            // Garbage where the keyed contexts will go: KeyStates must write every field, not rely on zeroed memory.
            MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref inner, 1)).Fill(0xEE);
            MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref outer, 1)).Fill(0xEE);
            Sha2Hmac.KeyStates(V, key, ref inner, ref outer);
            Sha2Native.Init(V, ref expectedInner);
            Sha2Native.Update(V, ref expectedInner, kPrime.Select(b => (byte)(b ^ 0x36)).ToArray());
            Sha2Native.Init(V, ref expectedOuter);
            Sha2Native.Update(V, ref expectedOuter, kPrime.Select(b => (byte)(b ^ 0x5c)).ToArray());
            Assert.Equal(Ctx(ref expectedInner), Ctx(ref inner)); // SHA256_CTX is 112 bytes
            Assert.Equal(Ctx(ref expectedOuter), Ctx(ref outer));

            // OpenSSL's own Update and Final continue from them to the HMAC.
            byte[] message = RandomBytes(rng, 100), innerHash = new byte[32], mac = new byte[32];
            Sha2Native.Update(V, ref inner, message);
            Sha2Native.Final(V, ref inner, innerHash);
            Sha2Native.Update(V, ref outer, innerHash);
            Sha2Native.Final(V, ref outer, mac);
            Assert.Equal(HMACSHA256.HashData(key, message), mac);
        }

        static byte[] Ctx(ref Sha2Context c) => MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref c, 1))[..112].ToArray();
    }

    private static byte[] RandomBytes(Random rng, int length)
    {
        byte[] bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }
}
