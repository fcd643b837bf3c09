// Sha2Hmac (HMAC/HKDF over a reused SHA-2 context) against the BCL's HMAC and HKDF (OpenSSL), over random keys,
// salts and messages of every length class: empty, shorter than a block, longer than a block (hashed key), and
// multi-block HKDF-Expand outputs up to 255 · HashLen; messages given in parts, both short (hashed from one stack
// buffer) and long (hashed part by part).
using System.Security.Cryptography;
using NoFuture.Crypto.Kdf;

namespace NoFuture.Crypto.Tests.Kdf;

public class Sha2HmacTests
{
    public static TheoryData<string> Hashes() => new() { "SHA256", "SHA384", "SHA512" };

    [Theory]
    [MemberData(nameof(Hashes))]
    public void MatchesTheBcl(string name)
    {
        var hash = new HashAlgorithmName(name);
        int hashLength = name == "SHA256" ? 32 : name == "SHA384" ? 48 : 64;
        int[] lengths = [0, 1, 31, 32, 63, 64, 65, 127, 128, 129, 300];
        foreach (int keyLength in lengths)
            foreach (int messageLength in lengths)
            {
                byte[] key = RandomNumberGenerator.GetBytes(keyLength), message = RandomNumberGenerator.GetBytes(messageLength);
                byte[] ours = new byte[hashLength], bcl = new byte[hashLength];
                int cut = messageLength / 3;
                Sha2Hmac.Mac(hash, key, message.AsSpan(0, cut), message.AsSpan(cut, cut), message.AsSpan(2 * cut), ours);
                CryptographicOperations.HmacData(hash, key, message, bcl);
                Assert.Equal(bcl, ours);

                Sha2Hmac.Extract(hash, key, message, ours);
                HKDF.Extract(hash, message, key, bcl);
                Assert.Equal(bcl, ours);

                Sha2Hmac.Extract(hash, key, message.AsSpan(0, cut), message.AsSpan(cut), ours);
                Assert.Equal(bcl, ours);
            }
        byte[] prk = RandomNumberGenerator.GetBytes(hashLength), info = RandomNumberGenerator.GetBytes(40);
        foreach (int outputLength in new[] { 1, hashLength - 1, hashLength, hashLength + 1, 3 * hashLength + 5, 255 * hashLength })
        {
            byte[] ours = new byte[outputLength], bcl = new byte[outputLength];
            Sha2Hmac.Expand(hash, prk, info, ours);
            HKDF.Expand(hash, prk, bcl, info);
            Assert.Equal(bcl, ours);
        }
        foreach (int infoLength in new[] { 0, 200, 256, 257, 5000 })
        {
            byte[] prefix = RandomNumberGenerator.GetBytes(30), longInfo = RandomNumberGenerator.GetBytes(infoLength);
            byte[] ours = new byte[3 * hashLength], bcl = new byte[3 * hashLength];
            Sha2Hmac.Expand(hash, prk, prefix, longInfo, ours);
            HKDF.Expand(hash, prk, bcl, [.. prefix, .. longInfo]);
            Assert.Equal(bcl, ours);
        }
    }
}
