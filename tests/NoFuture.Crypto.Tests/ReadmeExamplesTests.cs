// The README's code, kept compiling and true.
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Crypto.XWing;
using NoFuture.Memory;

namespace NoFuture.Examples.Readme; // outside NoFuture.Crypto.*, as user code is

public class ReadmeExamplesTests
{
    [Fact]
    public void MlKemExample()
    {
        using MlKem alice = MlKem.Generate(MLKemAlgorithm.MLKem768);
        byte[] ek = alice.ExportEncapsulationKey();
        using MlKem bob = MlKem.ImportEncapsulationKey(MLKemAlgorithm.MLKem768, ek);
        using Secret ssBob = Secret.Allocate(32), ssAlice = Secret.Allocate(32);
        byte[] ct = new byte[MLKemAlgorithm.MLKem768.CiphertextSizeInBytes];
        using (SecretWriteLease s = ssBob.OpenWrite()) bob.Encapsulate(ct, s.Span);
        using (SecretWriteLease s = ssAlice.OpenWrite()) alice.Decapsulate(ct, s.Span);
        Assert.True(ssAlice.FixedTimeEquals(ssBob));
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
}

// README "HPKE" (appended block for the HPKE subsection).
public class ReadmeHpkeExampleTests
{
    [Fact]
    public void HpkeExample()
    {
        byte[] message = "hello, post-quantum world"u8.ToArray();
        var suite = new NoFuture.Crypto.Hpke.HpkeSuite(NoFuture.Crypto.Hpke.HpkeKem.XWing, NoFuture.Crypto.Hpke.HpkeKdf.HkdfSha256,
            NoFuture.Crypto.Hpke.HpkeAead.ChaCha20Poly1305);
        using NoFuture.Crypto.Hpke.HpkePrivateKey recipient = NoFuture.Crypto.Hpke.HpkePrivateKey.Generate(NoFuture.Crypto.Hpke.HpkeKem.XWing);
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
