// X-Wing cross-checked against libsodium 1.0.22's own crypto_kem_xwing_* (a test-only oracle, Oracles/SodiumXWing.cs)
// over random cases: the same seed gives the same public key; the same eseed gives the same ciphertext and shared
// secret; each side decapsulates the other's ciphertexts; tampered ciphertexts give the same implicit-rejection
// secret on both sides; keys failing the FIPS 203 §7.2 check are refused by both.
// Where the two differ by design (an all-zero X25519 output: libsodium returns -1, the draft hashes it), the test pins
// our result against a manual computation with the draft's formulas instead.
using System.Security.Cryptography;
using NoFuture.Crypto.Curves;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.Tests.Oracles;
using NoFuture.Crypto.XWing;

namespace NoFuture.Crypto.Tests.XWing;

public class XWingSodiumOracleTests
{
    private const int Cases = 1000;

    [Fact]
    public void OracleSizes_MatchOurs()
    {
        Assert.Equal(XWingKem.PublicKeySizeInBytes, SodiumXWing.LibraryPublicKeyBytes());
        Assert.Equal(XWingKem.CiphertextSizeInBytes, SodiumXWing.LibraryCiphertextBytes());
    }

    [Fact]
    public void RandomCases_AgreeByteForByte()
    {
        byte[] seed = new byte[32], eseed = new byte[64];
        byte[] pkS = new byte[1216], skS = new byte[32];
        byte[] ctS = new byte[1120], ssS = new byte[32], ctO = new byte[1120], ssO = new byte[32];
        byte[] ssDecS = new byte[32], ssDecO = new byte[32];
        for (int i = 0; i < Cases; i++)
        {
            RandomNumberGenerator.Fill(seed);
            RandomNumberGenerator.Fill(eseed);

            // Key generation from the same seed.
            SodiumXWing.SeedKeypair(seed, pkS, skS);
            using XWingPrivateKey key = XWingPrivateKey.Import(seed);
            Assert.True(key.PublicKey.SequenceEqual(pkS), $"case {i}: public key");

            // Deterministic encapsulation with the same eseed.
            Assert.Equal(0, SodiumXWing.EncDeterministic(pkS, eseed, ctS, ssS));
            XWingKem.EncapsulateDeterministic(key.PublicKey, eseed, ctO, ssO);
            Assert.True(ctO.AsSpan().SequenceEqual(ctS), $"case {i}: ciphertext");
            Assert.True(ssO.AsSpan().SequenceEqual(ssS), $"case {i}: shared secret");

            // Randomized: ours → libsodium, libsodium → ours.
            XWingKem.Encapsulate(key.PublicKey, ctO, ssO);
            Assert.Equal(0, SodiumXWing.Dec(skS, ctO, ssDecS));
            Assert.True(ssDecS.AsSpan().SequenceEqual(ssO), $"case {i}: ours → libsodium");
            Assert.Equal(0, SodiumXWing.Enc(pkS, ctS, ssS));
            key.Decapsulate(ctS, ssDecO);
            Assert.True(ssDecO.AsSpan().SequenceEqual(ssS), $"case {i}: libsodium → ours");

            // A flipped bit in ct_M: both sides return the same implicit-rejection secret, unlike the real one.
            int position = RandomNumberGenerator.GetInt32(XWingCore.CtMSizeInBytes);
            ctS[position] ^= (byte)(1 << RandomNumberGenerator.GetInt32(8));
            Assert.Equal(0, SodiumXWing.Dec(skS, ctS, ssDecS));
            key.Decapsulate(ctS, ssDecO);
            Assert.True(ssDecO.AsSpan().SequenceEqual(ssDecS), $"case {i}: tampered ct_M");
            Assert.False(ssDecO.AsSpan().SequenceEqual(ssS), $"case {i}: tampered ct_M gave the real secret");
        }
    }

