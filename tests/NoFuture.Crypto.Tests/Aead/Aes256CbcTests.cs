// AES-256-CBC as libsignal's messages use it. Known answer: NIST SP 800-38A, F.2.5 (CBC-AES256.Encrypt), all four
// blocks; then PKCS#7 padding against the BCL's Aes (an independent implementation) for every length 0..64.
using System.Security.Cryptography;
using NoFuture.Crypto.Aead;

namespace NoFuture.Crypto.Tests.Aead;

public class Aes256CbcTests
{
    private static readonly byte[] s_key = Convert.FromHexString("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
    private static readonly byte[] s_iv = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");

    [Fact]
    public void Sp800_38A_F25_Blocks()
    {
        byte[] plaintext = Convert.FromHexString("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
        byte[] expected = Convert.FromHexString("f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b");
        byte[] ciphertext = new byte[Aes256Cbc.CiphertextLength(plaintext.Length)];
        Aes256Cbc.Encrypt(s_key, s_iv, plaintext, ciphertext);
        Assert.Equal(expected, ciphertext[..64]);
    }

    [Fact]
    public void Padding_MatchesBcl_AndRoundTrips()
    {
        using var aes = Aes.Create();
        aes.Key = s_key;
        for (int n = 0; n <= 64; n++)
        {
            byte[] plaintext = RandomNumberGenerator.GetBytes(n);
            byte[] ciphertext = new byte[Aes256Cbc.CiphertextLength(n)];
            Aes256Cbc.Encrypt(s_key, s_iv, plaintext, ciphertext);
            Assert.Equal(aes.EncryptCbc(plaintext, s_iv, PaddingMode.PKCS7), ciphertext);
            byte[] scratch = new byte[ciphertext.Length];
            Assert.Equal(n, Aes256Cbc.Decrypt(s_key, s_iv, ciphertext, scratch));
            Assert.Equal(plaintext, scratch[..n]);
        }
    }

    [Fact]
    public void BadPadding_IsRejected_AndScratchCleared()
    {
        byte[] ciphertext = new byte[32];
        Aes256Cbc.Encrypt(s_key, s_iv, new byte[20], ciphertext);
        ciphertext[15] ^= 0x01; // flips the padding byte of the last block through CBC
        byte[] scratch = new byte[32];
        Assert.Equal(-1, Aes256Cbc.Decrypt(s_key, s_iv, ciphertext, scratch));
        Assert.All(scratch, b => Assert.Equal(0, b));
    }
}
