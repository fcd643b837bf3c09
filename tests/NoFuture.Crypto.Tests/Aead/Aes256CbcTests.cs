// AES-256-CBC as libsignal's messages use it, on both paths: AES-NI (Aes256Ni, where the CPU has it) and EVP (OpenSSL,
// or the BCL where OpenSSL is missing). Known answers: FIPS 197 Appendix A.3 (the AES-256 key expansion) and NIST
// SP 800-38A F.2.5 / F.2.6 (CBC-AES256.Encrypt / .Decrypt), all four blocks. Then PKCS#7 padding and every length
// 0..100 plus larger ones against the BCL's Aes (an independent implementation, used here only as an oracle) and the
// other path, byte for byte; rejection (length, padding) identical on both paths; in place.
using System.Security.Cryptography;
using NoFuture.Crypto.Aead;

namespace NoFuture.Crypto.Tests.Aead;

public class Aes256CbcTests
{
    // SP 800-38A F.2.5 / F.2.6 (the key is also FIPS 197 A.3's).
    private static readonly byte[] s_key = Convert.FromHexString("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
    private static readonly byte[] s_iv = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] s_plaintext = Convert.FromHexString(
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
    private static readonly byte[] s_ciphertext = Convert.FromHexString(
        "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b");

    /// <summary>true: the AES-NI path; false: EVP (or the BCL without OpenSSL).</summary>
    public static TheoryData<bool> Paths => [true, false];

    private static void RequirePath(bool aesNi) =>
        Assert.SkipWhen(aesNi && !Aes256Ni.IsSupported, "no AES instructions here: only the EVP / BCL path exists");

    [Fact]
    public void AesNi_IsTheDefault_WhereSupported() => Assert.Equal(Aes256Ni.IsSupported, Aes256Cbc.UseAesNi);

    [Fact]
    public void Fips197_A3_KeyExpansion()
    {
        RequirePath(true);
        byte[] schedule = new byte[Aes256Ni.ScheduleSize];
        Aes256Ni.ExpandKey(s_key, schedule);
        Assert.Equal(s_key, schedule[..32]); // w0..w7
        Assert.Equal(Convert.FromHexString("9ba354118e6925afa51a8b5f2067fcde"), schedule[32..48]); // w8..w11
        Assert.Equal(Convert.FromHexString("a8b09c1a"), schedule[48..52]); // w12
        Assert.Equal(Convert.FromHexString("fe4890d1e6188d0b046df344706c631e"), schedule[224..]); // w56..w59
    }

    [Fact]
    public void Sp800_38A_F25_F26_RawBlocks_AesNi()
    {
        RequirePath(true);
        byte[] schedule = new byte[Aes256Ni.ScheduleSize], output = new byte[64];
        Aes256Ni.ExpandKey(s_key, schedule);
        Aes256Ni.EncryptCbc(schedule, System.Runtime.Intrinsics.Vector128.Create(s_iv), s_plaintext, output);
        Assert.Equal(s_ciphertext, output);
        Aes256Ni.InvertSchedule(schedule);
        Aes256Ni.DecryptCbc(schedule, s_iv, s_ciphertext, output);
        Assert.Equal(s_plaintext, output);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Sp800_38A_F25_F26_Blocks(bool aesNi)
    {
        RequirePath(aesNi);
        byte[] ciphertext = new byte[Aes256Cbc.CiphertextLength(s_plaintext.Length)];
        Aes256Cbc.Encrypt(aesNi, s_key, s_iv, s_plaintext, ciphertext);
        Assert.Equal(s_ciphertext, ciphertext[..64]); // F.2.5; the fifth block is the padding's
        byte[] scratch = new byte[ciphertext.Length];
        Assert.Equal(64, Aes256Cbc.Decrypt(aesNi, s_key, s_iv, ciphertext, scratch)); // F.2.6, then the padding
        Assert.Equal(s_plaintext, scratch[..64]);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Padding_MatchesBcl_AndRoundTrips(bool aesNi)
    {
        RequirePath(aesNi);
        using var aes = Aes.Create();
        aes.Key = s_key;
        for (int n = 0; n <= 64; n++)
        {
            byte[] plaintext = RandomNumberGenerator.GetBytes(n);
            byte[] ciphertext = new byte[Aes256Cbc.CiphertextLength(n)];
            Aes256Cbc.Encrypt(aesNi, s_key, s_iv, plaintext, ciphertext);
            Assert.Equal(aes.EncryptCbc(plaintext, s_iv, PaddingMode.PKCS7), ciphertext);
            byte[] scratch = new byte[ciphertext.Length];
            Assert.Equal(n, Aes256Cbc.Decrypt(aesNi, s_key, s_iv, ciphertext, scratch));
            Assert.Equal(plaintext, scratch[..n]);
        }
    }

    /// <summary>Lengths 0..100, around the eight-block groups of the AES-NI decryption, and up to 2000; fresh key and
    /// IV each time (as every message has): AES-NI == EVP == the BCL, and all decrypt back.</summary>
    [Fact]
    public void RandomKeysAndLengths_BothPaths_MatchTheBcl()
    {
        RequirePath(true);
        var random = new Random(20261206);
        int[] lengths = [.. Enumerable.Range(0, 101), 111, 112, 127, 128, 129, 143, 144, 255, 256, 257, 1000, 1023, 1024, 1025,
            1999, 2000, random.Next(101, 2001), random.Next(101, 2001), random.Next(101, 2001)];
        foreach (int n in lengths)
        {
            byte[] key = new byte[32], iv = new byte[16], plaintext = new byte[n];
            random.NextBytes(key);
            random.NextBytes(iv);
            random.NextBytes(plaintext);
            using var aes = Aes.Create();
            aes.Key = key;
            byte[] expected = aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
            byte[] ni = new byte[Aes256Cbc.CiphertextLength(n)], evp = new byte[ni.Length];
            Aes256Cbc.Encrypt(true, key, iv, plaintext, ni);
            Aes256Cbc.Encrypt(false, key, iv, plaintext, evp);
            Assert.Equal(expected, ni);
            Assert.Equal(expected, evp);
            foreach (bool aesNi in (bool[])[true, false])
            {
                byte[] scratch = new byte[ni.Length];
                Assert.Equal(n, Aes256Cbc.Decrypt(aesNi, key, iv, expected, scratch));
                Assert.Equal(plaintext, scratch[..n]);
            }
        }
    }

    /// <summary>Arbitrary ciphertexts (mostly bad padding, now and then a valid one): both paths return the same length
    /// or -1 and leave the same scratch (the BCL's raw decryption when accepted, zeros when rejected).</summary>
    [Fact]
    public void ArbitraryCiphertexts_SameVerdictOnBothPaths()
    {
        RequirePath(true);
        var random = new Random(6122026);
        byte[] key = new byte[32], iv = new byte[16];
        for (int trial = 0; trial < 2000; trial++)
        {
            random.NextBytes(key);
            random.NextBytes(iv);
            byte[] ciphertext = new byte[16 * random.Next(1, 12)];
            random.NextBytes(ciphertext);
            using var aes = Aes.Create();
            aes.Key = key;
            byte[] raw = aes.DecryptCbc(ciphertext, iv, PaddingMode.None);
            byte[] ni = new byte[ciphertext.Length], evp = new byte[ciphertext.Length];
            int lengthNi = Aes256Cbc.Decrypt(true, key, iv, ciphertext, ni);
            int lengthEvp = Aes256Cbc.Decrypt(false, key, iv, ciphertext, evp);
            Assert.Equal(lengthEvp, lengthNi);
            Assert.Equal(evp, ni);
            Assert.Equal(lengthNi < 0 ? new byte[ciphertext.Length] : raw, ni);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void BadPadding_IsRejected_AndScratchCleared(bool aesNi)
    {
        RequirePath(aesNi);
        byte[] ciphertext = new byte[32];
        Aes256Cbc.Encrypt(aesNi, s_key, s_iv, new byte[20], ciphertext);
        ciphertext[15] ^= 0x01; // flips the padding byte of the last block through CBC
        byte[] scratch = new byte[32];
        Assert.Equal(-1, Aes256Cbc.Decrypt(aesNi, s_key, s_iv, ciphertext, scratch));
        Assert.All(scratch, b => Assert.Equal(0, b));
    }

    /// <summary>Last blocks with each kind of bad padding (0, 17 and more, a wrong byte among the padding), encrypted
    /// without padding by the BCL: rejected with the scratch cleared. A full block of 16s is the one valid extreme.</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void EachKindOfBadPadding_IsRejected(bool aesNi)
    {
        RequirePath(aesNi);
        using var aes = Aes.Create();
        aes.Key = s_key;
        byte[][] badLastBlocks =
        [
            [.. new byte[15], 0x00],
            [.. new byte[15], 0x11],
            [.. new byte[15], 0xff],
            [.. new byte[13], 0x02, 0x03, 0x03], // claims 3, one byte differs
            [0x0f, .. Enumerable.Repeat((byte)0x10, 15)], // claims 16, the first byte differs
        ];
        foreach (byte[] last in badLastBlocks)
        {
            byte[] ciphertext = aes.EncryptCbc((byte[])[.. s_plaintext[..16], .. last], s_iv, PaddingMode.None);
            byte[] scratch = new byte[ciphertext.Length];
            Assert.Equal(-1, Aes256Cbc.Decrypt(aesNi, s_key, s_iv, ciphertext, scratch));
            Assert.All(scratch, b => Assert.Equal(0, b));
        }
        byte[] full = aes.EncryptCbc((byte[])[.. s_plaintext[..16], .. Enumerable.Repeat((byte)0x10, 16)], s_iv, PaddingMode.None);
        Assert.Equal(16, Aes256Cbc.Decrypt(aesNi, s_key, s_iv, full, new byte[32]));
    }

    /// <summary>A length that is not a positive multiple of the block: -1 before any decryption, the scratch untouched.</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void WrongLength_IsRejected_ScratchUntouched(bool aesNi)
    {
        RequirePath(aesNi);
        foreach (int length in (int[])[0, 1, 15, 17, 31, 33, 1039])
        {
            byte[] scratch = new byte[length];
            Array.Fill(scratch, (byte)0xa5);
            Assert.Equal(-1, Aes256Cbc.Decrypt(aesNi, s_key, s_iv, new byte[length], scratch));
            Assert.All(scratch, b => Assert.Equal(0xa5, b));
        }
    }

    /// <summary>In place: decryption into the ciphertext's own memory, encryption from a plaintext at the start of the
    /// ciphertext buffer; lengths cross the eight-block groups.</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void InPlace_MatchesTheBcl(bool aesNi)
    {
        RequirePath(aesNi);
        using var aes = Aes.Create();
        aes.Key = s_key;
        foreach (int n in (int[])[0, 15, 16, 100, 127, 128, 200, 1024])
        {
            byte[] plaintext = RandomNumberGenerator.GetBytes(n);
            byte[] expected = aes.EncryptCbc(plaintext, s_iv, PaddingMode.PKCS7);
            byte[] buffer = new byte[expected.Length];
            plaintext.CopyTo(buffer, 0);
            Aes256Cbc.Encrypt(aesNi, s_key, s_iv, buffer.AsSpan(0, n), buffer);
            Assert.Equal(expected, buffer);
            Assert.Equal(n, Aes256Cbc.Decrypt(aesNi, s_key, s_iv, buffer, buffer));
            Assert.Equal(plaintext, buffer[..n]);
        }
    }
}
