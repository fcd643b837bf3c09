// Hostile-caller cases for the HPKE API: sizes at the edges of int, null and disposed arguments. Each is refused with
// the documented exception (ArgumentException family naming the parameter, ObjectDisposedException), never an
// OverflowException or a NullReferenceException.
using NoFuture.Crypto.Hpke;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Hpke;

public class HpkeHostileInputTests
{
    private static readonly HpkeSuite Suite = new(HpkeKem.DhKemX25519HkdfSha256, HpkeKdf.HkdfSha256, HpkeAead.Aes128Gcm);

    [Fact]
    public void GetCiphertextSize_RefusesLengthsWhoseCiphertextDoesNotFitAnInt()
    {
        Assert.Equal(int.MaxValue, Suite.GetCiphertextSize(int.MaxValue - 16));
        Assert.Throws<ArgumentOutOfRangeException>("plaintextLength", () => Suite.GetCiphertextSize(int.MaxValue - 15));
        Assert.Throws<ArgumentOutOfRangeException>("plaintextLength", () => Suite.GetCiphertextSize(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>("plaintextLength", () => Suite.GetCiphertextSize(-1));
        Assert.Throws<ArgumentOutOfRangeException>("plaintextLength", () => Suite.GetCiphertextSize(int.MinValue));
        Assert.Equal(16, Suite.GetCiphertextSize(0));
    }

    [Fact]
    public void DisposedOrNullArguments_AreRefusedBeforeAnyWrite()
    {
        using HpkePrivateKey skR = HpkePrivateKey.Generate(Suite.Kem);
        HpkePrivateKey disposedKey = HpkePrivateKey.Generate(Suite.Kem);
        disposedKey.Dispose();
        var disposedPsk = Secret.CreateRandom(32);
        disposedPsk.Dispose();
        byte[] enc = Filled(32), ct = Filled(19), pt = Filled(3);

        Assert.Throws<ObjectDisposedException>(() => Suite.Seal(skR.PublicKey, [1, 2, 3], enc, ct, senderKey: disposedKey));
        Assert.Throws<ObjectDisposedException>(() => Suite.Seal(skR.PublicKey, [1, 2, 3], enc, ct, psk: disposedPsk, pskId: "id"u8));
        Assert.Throws<ObjectDisposedException>(() => Suite.SetupSender(skR.PublicKey, enc, senderKey: disposedKey));
        Assert.Throws<ObjectDisposedException>(() => Suite.Open(disposedKey, enc, ct, pt));
        Assert.Throws<ObjectDisposedException>(() => Suite.Open(skR, enc, ct, pt, psk: disposedPsk, pskId: "id"u8));
        Assert.Throws<ArgumentNullException>("recipientKey", () => Suite.Open(null!, enc, ct, pt));
        Assert.Throws<ArgumentNullException>("recipientKey", () => Suite.SetupRecipient(null!, enc));
        Assert.Throws<ArgumentNullException>("kem", () => HpkePrivateKey.Generate(null!));
        Assert.Throws<ArgumentNullException>("ikm", () => HpkePrivateKey.DeriveKeyPair(Suite.Kem, (Secret)null!));
        Assert.Throws<ObjectDisposedException>(() => disposedKey.PublicKey.Length);
        Assert.Throws<ObjectDisposedException>(() => disposedKey.ExportPublicKey(new byte[32]));
        Assert.All(enc.Concat(ct).Concat(pt), b => Assert.Equal(0xA5, b));
    }

    [Fact]
    public void Contexts_AfterDispose_RefuseEverything()
    {
        using HpkePrivateKey skR = HpkePrivateKey.Generate(Suite.Kem);
        byte[] enc = new byte[32];
        HpkeSenderContext s = Suite.SetupSender(skR.PublicKey, enc);
        HpkeRecipientContext r = Suite.SetupRecipient(skR, enc);
        s.Dispose();
        r.Dispose();
        s.Dispose(); // twice is fine
        byte[] ct = Filled(17), pt = Filled(1), exported = Filled(8);
        Assert.Throws<ObjectDisposedException>(() => s.Seal([1], ct));
        Assert.Throws<ObjectDisposedException>(() => r.Open(ct, pt));
        Assert.Throws<ObjectDisposedException>(() => s.Export("x"u8, exported));
        Assert.Throws<ObjectDisposedException>(() => r.Export("x"u8, 8));
        Assert.Throws<ObjectDisposedException>(() => s.SequenceNumber);
        Assert.All(ct.Concat(pt).Concat(exported), b => Assert.Equal(0xA5, b));
    }

    [Fact]
    public void ExportLengths_OutsideTheKdfsRange_AreRefused()
    {
        using HpkePrivateKey skR = HpkePrivateKey.Generate(Suite.Kem);
        byte[] enc = new byte[32];
        using HpkeSenderContext s = Suite.SetupSender(skR.PublicKey, enc);
        Assert.Throws<ArgumentOutOfRangeException>("length", () => s.Export("x"u8, -1));
        Assert.Throws<ArgumentOutOfRangeException>("length", () => s.Export("x"u8, int.MinValue));
        Assert.Throws<ArgumentOutOfRangeException>("length", () => s.Export("x"u8, int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>("length", () => s.Export("x"u8, Suite.Kdf.MaxExportSizeInBytes + 1));
        using Secret max = s.Export("x"u8, Suite.Kdf.MaxExportSizeInBytes);
        Assert.Equal(255 * 32, max.Length);
    }

    private static byte[] Filled(int length) => Enumerable.Repeat((byte)0xA5, length).ToArray();
}
