// Sha2Hmac (HMAC/HKDF over SHA-2) on both paths, native (OpenSSL's low-level SHA-2 with precomputed HMAC states, where
// libcrypto.so.3 is present) and the BCL fallback, against the BCL's HMAC and HKDF (OpenSSL), over random keys, salts
// and messages of every length class: empty, shorter than a block, longer than a block (hashed key), and multi-block
// HKDF-Expand outputs up to 255 · HashLen; messages given in parts, both short and long (hashed part by part).
using System.Security.Cryptography;
using NoFuture.Crypto.Hashing;
using NoFuture.Crypto.Interop;
using NoFuture.Crypto.Kdf;
using NoFuture.Crypto.Tests.Hashing;

namespace NoFuture.Crypto.Tests.Kdf;

public class Sha2HmacTests
{
    /// <summary>(Sha2Variant as int, native).</summary>
    public static TheoryData<int, bool> Paths() => new() { { 0, false }, { 1, false }, { 2, false }, { 0, true }, { 1, true }, { 2, true } };

    [Fact]
    public void NativePath_IsDetectedOnLinuxWithOpenSsl3()
    {
        // Detected once, at startup: on Linux with libcrypto.so.3 (which the BCL itself loads there) the native path
        // must be on, and the public singletons must use it; elsewhere the BCL fallback serves.
        bool expected = OperatingSystem.IsLinux() && System.Runtime.InteropServices.NativeLibrary.TryLoad("libcrypto.so.3", out _);
        Assert.Equal(expected, LibCrypto.IsAvailable);
        Assert.Equal(expected, ((Sha2HashAlgorithm)HashAlgorithm.Sha256).Native);
        Assert.Equal(expected, ((HkdfAlgorithm)KdfAlgorithm.HkdfSha512).Native);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void MatchesTheBcl(int variantIndex, bool native)
    {
        var variant = (Sha2Variant)variantIndex;
        Assert.SkipWhen(native && !LibCrypto.IsAvailable, "no libcrypto.so.3 here: only the BCL path exists");
        HashAlgorithmName hash = Sha2Native.Name(variant);
        int hashLength = Sha2Native.HashLength(variant);
        int[] lengths = [0, 1, 31, 32, 63, 64, 65, 127, 128, 129, 300];
        foreach (int keyLength in lengths)
            foreach (int messageLength in lengths)
            {
                byte[] key = RandomNumberGenerator.GetBytes(keyLength), message = RandomNumberGenerator.GetBytes(messageLength);
                byte[] ours = new byte[hashLength], bcl = new byte[hashLength];
                int cut = messageLength / 3;
                Sha2Hmac.Mac(variant, native, key, message.AsSpan(0, cut), message.AsSpan(cut, cut), message.AsSpan(2 * cut), default, ours);
                CryptographicOperations.HmacData(hash, key, message, bcl);
                Assert.Equal(bcl, ours);

                Sha2Hmac.Extract(variant, native, key, default, message, ours);
                HKDF.Extract(hash, message, key, bcl);
                Assert.Equal(bcl, ours);

                Sha2Hmac.Extract(variant, native, key, message.AsSpan(0, cut), message.AsSpan(cut), ours);
                Assert.Equal(bcl, ours);
            }
        byte[] prk = RandomNumberGenerator.GetBytes(hashLength), info = RandomNumberGenerator.GetBytes(40);
        foreach (int outputLength in new[] { 1, hashLength - 1, hashLength, hashLength + 1, 3 * hashLength + 5, 255 * hashLength })
        {
            byte[] ours = new byte[outputLength], bcl = new byte[outputLength];
            Sha2Hmac.Expand(variant, native, prk, default, info, ours);
            HKDF.Expand(hash, prk, bcl, info);
            Assert.Equal(bcl, ours);
        }
        foreach (int infoLength in new[] { 0, 200, 256, 257, 5000 })
        {
            byte[] prefix = RandomNumberGenerator.GetBytes(30), longInfo = RandomNumberGenerator.GetBytes(infoLength);
            byte[] ours = new byte[3 * hashLength], bcl = new byte[3 * hashLength];
            Sha2Hmac.Expand(variant, native, prk, prefix, longInfo, ours);
            HKDF.Expand(hash, prk, bcl, [.. prefix, .. longInfo]);
            Assert.Equal(bcl, ours);
        }
    }

    [Fact]
    public void FastPath_EqualsFallback_AndKeyedEqualsOneShot_RandomInputs()
    {
        var rng = new Random(5869);
        foreach (KdfAlgorithm kdf in HashKdfPaths.Singletons<KdfAlgorithm>())
        {
            KdfAlgorithm fallback = HashKdfPaths.Fallback(kdf);
            for (int i = 0; i < 200; i++)
            {
                byte[] prk = new byte[kdf.HashSizeInBytes + rng.Next(0, 200)], info = new byte[rng.Next(0, 300)];
                rng.NextBytes(prk);
                rng.NextBytes(info);
                int length = rng.Next(1, 4 * kdf.HashSizeInBytes);
                byte[] a = new byte[length], b = new byte[length], c = new byte[length], d = new byte[length];
                kdf.Expand(prk, a, info);
                fallback.Expand(prk, b, info);
                using (KdfKey key = kdf.ImportPrk(prk)) key.Expand(info, c);
                using (KdfKey key = fallback.ImportPrk(prk)) key.Expand(info, d);
                Assert.Equal(a, b);
                Assert.Equal(a, c);
                Assert.Equal(a, d);
                byte[] e1 = new byte[kdf.HashSizeInBytes], e2 = new byte[kdf.HashSizeInBytes];
                kdf.Extract(info, prk, e1); // a salt of every length: empty, shorter and longer than a block
                fallback.Extract(info, prk, e2);
                Assert.Equal(e2, e1);
            }
        }
    }
}
