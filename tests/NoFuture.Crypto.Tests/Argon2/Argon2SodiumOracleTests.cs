// Random cross-checks of Argon2id (p = 1, no secret/AD: the only form libsodium computes) against libsodium's
// crypto_pwhash (Oracles/SodiumPwhash.cs), on every implementation path: random passwords (including empty),
// salts, memory sizes (8 KiB to 2 MiB, including sizes that are not multiples of 4), passes and tag lengths.
using System.Security.Cryptography;
using NoFuture.Crypto.PasswordHashing;
using NoFuture.Crypto.Tests.Oracles;

namespace NoFuture.Crypto.Tests.Argon2;

public class Argon2SodiumOracleTests
{
    [Theory]
    [InlineData("Scalar", 40)]
    [InlineData("Vector128", 40)]
    [InlineData("Vector256", 120)]
    public void RandomArgon2idP1_MatchesCryptoPwhash(string pathName, int cases)
    {
        Argon2Path path = Enum.Parse<Argon2Path>(pathName);
        Argon2VectorTests.SkipUnlessSupported(path);
        CancellationToken ct = TestContext.Current.CancellationToken;
        byte[] salt = new byte[SodiumPwhash.SaltBytes];
        for (int i = 0; i < cases; i++)
        {
            byte[] password = RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(0, 100));
            RandomNumberGenerator.Fill(salt);
            int memoryKib = RandomNumberGenerator.GetInt32(8, i % 10 == 0 ? 2048 : 300);
            int iterations = RandomNumberGenerator.GetInt32(1, 5);
            int tagLength = RandomNumberGenerator.GetInt32(16, 130);
            byte[] expected = new byte[tagLength], actual = new byte[tagLength];
            SodiumPwhash.Argon2id(expected, password, salt, iterations, memoryKib);
            var parameters = new Argon2Parameters(Argon2Type.Argon2id, memoryKib, iterations, 1, tagLength);
            NoFuture.Crypto.Argon2.DeriveKeyCore(password, salt, parameters, actual, default, default, path, ct);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"case {i}: {parameters}, password {password.Length} bytes");
        }
    }
}
