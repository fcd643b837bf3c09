// Negative tests: misuse throws ArgumentException before any output; protocol errors throw HpkeException with the
// reason (RFC 9180 EncapError, DecapError, MessageLimitReachedError, export-only, auth with a PQ KEM); nothing is
// decrypted and no state moves.
using System.Security.Cryptography;
using NoFuture.Crypto.Hpke;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Hpke;

public class HpkeNegativeTests
{
    private static readonly HpkeSuite X25519Suite = new(HpkeKem.DhKemX25519HkdfSha256, HpkeKdf.HkdfSha256, HpkeAead.Aes128Gcm);
    private static readonly HpkeSuite P256Suite = new(HpkeKem.DhKemP256HkdfSha256, HpkeKdf.HkdfSha256, HpkeAead.Aes128Gcm);
    private static readonly HpkeSuite MlKemSuite = new(HpkeKem.MlKem768, HpkeKdf.HkdfSha256, HpkeAead.Aes128Gcm);
    private static readonly HpkeSuite XWingSuite = new(HpkeKem.XWing, HpkeKdf.HkdfSha256, HpkeAead.ChaCha20Poly1305);

    [Fact]
    public void AnExceptionMadeWithoutAReasonClaimsNone()
    {
        Assert.Equal(HpkeError.Unknown, new HpkeException().Error);
        Assert.Equal(HpkeError.Unknown, new HpkeException("m").Error);
        Assert.Equal(HpkeError.Unknown, new HpkeException("m", new InvalidOperationException()).Error);
        Assert.Equal(0, (int)HpkeError.Unknown);
    }

    [Fact]
    public void MessageLimit_SealAndOpenRefuse_NothingWritten()
    {
        using HpkePrivateKey skR = HpkePrivateKey.Generate(X25519Suite.Kem);
        byte[] enc = new byte[32];
        using HpkeSenderContext s = X25519Suite.SetupSender(skR.PublicKey, enc);
        using HpkeRecipientContext r = X25519Suite.SetupRecipient(skR, enc);
        s.SetSequenceNumberForTesting(ulong.MaxValue - 1);
        r.SetSequenceNumberForTesting(ulong.MaxValue - 1);
        byte[] ct = new byte[20], pt = new byte[4];
        s.Seal([1, 2, 3, 4], ct); // the last allowed message
        Assert.True(r.Open(ct, pt));
        Assert.Equal(ulong.MaxValue, s.SequenceNumber);
        byte[] untouched = new byte[20];
        var e = Assert.Throws<HpkeException>(() => s.Seal([1, 2, 3, 4], untouched));
        Assert.Equal(HpkeError.MessageLimitReached, e.Error);
        Assert.All(untouched, b => Assert.Equal(0, b));
        Assert.Equal(HpkeError.MessageLimitReached, Assert.Throws<HpkeException>(() => r.Open(ct, pt)).Error);
        Assert.Equal(ulong.MaxValue, r.SequenceNumber);
    }