    [Fact]
    public void ExpandedPublicKey_AgreesByteForByte()
    {
        // XWingPublicKey keeps pk_M expanded (t-hat, A-hat^T, H(pk_M)); libsodium re-derives everything per call.
        byte[] seed = new byte[32], eseed = new byte[64], pkS = new byte[1216], skS = new byte[32];
        byte[] ctS = new byte[1120], ssS = new byte[32], ctO = new byte[1120], ssO = new byte[32], ssDecS = new byte[32];
        for (int i = 0; i < Cases / 4; i++)
        {
            RandomNumberGenerator.Fill(seed);
            SodiumXWing.SeedKeypair(seed, pkS, skS);
            XWingPublicKey publicKey = XWingPublicKey.Import(pkS);
            for (int j = 0; j < 4; j++)
            {
                RandomNumberGenerator.Fill(eseed);
                Assert.Equal(0, SodiumXWing.EncDeterministic(pkS, eseed, ctS, ssS));
                publicKey.EncapsulateDeterministic(eseed, ctO, ssO);
                Assert.True(ctO.AsSpan().SequenceEqual(ctS), $"case {i}.{j}: ciphertext");
                Assert.True(ssO.AsSpan().SequenceEqual(ssS), $"case {i}.{j}: shared secret");
                publicKey.Encapsulate(ctO, ssO);
                Assert.Equal(0, SodiumXWing.Dec(skS, ctO, ssDecS));
                Assert.True(ssDecS.AsSpan().SequenceEqual(ssO), $"case {i}.{j}: randomized, ours → libsodium");
            }
        }
    }

    [Fact]
    public void RandomSodiumKeys_DecapsulateWithOurKey()
    {
        // Keys made by libsodium's own random keypair (sk is the seed): we import the seed and agree.
        byte[] pk = new byte[1216], sk = new byte[32], ct = new byte[1120], ss = new byte[32], ss2 = new byte[32];
        for (int i = 0; i < 100; i++)
        {
            SodiumXWing.Keypair(pk, sk);
            using XWingPrivateKey key = XWingPrivateKey.Import(sk);
            Assert.True(key.PublicKey.SequenceEqual(pk));
            Assert.Equal(0, SodiumXWing.Enc(pk, ct, ss));
            key.Decapsulate(ct, ss2);
            Assert.Equal(ss, ss2);
        }
    }

