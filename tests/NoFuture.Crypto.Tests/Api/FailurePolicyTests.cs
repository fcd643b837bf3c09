// The failure policy (docs/failure-policy.md) as one test: hostile input never surfaces as an ArgumentException, and a
// caller mistake never as a CryptographicException. The KEMs are enumerated from HpkeKem's public static properties, so
// a new KEM joins without editing this file; the other families have their own contract tests (Signatures, Hashing,
// Kdf, Aead), which assert the same split for every member.
using System.Reflection;
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Api;

public class FailurePolicyTests
{
    public static TheoryData<string> Kems()
    {
        var data = new TheoryData<string>();
        foreach (PropertyInfo p in typeof(HpkeKem).GetProperties(BindingFlags.Public | BindingFlags.Static))
            if (p.PropertyType == typeof(HpkeKem)) data.Add(p.Name);
        return data;
    }

    private static HpkeKem Kem(string name) => (HpkeKem)typeof(HpkeKem).GetProperty(name)!.GetValue(null)!;

    private static HpkeSuite Suite(HpkeKem kem) => new(kem, HpkeKdf.HkdfSha256, HpkeAead.ChaCha20Poly1305);

    /// <summary>Byte strings a hostile peer could send in place of a key or an encapsulation of the right size.</summary>
    private static IEnumerable<byte[]> HostileBytes(int size)
    {
        yield return new byte[size];
        byte[] ones = new byte[size];
        Array.Fill(ones, (byte)0xFF);
        yield return ones;
        byte[] random = new byte[size];
        new Random(size).NextBytes(random);
        yield return random;
    }

    [Theory]
    [MemberData(nameof(Kems))]
    public void AHostilePublicKey_IsRefusedAsHpkeException_OrAccepted_NeverAnArgumentException(string name)
    {
        HpkeKem kem = Kem(name);
        HpkeSuite suite = Suite(kem);
        byte[] enc = new byte[kem.EncapsulatedKeySizeInBytes];
        int refused = 0;
        foreach (byte[] pk in HostileBytes(kem.PublicKeySizeInBytes))
        {
            Exception? e = Record.Exception(() => suite.SetupSender(pk, enc).Dispose());
            if (e is null) continue;
            Assert.Equal(HpkeError.EncapsulationFailed, Assert.IsType<HpkeException>(e).Error);
            refused++;
        }
        // Every KEM has a public-key check that one of these trips (a low-order or off-curve point, an ML-KEM
        // coefficient >= q), so the test also shows the check exists.
        Assert.True(refused > 0, $"{name} accepted every hostile public key");
    }

    [Theory]
    [MemberData(nameof(Kems))]
    public void AHostileEncapsulation_IsRefusedAsHpkeException_OrImplicitlyRejected_NeverAnArgumentException(string name)
    {
        HpkeKem kem = Kem(name);
        HpkeSuite suite = Suite(kem);
        using HpkePrivateKey key = HpkePrivateKey.Generate(kem);
        foreach (byte[] enc in HostileBytes(kem.EncapsulatedKeySizeInBytes))
        {
            Exception? e = Record.Exception(() => suite.SetupRecipient(key, enc).Dispose());
            if (e is not null) Assert.Equal(HpkeError.DecapsulationFailed, Assert.IsType<HpkeException>(e).Error);

            // The single-shot Open answers with false, whatever part was hostile.
            byte[] plaintext = [1, 2, 3];
            byte[] ciphertext = new byte[suite.GetCiphertextSize(plaintext.Length)];
            Assert.False(suite.Open(key, enc, ciphertext, plaintext));
            Assert.All(plaintext, b => Assert.Equal(0, b));
        }
    }

    [Theory]
    [MemberData(nameof(Kems))]
    public void CallerMistakes_AreArgumentOrStateExceptions_NeverCryptographicException(string name)
    {
        HpkeKem kem = Kem(name);
        HpkeSuite suite = Suite(kem);
        HpkeKem other = kem == HpkeKem.XWing ? HpkeKem.DhKemX25519HkdfSha256 : HpkeKem.XWing;
        using HpkePrivateKey key = HpkePrivateKey.Generate(kem);
        using HpkePrivateKey otherKey = HpkePrivateKey.Generate(other);
        HpkePrivateKey disposed = HpkePrivateKey.Generate(kem);
        disposed.Dispose();
        byte[] pk = key.PublicKey.ToArray();
        byte[] enc = new byte[kem.EncapsulatedKeySizeInBytes];

        AssertMistake<ArgumentException>(() => suite.SetupSender(pk.AsSpan(1), enc));
        AssertMistake<ArgumentException>(() => suite.SetupSender(pk, new byte[enc.Length + 1]));
        AssertMistake<ArgumentException>(() => suite.SetupRecipient(key, enc.AsSpan(1)));
        AssertMistake<ArgumentException>(() => suite.SetupRecipient(otherKey, enc));
        AssertMistake<ObjectDisposedException>(() => suite.SetupRecipient(disposed, enc));
        AssertMistake<ObjectDisposedException>(() => disposed.ExportPublicKey(new byte[kem.PublicKeySizeInBytes]));
        AssertMistake<InvalidOperationException>(() => key.ExportPrivateKey());
        AssertMistake<ArgumentException>(() => HpkePrivateKey.Import(kem, new byte[kem.PrivateKeySizeInBytes + 1]));
    }

