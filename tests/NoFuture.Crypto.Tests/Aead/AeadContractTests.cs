// Contract tests run over every AeadAlgorithm: round trips, tampering (false + cleared destination), sizes, overlap,
// disposal.
using System.Security.Cryptography;
using NoFuture.Crypto.Aead;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Aead;

public class AeadContractTests
{
    public static TheoryData<string> Algorithms => new() { "AES-128-GCM", "AES-256-GCM", "ChaCha20-Poly1305", "XChaCha20-Poly1305" };

    private static AeadAlgorithm Get(string name) => name switch
    {
        "AES-128-GCM" => AeadAlgorithm.Aes128Gcm,
        "AES-256-GCM" => AeadAlgorithm.Aes256Gcm,
        "ChaCha20-Poly1305" => AeadAlgorithm.ChaCha20Poly1305,
        _ => AeadAlgorithm.XChaCha20Poly1305,
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Properties(string name)
    {
        AeadAlgorithm a = Get(name);
        Assert.Equal(name, a.Name);
        Assert.Equal(name, a.ToString());
        Assert.True(a.IsSupported);
        Assert.Equal(16, a.TagSizeInBytes);
        Assert.Equal(name == "AES-128-GCM" ? 16 : 32, a.KeySizeInBytes);
        Assert.Equal(name == "XChaCha20-Poly1305" ? 24 : 12, a.NonceSizeInBytes);
        Assert.Same(a, Get(name));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void RoundTrip_AndEveryTamperFails_WithClearedDestination(string name)
    {
        AeadAlgorithm a = Get(name);
        using Secret key = Secret.CreateRandom(a.KeySizeInBytes);
        byte[] nonce = RandomNumberGenerator.GetBytes(a.NonceSizeInBytes);
        byte[] aad = RandomNumberGenerator.GetBytes(13);
        byte[] msg = RandomNumberGenerator.GetBytes(100);
        byte[] ct = new byte[msg.Length], tag = new byte[16], pt = new byte[msg.Length];
        a.Seal(key, nonce, msg, ct, tag, aad);
        Assert.True(a.Open(key, nonce, ct, tag, pt, aad));
        Assert.Equal(msg, pt);

        void ExpectFailure(byte[] n, byte[] c, byte[] t, byte[] ad)
        {
            byte[] dest = Enumerable.Repeat((byte)0xEE, c.Length).ToArray();
            Assert.False(a.Open(key, n, c, t, dest, ad));
            Assert.All(dest, b => Assert.Equal(0, b));
        }
        for (int i = 0; i < ct.Length; i += 17) ExpectFailure(nonce, Flip(ct, i), tag, aad);
        for (int i = 0; i < 16; i++) ExpectFailure(nonce, ct, Flip(tag, i), aad);
        ExpectFailure(Flip(nonce, 0), ct, tag, aad);
        ExpectFailure(nonce, ct, tag, Flip(aad, 5));
        ExpectFailure(nonce, ct, tag, []);

        // Wrong key.
        using Secret other = Secret.CreateRandom(a.KeySizeInBytes);
        byte[] d = new byte[ct.Length];
        Assert.False(a.Open(other, nonce, ct, tag, d, aad));

        // In place, both ways; a failed in-place open clears the buffer.
        byte[] buffer = (byte[])msg.Clone();
        a.Seal(key, nonce, buffer, buffer, tag, aad);
        Assert.Equal(ct, buffer);
        Assert.True(a.Open(key, nonce, buffer, tag, buffer, aad));
        Assert.Equal(msg, buffer);
        a.Seal(key, nonce, buffer, buffer, tag, aad);
        buffer[0] ^= 1;
        Assert.False(a.Open(key, nonce, buffer, tag, buffer, aad));
        Assert.All(buffer, b => Assert.Equal(0, b));

        // Empty message, no associated data.
        a.Seal(key, nonce, [], [], tag);
        Assert.True(a.Open(key, nonce, [], tag, []));
        tag[0] ^= 1;
        Assert.False(a.Open(key, nonce, [], tag, []));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void KeyedObject_MatchesOneShot(string name)
    {
        AeadAlgorithm a = Get(name);
        byte[] rawKey = RandomNumberGenerator.GetBytes(a.KeySizeInBytes);
        using AeadKey keyed = a.CreateKey(rawKey);
        Assert.Same(a, keyed.Algorithm);
        for (int n = 0; n < 5; n++)
        {
            byte[] nonce = RandomNumberGenerator.GetBytes(a.NonceSizeInBytes), msg = RandomNumberGenerator.GetBytes(n * 31);
            byte[] ct1 = new byte[msg.Length], ct2 = new byte[msg.Length], t1 = new byte[16], t2 = new byte[16];
            keyed.Seal(nonce, msg, ct1, t1, "ad"u8);
            a.Seal(rawKey, nonce, msg, ct2, t2, "ad"u8);
            Assert.Equal(ct2, ct1);
            Assert.Equal(t2, t1);
            byte[] pt = new byte[msg.Length];
            Assert.True(keyed.Open(nonce, ct1, t1, pt, "ad"u8));
            Assert.Equal(msg, pt);
            Assert.False(keyed.Open(nonce, ct1, t1, pt, "AD"u8));
        }
        keyed.Dispose();
        keyed.Dispose(); // idempotent
        byte[] k = new byte[16];
        Assert.Throws<ObjectDisposedException>(() => keyed.Seal(new byte[a.NonceSizeInBytes], [], [], k));
        Assert.Throws<ObjectDisposedException>(() => keyed.Open(new byte[a.NonceSizeInBytes], [], k, []));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void WrongSizes_And_Overlap_Throw(string name)
    {
        AeadAlgorithm a = Get(name);
        byte[] key = new byte[a.KeySizeInBytes], nonce = new byte[a.NonceSizeInBytes], tag = new byte[16];
        byte[] msg = new byte[32], ct = new byte[32];
        Assert.Throws<ArgumentException>(() => a.Seal(new byte[a.KeySizeInBytes + 1], nonce, msg, ct, tag));
        Assert.Throws<ArgumentException>(() => a.Seal(key, new byte[a.NonceSizeInBytes - 1], msg, ct, tag));
        Assert.Throws<ArgumentException>(() => a.Seal(key, nonce, msg, new byte[31], tag));
        Assert.Throws<ArgumentException>(() => a.Seal(key, nonce, msg, ct, new byte[12]));
        Assert.Throws<ArgumentException>(() => a.Open(key, nonce, ct, new byte[15], msg));
        Assert.Throws<ArgumentException>(() => a.Open(key, nonce, ct, tag, new byte[33]));
        Assert.Throws<ArgumentException>(() => a.Open(new byte[1], nonce, ct, tag, msg));
        using Secret wrongKey = Secret.Allocate(a.KeySizeInBytes + 8);
        Assert.Throws<ArgumentException>(() => a.Seal(wrongKey, nonce, msg, ct, tag));
        Assert.Throws<ArgumentException>(() => a.Open(wrongKey, nonce, ct, tag, msg));
        Assert.Throws<ArgumentException>(() => a.CreateKey(wrongKey));
        Assert.Throws<ArgumentException>(() => a.CreateKey(new byte[3]));

        // Partial overlap of plaintext and ciphertext, and outputs over other inputs.
        byte[] big = new byte[100];
        Assert.Throws<ArgumentException>(() => a.Seal(key, nonce, big.AsSpan(0, 32), big.AsSpan(1, 32), tag));
        Assert.Throws<ArgumentException>(() => a.Open(key, nonce, big.AsSpan(0, 32), tag, big.AsSpan(8, 32)));
        Assert.Throws<ArgumentException>(() => a.Seal(key, nonce, msg, ct, ct.AsSpan(0, 16)));
        Assert.Throws<ArgumentException>(() => a.Seal(key, big.AsSpan(0, a.NonceSizeInBytes), msg, big.AsSpan(0, 32), tag));
        Assert.Throws<ArgumentException>(() => a.Seal(key, nonce, msg, ct, tag, ct));
        Assert.Throws<ArgumentException>(() => a.Seal(big.AsSpan(0, a.KeySizeInBytes), nonce, msg, big.AsSpan(0, 32), tag));
        Assert.Throws<ArgumentException>(() => a.Open(key, nonce, ct, big.AsSpan(0, 16), big.AsSpan(0, 32)));
        using AeadKey keyed = a.CreateKey(key);
        Assert.Throws<ArgumentException>(() => keyed.Seal(nonce, big.AsSpan(0, 32), big.AsSpan(4, 32), tag));
        Assert.Throws<ArgumentException>(() => keyed.Open(nonce, ct, tag, new byte[31]));

        Secret disposed = Secret.Allocate(a.KeySizeInBytes);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => a.Seal(disposed, nonce, msg, ct, tag));
        Assert.Throws<ObjectDisposedException>(() => a.Open(disposed, nonce, ct, tag, msg));
    }

    private static byte[] Flip(byte[] data, int index)
    {
        byte[] copy = (byte[])data.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