    [Fact]
    public void ModulusCheckFailure_RefusedByBoth()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        byte[] ct = new byte[1120], ss = new byte[32], eseed = new byte[64];
        for (int coefficient = 0; coefficient < 3 * 256; coefficient += 97)
        {
            byte[] pk = key.PublicKey.ToArray();
            SetCoefficient(pk, coefficient, 3329); // q itself: the smallest value ByteDecode12 would reduce
            Assert.False(XWingKem.IsValidPublicKey(pk));
            // Hostile input (a peer's key): the CryptographicException family, never ArgumentException.
            Assert.Equal(CryptoError.InvalidPublicKey, Assert.IsType<CryptoException>(Record.Exception(() => XWingKem.Encapsulate(pk, new byte[1120], new byte[32]))).Error);
            Assert.Equal(CryptoError.InvalidPublicKey, Assert.IsType<CryptoException>(Record.Exception(() => XWingKem.EncapsulateDeterministic(pk, eseed, new byte[1120], new byte[32]))).Error);
            Assert.Equal(-1, SodiumXWing.Enc(pk, ct, ss));
            Assert.Equal(-1, SodiumXWing.EncDeterministic(pk, eseed, ct, ss));

            SetCoefficient(pk, coefficient, 3328); // q − 1 is fine
            Assert.True(XWingKem.IsValidPublicKey(pk));
            Assert.Equal(0, SodiumXWing.Enc(pk, ct, ss));
        }
    }

    [Fact]
    public void AllZeroX25519_HashedRegardless_WhereLibsodiumRefuses()
    {
        // Decapsulation of a ciphertext whose ct_X is the low-order point u = 0: ss_X = 0, and the draft's
        // Decapsulate (§5.5) still returns Combiner(ss_M, 0, ct_X, pk_X). libsodium returns -1 instead.
        byte[] seed = RandomNumberGenerator.GetBytes(32);
        byte[] pkS = new byte[1216], skS = new byte[32];
        SodiumXWing.SeedKeypair(seed, pkS, skS);
        using XWingPrivateKey key = XWingPrivateKey.Import(seed);
        byte[] ct = new byte[1120], ss = new byte[32];
        XWingKem.Encapsulate(key.PublicKey, ct, ss);
        ct.AsSpan(XWingCore.CtMSizeInBytes).Clear(); // ct_X = 0

        byte[] ours = new byte[32];
        key.Decapsulate(ct, ours);
        Assert.Equal(-1, SodiumXWing.Dec(skS, ct, new byte[32]));

        // Manual: expand sk per §5.2, ss_M = ML-KEM-768.Decaps(ct_M, sk_M), ss_X = 0.
        byte[] expanded = new byte[96];
        NoFuture.Crypto.Keccak.Sha3.Shake256(seed, expanded);
        byte[] ekM = new byte[1184], dkM = new byte[2400], ssM = new byte[32];
        MlKemCore.KeyGenInternal(MlKemParameters.MlKem768, expanded.AsSpan(0, 32), expanded.AsSpan(32, 32), ekM, dkM);
        MlKemCore.DecapsInternal(MlKemParameters.MlKem768, dkM, ct.AsSpan(0, 1088), ssM);
        byte[] expected = Sha3_256(ssM, new byte[32], new byte[32], key.PublicKey[1184..].ToArray(), XWingCore.XWingLabel.ToArray());
        Assert.Equal(expected, ours);
        Assert.NotEqual(ss, ours);

        // Encapsulation to a public key whose pk_X is u = 0: ss_X = 0, hashed regardless; libsodium returns -1.
        byte[] pk = key.PublicKey.ToArray();
        pk.AsSpan(1184).Clear();
        byte[] eseed = RandomNumberGenerator.GetBytes(64);
        byte[] ct2 = new byte[1120], ss2 = new byte[32];
        XWingKem.EncapsulateDeterministic(pk, eseed, ct2, ss2);
        Assert.Equal(-1, SodiumXWing.EncDeterministic(pk, eseed, new byte[1120], new byte[32]));
        byte[] ctM = new byte[1088], ssM2 = new byte[32], ctX = new byte[32];
        MlKemCore.EncapsInternal(MlKemParameters.MlKem768, pk.AsSpan(0, 1184), eseed.AsSpan(0, 32), ssM2, ctM);
        X25519.DerivePublicKey(eseed.AsSpan(32), ctX);
        Assert.Equal(ctM, ct2[..1088]);
        Assert.Equal(ctX, ct2[1088..]);
        Assert.Equal(Sha3_256(ssM2, new byte[32], ctX, new byte[32], XWingCore.XWingLabel.ToArray()), ss2);
    }

    /// <summary>SHA3-256 of the concatenation: the BCL's (independent of ours) where the platform has it.</summary>
    private static byte[] Sha3_256(params byte[][] parts)
    {
        byte[] input = parts.SelectMany(p => p).ToArray();
        if (SHA3_256.IsSupported) return SHA3_256.HashData(input);
        byte[] digest = new byte[32];
        NoFuture.Crypto.Keccak.Sha3.Sha3_256(input, digest);
        return digest;
    }

    /// <summary>Sets 12-bit coefficient <paramref name="index"/> of t-hat in pk_M (ByteEncode12 little-endian packing).</summary>
    internal static void SetCoefficient(byte[] pk, int index, int value)
    {
        int offset = index / 2 * 3;
        if (index % 2 == 0)
        {
            pk[offset] = (byte)value;
            pk[offset + 1] = (byte)((pk[offset + 1] & 0xF0) | (value >> 8));
        }
        else
        {
            pk[offset + 1] = (byte)((pk[offset + 1] & 0x0F) | ((value & 0x0F) << 4));
            pk[offset + 2] = (byte)(value >> 4);
        }
    }
}