    [Theory]
    [InlineData(512)]
    [InlineData(768)]
    [InlineData(1024)]
    public void MlKem_HostileKeysAreCryptoExceptions_MistakesAreNot(int size)
    {
        MLKemAlgorithm algorithm = size switch { 512 => MLKemAlgorithm.MLKem512, 768 => MLKemAlgorithm.MLKem768, _ => MLKemAlgorithm.MLKem1024 };
        using MlKemKey key = MlKemKey.Generate(algorithm, KeyExportPolicies.AllowPlaintextExport);
        byte[] ek = key.ExportEncapsulationKey();
        Array.Fill(ek, (byte)0xFF, 0, 12); // coefficients of 4095 >= q: fails FIPS 203 §7.2
        Assert.Equal(CryptoError.InvalidPublicKey, Assert.IsType<CryptoException>(Record.Exception(() => MlKemKey.ImportEncapsulationKey(algorithm, ek))).Error);
        byte[] dk = key.ExportDecapsulationKey();
        dk[^40] ^= 1; // H(ek) no longer matches: fails FIPS 203 §7.3
        Assert.Equal(CryptoError.InvalidPrivateKey, Assert.IsType<CryptoException>(Record.Exception(() => MlKemKey.ImportDecapsulationKey(algorithm, dk))).Error);

        using MlKemKey publicOnly = MlKemKey.ImportEncapsulationKey(algorithm, key.ExportEncapsulationKey());
        AssertMistake<InvalidOperationException>(() => publicOnly.Decapsulate(new byte[algorithm.CiphertextSizeInBytes], new byte[32]));
        AssertMistake<ArgumentException>(() => MlKemKey.ImportEncapsulationKey(algorithm, ek.AsSpan(1)));
        AssertMistake<ArgumentException>(() => key.Decapsulate(new byte[algorithm.CiphertextSizeInBytes - 1], new byte[32]));
    }

    [Fact]
    public void XWing_HostileKeysAreCryptoExceptions_MistakesAreNot()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        byte[] pk = key.PublicKey.ToArray();
        Array.Fill(pk, (byte)0xFF, 0, 12);
        Assert.Equal(CryptoError.InvalidPublicKey, Assert.IsType<CryptoException>(Record.Exception(() => XWingPublicKey.Import(pk))).Error);
        Assert.Equal(CryptoError.InvalidPublicKey,
            Assert.IsType<CryptoException>(Record.Exception(() => XWingKem.Encapsulate(pk, new byte[XWingKem.CiphertextSizeInBytes], new byte[32]))).Error);
        AssertMistake<ArgumentException>(() => XWingPublicKey.Import(pk.AsSpan(1)));
        AssertMistake<ArgumentException>(() => key.Decapsulate(new byte[XWingKem.CiphertextSizeInBytes - 1], new byte[32]));
    }

    [Fact]
    public void Argon2_HostileStringsAreArgon2Exceptions_MistakesAreNot()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        foreach (string phc in new[] { "", "$argon2id$v=19$m=64,t=1", "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$%%%%" })
            Assert.Equal(Argon2Error.MalformedString, Assert.IsType<Argon2Exception>(Record.Exception(() => Argon2PhcString.Verify(phc, "pw"u8, ct))).Error);
        Assert.Equal(Argon2Error.MemoryLimitExceeded, Assert.IsType<Argon2Exception>(Record.Exception(() =>
            Argon2PhcString.Verify("$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$c29tZXNhbHRzb21lc2FsdA", "pw"u8, ct))).Error);
        AssertMistake<ArgumentException>(() => global::NoFuture.Crypto.Argon2.DeriveKey("pw"u8, new byte[4], Argon2Parameters.Owasp, new byte[32], cancellationToken: ct));
        AssertMistake<ArgumentNullException>(() => Argon2PhcString.Verify(null!, "pw"u8, ct));
    }

    [Fact]
    public void KeyAgreement_AHostilePeerPointIsFalse_AWrongSizeIsAMistake()
    {
        using Secret x25519 = X25519.GeneratePrivateKey();
        byte[] ss = new byte[32];
        Assert.False(X25519.Agree(x25519, new byte[32], ss)); // the all-zero point has small order (RFC 7748 §6.1)
        AssertMistake<ArgumentException>(() => X25519.Agree(x25519, new byte[31], ss));
        using Secret x448 = X448.GeneratePrivateKey();
        byte[] ss448 = new byte[56];
        Assert.False(X448.Agree(x448, new byte[56], ss448));
        AssertMistake<ArgumentException>(() => X448.Agree(x448, new byte[55], ss448));
    }

    private static void AssertMistake<T>(Action action)
        where T : Exception
    {
        Exception? e = Record.Exception(action);
        Assert.NotNull(e);
        Assert.IsAssignableFrom<T>(e);
        Assert.False(e is CryptographicException, $"a caller mistake surfaced as {e.GetType().Name}: {e.Message}");
    }
}