    [Fact]
    public void ExportOnly_SealAndOpenRefuse_ExportWorks()
    {
        var suite = new HpkeSuite(HpkeKem.XWing, HpkeKdf.HkdfSha256, HpkeAead.ExportOnly);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes];
        using HpkeSenderContext s = suite.SetupSender(skR.PublicKey, enc);
        using HpkeRecipientContext r = suite.SetupRecipient(skR, enc);
        Assert.Throws<InvalidOperationException>(() => s.Seal([1], new byte[1]));
        Assert.Throws<InvalidOperationException>(() => r.Open(new byte[1], []));
        Assert.Throws<InvalidOperationException>(() => suite.Seal(skR.PublicKey, [1], enc, new byte[1]));
        Assert.Throws<InvalidOperationException>(() => suite.Open(skR, enc, new byte[1], []));
        using Secret a = s.Export("x"u8, 48), b = r.Export("x"u8, 48);
        Assert.True(a.FixedTimeEquals(b));
    }

    [Fact]
    public void InvalidRecipientPublicKeys_AreEncapErrors()
    {
        byte[] enc = new byte[32];
        // X25519: the all-zero point has small order, so DH is all zero (RFC 9180 §7.1.4).
        var e1 = Assert.Throws<HpkeException>(() => X25519Suite.SetupSender(new byte[32], enc));
        Assert.Equal(HpkeError.EncapsulationFailed, e1.Error);
        // P-256: a point off the curve, and a wrong prefix.
        using HpkePrivateKey p256 = HpkePrivateKey.Generate(P256Suite.Kem);
        byte[] offCurve = p256.PublicKey.ToArray();
        offCurve[40] ^= 1;
        byte[] enc65 = new byte[65];
        Assert.Equal(HpkeError.EncapsulationFailed, Assert.Throws<HpkeException>(() => P256Suite.SetupSender(offCurve, enc65)).Error);
        byte[] compressedPrefix = p256.PublicKey.ToArray();
        compressedPrefix[0] = 0x02;
        Assert.Equal(HpkeError.EncapsulationFailed, Assert.Throws<HpkeException>(() => P256Suite.SetupSender(compressedPrefix, enc65)).Error);
        // ML-KEM and X-Wing: a coefficient of 0xFFF ≥ q fails the FIPS 203 §7.2 modulus check.
        foreach (HpkeSuite suite in new[] { MlKemSuite, XWingSuite })
        {
            using HpkePrivateKey key = HpkePrivateKey.Generate(suite.Kem);
            byte[] pk = key.PublicKey.ToArray();
            pk[0] = 0xFF;
            pk[1] |= 0x0F;
            byte[] encPq = new byte[suite.Kem.EncapsulatedKeySizeInBytes], ct = new byte[17];
            Assert.Equal(HpkeError.EncapsulationFailed, Assert.Throws<HpkeException>(() => suite.Seal(pk, [1], encPq, ct)).Error);
            Assert.All(encPq, b => Assert.Equal(0, b));
            Assert.All(ct, b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void X448_LowOrderPoints_AreEncapAndDecapErrors()
    {
        // DHKEM(X448): u = 0, 1 and p − 1 have small order, so DH is all zero and RFC 9180 §7.1.4 says abort.
        var suite = new HpkeSuite(HpkeKem.DhKemX448HkdfSha512, HpkeKdf.HkdfSha512, HpkeAead.Aes256Gcm);
        byte[] one = new byte[56]; one[0] = 1;
        byte[] minusOne = Enumerable.Repeat((byte)0xFF, 56).ToArray(); minusOne[28] = 0xFE; minusOne[0] = 0xFE;
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        foreach (byte[] u in new[] { new byte[56], one, minusOne })
        {
            byte[] enc = new byte[56], ct = new byte[17];
            Assert.Equal(HpkeError.EncapsulationFailed, Assert.Throws<HpkeException>(() => suite.Seal(u, [1], enc, ct)).Error);
            Assert.All(enc, b => Assert.Equal(0, b));
            Assert.Equal(HpkeError.DecapsulationFailed, Assert.Throws<HpkeException>(() => suite.SetupRecipient(skR, u)).Error);
            byte[] pt = [9];
            Assert.False(suite.Open(skR, u, new byte[17], pt));
            Assert.All(pt, b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void InvalidEncapsulatedKeys_AreDecapErrors_OrFalseSingleShot()
    {
        using HpkePrivateKey x = HpkePrivateKey.Generate(X25519Suite.Kem);
        Assert.Equal(HpkeError.DecapsulationFailed, Assert.Throws<HpkeException>(() => X25519Suite.SetupRecipient(x, new byte[32])).Error);
        byte[] pt = [9, 9, 9];
        Assert.False(X25519Suite.Open(x, new byte[32], new byte[19], pt));
        Assert.All(pt, b => Assert.Equal(0, b));

        using HpkePrivateKey p = HpkePrivateKey.Generate(P256Suite.Kem);
        byte[] bad = p.PublicKey.ToArray();
        bad[64] ^= 1;
        Assert.Equal(HpkeError.DecapsulationFailed, Assert.Throws<HpkeException>(() => P256Suite.SetupRecipient(p, bad)).Error);
        Assert.False(P256Suite.Open(p, bad, new byte[16], []));
        // Auth mode: an invalid sender public key.
        using HpkePrivateKey skS = HpkePrivateKey.Generate(P256Suite.Kem);
        byte[] enc = new byte[65];
        using (P256Suite.SetupSender(p.PublicKey, enc, senderKey: skS)) { }
        Assert.Equal(HpkeError.DecapsulationFailed,
            Assert.Throws<HpkeException>(() => P256Suite.SetupRecipient(p, enc, senderPublicKey: bad)).Error);
    }

    [Fact]
    public void Misuse_ThrowsArgumentException()
    {
        using HpkePrivateKey skR = HpkePrivateKey.Generate(X25519Suite.Kem);
        using HpkePrivateKey wrongKem = HpkePrivateKey.Generate(HpkeKem.DhKemP256HkdfSha256);
        using Secret psk = Secret.CreateRandom(32);
        byte[] enc = new byte[32];
        Assert.Throws<ArgumentException>(() => X25519Suite.SetupSender(new byte[31], enc));
        Assert.Throws<ArgumentException>(() => X25519Suite.SetupSender(skR.PublicKey, new byte[33]));
        Assert.Throws<ArgumentException>(() => X25519Suite.SetupSender(skR.PublicKey, enc, psk: psk));          // no psk id
        Assert.Throws<ArgumentException>(() => X25519Suite.SetupSender(skR.PublicKey, enc, pskId: "id"u8));     // no psk
        Assert.Throws<ArgumentException>(() => X25519Suite.SetupSender(skR.PublicKey, enc, senderKey: wrongKem));
        Assert.Throws<ArgumentException>(() => X25519Suite.SetupRecipient(wrongKem, enc));
        Assert.Throws<ArgumentException>(() => X25519Suite.SetupRecipient(skR, enc, senderPublicKey: new byte[31]));
        Assert.Throws<ArgumentException>(() => X25519Suite.Seal(skR.PublicKey, [1, 2], enc, new byte[17]));    // ct must be 18
        Assert.Throws<ArgumentException>(() => X25519Suite.Open(skR, enc, new byte[15], []));                   // shorter than the tag
        Assert.Throws<ArgumentException>(() => X25519Suite.Open(skR, enc, new byte[20], new byte[3]));          // pt must be 4
        Assert.All(enc, b => Assert.Equal(0, b));
        Assert.Throws<ArgumentException>(() => HpkePrivateKey.Import(HpkeKem.XWing, new byte[31]));
        Assert.Throws<ArgumentNullException>(() => new HpkeSuite(null!, HpkeKdf.HkdfSha256, HpkeAead.Aes128Gcm));

        X25519Suite.SetupSender(skR.PublicKey, enc).Dispose();
        using HpkeSenderContext s = X25519Suite.SetupSender(skR.PublicKey, enc);
        Assert.Throws<ArgumentException>(() => s.Export("x"u8, Span<byte>.Empty));
        Assert.Throws<ArgumentException>(() => s.Export("x"u8, new byte[255 * 32 + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Export("x"u8, 0));
        s.Dispose();
        Assert.Throws<ObjectDisposedException>(() => s.Seal([1], new byte[17]));
        Assert.Throws<ObjectDisposedException>(() => s.Export("x"u8, new byte[8]));
        skR.Dispose();
        Assert.Throws<ObjectDisposedException>(() => X25519Suite.SetupRecipient(skR, enc));
    }

    [Fact]
    public void NistScalars_ZeroAndOrderAreRejected()
    {
        byte[] n = Convert.FromHexString("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        Assert.Equal(CryptoError.InvalidPrivateKey, Assert.Throws<CryptoException>(() => HpkePrivateKey.Import(HpkeKem.DhKemP256HkdfSha256, new byte[32])).Error);
        Assert.Equal(CryptoError.InvalidPrivateKey, Assert.Throws<CryptoException>(() => HpkePrivateKey.Import(HpkeKem.DhKemP256HkdfSha256, n)).Error);
        n[^1]--; // n - 1 is the largest valid scalar
        using HpkePrivateKey max = HpkePrivateKey.Import(HpkeKem.DhKemP256HkdfSha256, n);
        Assert.Equal(65, max.PublicKey.Length);
        byte[] p521 = new byte[66];
        p521[0] = 0x02; // above the 521-bit range
        Assert.Equal(CryptoError.InvalidPrivateKey, Assert.Throws<CryptoException>(() => HpkePrivateKey.Import(HpkeKem.DhKemP521HkdfSha512, p521)).Error);
    }

    [Fact]
    public void Exceptions_CarryNoSecretLengthOrBytes()
    {
        using Secret psk = Secret.CreateRandom(37);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(X25519Suite.Kem);
        var e = Assert.Throws<ArgumentException>(() => X25519Suite.SetupSender(skR.PublicKey, new byte[32], psk: psk));
        Assert.DoesNotContain("37", e.Message, StringComparison.Ordinal);
        var h = Assert.Throws<HpkeException>(() => MlKemSuite.SetupSender(new byte[1184].Select(_ => (byte)0xFF).ToArray(), new byte[1088]));
        Assert.Equal(HpkeError.EncapsulationFailed, h.Error);
        Assert.IsAssignableFrom<CryptographicException>(h);
    }
}
