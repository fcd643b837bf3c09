// The README's code, kept compiling and true.
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using HashAlgorithm = NoFuture.Crypto.HashAlgorithm; // the README's alias: System.Security.Cryptography has one too

namespace NoFuture.Examples.Readme; // outside NoFuture.Crypto.*, as user code is

public class ReadmeExamplesTests
{
    [Fact]
    public void MlKemExample()
    {
        using MlKemKey alice = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
        byte[] ek = alice.ExportEncapsulationKey();
        using MlKemKey bob = MlKemKey.ImportEncapsulationKey(MLKemAlgorithm.MLKem768, ek);
        using Secret ssBob = Secret.Allocate(32), ssAlice = Secret.Allocate(32);
        byte[] ct = new byte[MLKemAlgorithm.MLKem768.CiphertextSizeInBytes];
        using (SecretWriteLease s = ssBob.OpenWrite()) bob.Encapsulate(ct, s.Span);
        using (SecretWriteLease s = ssAlice.OpenWrite()) alice.Decapsulate(ct, s.Span);
        Assert.True(ssAlice.FixedTimeEquals(ssBob));
    }

    [Fact]
    public void MlDsaExample()
    {
        byte[] data = [1, 2, 3], context = [4];
        using MlDsaKey signer = MlDsaKey.Generate(MLDsaAlgorithm.MLDsa65);   // seed ξ and expanded key live in Secrets
        byte[] signature = signer.SignData(data, context);                    // context: 0–255 bytes
        using MlDsaKey peer = MlDsaKey.ImportPublicKey(MLDsaAlgorithm.MLDsa65, signer.ExportMLDsaPublicKey());
        bool valid = peer.VerifyData(data, signature, context);
        Assert.True(valid);
    }

    [Fact]
    public void EcdsaDerExample()
    {
        byte[] data = [1, 2, 3];
        SignatureAlgorithm alg = SignatureAlgorithm.EcdsaP256Sha256;
        using SigningKey signer = alg.GenerateKey();            // the private key in a Secret; export needs a policy
        byte[] der = signer.Sign(data);                         // DER, at most alg.SignatureSizeInBytes (72) bytes
        SignaturePublicKey peer = alg.ImportPublicKey(signer.PublicKey);   // checked once: CryptoException if not a point
        bool ok = peer.Verify(data, der);                       // or alg.Verify(publicKey, data, der) in one shot
        Assert.True(ok);
        Assert.True(alg.Verify(signer.PublicKey, data, der));
        Assert.InRange(der.Length, 8, alg.SignatureSizeInBytes);
        Assert.Equal(72, alg.SignatureSizeInBytes);
    }

    [Fact]
    public void HashingAndHkdfExample()
    {
        using Secret ikm = Secret.CreateRandom(32);
        using Secret prk = KdfAlgorithm.HkdfSha256.Extract(ikm, salt: "salt"u8);
        using KdfKey key = KdfAlgorithm.HkdfSha256.ImportPrk(prk);
        using Secret trafficKey = key.Expand("label 1"u8, 32);
        using IncrementalHasher transcript = HashAlgorithm.Sha256.CreateIncremental();
        transcript.Append("message 1"u8);
        byte[] digest = new byte[HashAlgorithm.Sha256.HashSizeInBytes];
        transcript.GetHashAndReset(digest);

        Assert.Equal(SHA256.HashData("message 1"u8), digest);
        byte[] expected = new byte[32];
        using (SecretReadLease p = prk.OpenRead()) HKDF.Expand(HashAlgorithmName.SHA256, p.Span, expected, "label 1"u8);
        Assert.True(trafficKey.FixedTimeEquals(expected));
    }

    [Fact]
    public void XWingExample()
    {
        using XWingPrivateKey recipient = XWingPrivateKey.Generate();
        byte[] ct = new byte[XWingKem.CiphertextSizeInBytes];
        using Secret ssSender = Secret.Allocate(XWingKem.SharedSecretSizeInBytes);
        using (SecretWriteLease s = ssSender.OpenWrite()) XWingKem.Encapsulate(recipient.PublicKey, ct, s.Span);
        using Secret ssRecipient = recipient.Decapsulate(ct);
        Assert.True(ssRecipient.FixedTimeEquals(ssSender));
    }

    [Fact]
    public void ExportPolicyExample()
    {
        using XWingPrivateKey key = XWingPrivateKey.Generate();
        Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey());
        using XWingPrivateKey kept = XWingPrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        using Secret seed = kept.ExportPrivateKey();
        using XWingPrivateKey restored = XWingPrivateKey.Import(seed);
        byte[] pk = restored.ExportPublicKey();
        Assert.Equal(kept.PublicKey.ToArray(), pk);
        Assert.Throws<InvalidOperationException>(() => restored.ExportPrivateKey());
    }

    [Fact]
    public void Argon2idExample()
    {
        using Secret password = Secret.CopyFrom("correct horse battery staple"u8);
        using SecretReadLease pw = password.OpenRead();
        string stored = Argon2PhcString.Hash(pw.Span, Argon2Parameters.Rfc9106Second, TestContext.Current.CancellationToken);
        bool ok = Argon2PhcString.Verify(stored, pw.Span, TestContext.Current.CancellationToken);
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        using Secret key = Argon2.DeriveSecret(pw.Span, salt, Argon2Parameters.Owasp, cancellationToken: TestContext.Current.CancellationToken);
        Assert.StartsWith("$argon2id$v=19$m=65536,t=3,p=4$", stored, StringComparison.Ordinal);
        Assert.True(ok);
        Assert.False(Argon2PhcString.Verify(stored, "wrong"u8, TestContext.Current.CancellationToken));
        Assert.Equal(32, key.Length);
    }
}

// README "HPKE" (appended block for the HPKE subsection).
public class ReadmeHpkeExampleTests
{
    [Fact]
    public void HpkeExample()
    {
        byte[] message = "hello, post-quantum world"u8.ToArray();
        var suite = new NoFuture.Crypto.HpkeSuite(NoFuture.Crypto.HpkeKem.XWing, NoFuture.Crypto.HpkeKdf.HkdfSha256,
            NoFuture.Crypto.HpkeAead.ChaCha20Poly1305);
        using NoFuture.Crypto.HpkePrivateKey recipient = NoFuture.Crypto.HpkePrivateKey.Generate(NoFuture.Crypto.HpkeKem.XWing);
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes], ct = new byte[suite.GetCiphertextSize(message.Length)];
        suite.Seal(recipient.PublicKey, message, enc, ct, info: "app v1"u8);
        byte[] opened = new byte[message.Length];
        bool ok = suite.Open(recipient, enc, ct, opened, info: "app v1"u8);
        Assert.True(ok);
        Assert.Equal(message, opened);
        ct[0] ^= 1;
        Assert.False(suite.Open(recipient, enc, ct, opened, info: "app v1"u8));
    }
}
