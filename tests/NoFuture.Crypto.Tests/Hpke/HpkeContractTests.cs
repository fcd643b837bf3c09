// Contract tests run over every KEM (docs/conventions.md): round trips in every mode the KEM supports, single-shot and
// context, and "a tampered input changes nothing": a modified enc, ciphertext, AAD, info or PSK makes Open return false
// with the destination cleared, and a context's sequence number does not move on a failed Open.
using System.Security.Cryptography;
using NoFuture.Crypto.Hpke;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Hpke;

public class HpkeContractTests
{
    public static TheoryData<int> Kems() => new() { 0x0010, 0x0011, 0x0012, 0x0020, 0x0021, 0x0040, 0x0041, 0x0042, 0x647a, 0x0050, 0x0051 };

    private static HpkeSuite SuiteFor(int kemId, HpkeAead? aead = null) =>
        new(HpkeKem.FromId((ushort)kemId)!, kemId == 0x647a ? HpkeKdf.Shake256 : HpkeKdf.HkdfSha256, aead ?? HpkeAead.ChaCha20Poly1305);

    private static byte[] Message(int length) => RandomNumberGenerator.GetBytes(length);

    [Theory]
    [MemberData(nameof(Kems))]
    public void SingleShot_RoundTrip_AndEveryTamperFails(int kemId)
    {
        HpkeSuite suite = SuiteFor(kemId);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        byte[] pt = Message(100), info = "info"u8.ToArray(), aad = "aad"u8.ToArray();
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes], ct = new byte[suite.GetCiphertextSize(pt.Length)];
        suite.Seal(skR.PublicKey, pt, enc, ct, info, aad);

        byte[] opened = new byte[pt.Length];
        Assert.True(suite.Open(skR, enc, ct, opened, info, aad));
        Assert.Equal(pt, opened);

        AssertOpenFails(suite, skR, Flip(enc, enc.Length / 2), ct, info, aad);
        AssertOpenFails(suite, skR, enc, Flip(ct, 3), info, aad);
        AssertOpenFails(suite, skR, enc, Flip(ct, ct.Length - 1), info, aad); // the tag
        AssertOpenFails(suite, skR, enc, ct, info, Flip(aad, 0));
        AssertOpenFails(suite, skR, enc, ct, Flip(info, 1), aad);
        using HpkePrivateKey other = HpkePrivateKey.Generate(suite.Kem);
        AssertOpenFails(suite, other, enc, ct, info, aad);
        using Secret psk = Secret.CreateRandom(32);
        AssertOpenFails(suite, skR, enc, ct, info, aad, psk, "id"u8.ToArray());
    }

    [Theory]
    [MemberData(nameof(Kems))]
    public void PskMode_RoundTrip_WrongPskOrIdFails(int kemId)
    {
        HpkeSuite suite = SuiteFor(kemId, HpkeAead.Aes256Gcm);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        using Secret psk = Secret.CreateRandom(32), wrong = Secret.CreateRandom(32);
        byte[] pskId = "client 7"u8.ToArray(), pt = Message(33);
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes], ct = new byte[suite.GetCiphertextSize(pt.Length)];
        suite.Seal(skR.PublicKey, pt, enc, ct, psk: psk, pskId: pskId);
        byte[] opened = new byte[pt.Length];
        Assert.True(suite.Open(skR, enc, ct, opened, psk: psk, pskId: pskId));
        Assert.Equal(pt, opened);
        AssertOpenFails(suite, skR, enc, ct, default, default, wrong, pskId);
        AssertOpenFails(suite, skR, enc, ct, default, default, psk, "client 8"u8.ToArray());
        AssertOpenFails(suite, skR, enc, ct, default, default); // base mode
    }

    [Theory]
    [MemberData(nameof(Kems))]
    public void AuthModes_WorkForDhKems_AndAreRefusedOtherwise(int kemId)
    {
        HpkeSuite suite = SuiteFor(kemId);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem), skS = HpkePrivateKey.Generate(suite.Kem);
        byte[] pt = Message(10), enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes], ct = new byte[suite.GetCiphertextSize(pt.Length)];
        using Secret psk = Secret.CreateRandom(32);
        if (!suite.Kem.SupportsAuthentication)
        {
            // The caller chose the KEM and the mode: a caller mistake, never the hostile-input type.
            Assert.Equal("senderKey", Assert.Throws<ArgumentException>(() => suite.Seal(skR.PublicKey, pt, enc, ct, senderKey: skS)).ParamName);
            Assert.Equal("senderPublicKey", Assert.Throws<ArgumentException>(() => suite.SetupRecipient(skR, enc, senderPublicKey: skS.PublicKey)).ParamName);
            Assert.Throws<ArgumentException>(() => suite.SetupSender(skR.PublicKey, enc, psk: psk, pskId: "i"u8.ToArray(), senderKey: skS));
            Assert.All(enc, b => Assert.Equal(0, b)); // refused before anything was written
            return;
        }
        foreach (bool withPsk in new[] { false, true })
        {
            byte[]? pskId = withPsk ? "id"u8.ToArray() : null;
            using HpkeSenderContext s = suite.SetupSender(skR.PublicKey, enc, "i"u8, withPsk ? psk : null, pskId, skS);
            Assert.Equal(withPsk ? HpkeMode.AuthPsk : HpkeMode.Auth, s.Mode);
            s.Seal(pt, ct);
            byte[] opened = new byte[pt.Length];
            Assert.True(suite.Open(skR, enc, ct, opened, "i"u8, default, withPsk ? psk : null, pskId, skS.PublicKey));
            Assert.Equal(pt, opened);
            using HpkePrivateKey impostor = HpkePrivateKey.Generate(suite.Kem);
            AssertOpenFails(suite, skR, enc, ct, "i"u8.ToArray(), default, withPsk ? psk : null, pskId, impostor.PublicKey.ToArray());
            AssertOpenFails(suite, skR, enc, ct, "i"u8.ToArray(), default, withPsk ? psk : null, pskId); // not authenticated
        }
    }

    [Theory]
    [MemberData(nameof(Kems))]
    public void Context_ManyMessages_SequenceMisuseAndTamperChangeNothing(int kemId)
    {
        HpkeSuite suite = SuiteFor(kemId, HpkeAead.Aes128Gcm);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes];
        using HpkeSenderContext s = suite.SetupSender(skR.PublicKey, enc, "ctx"u8);
        using HpkeRecipientContext r = suite.SetupRecipient(skR, enc, "ctx"u8);
        byte[][] pts = [.. Enumerable.Range(0, 5).Select(i => Message(i * 7))];
        byte[][] cts = [.. pts.Select(p => new byte[p.Length + 16])];
        for (int i = 0; i < pts.Length; i++) s.Seal(pts[i], cts[i], "a"u8);
        Assert.Equal(5ul, s.SequenceNumber);
        Assert.NotEqual(cts[1], cts[2][..cts[1].Length]); // distinct nonces

        // Out of order: message 1 before 0 fails and leaves the sequence number at 0.
        byte[] buffer = new byte[pts[1].Length];
        Array.Fill(buffer, (byte)0xAA);
        Assert.False(r.Open(cts[1], buffer, "a"u8));
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Equal(0ul, r.SequenceNumber);
        // Tampered message 0 and wrong AAD fail too, nothing moves.
        Assert.False(r.Open(Flip(cts[0], 0), new byte[pts[0].Length], "a"u8));
        Assert.False(r.Open(cts[0], new byte[pts[0].Length], "b"u8));
        Assert.Equal(0ul, r.SequenceNumber);
        // In order, everything opens.
        for (int i = 0; i < pts.Length; i++)
        {
            byte[] opened = new byte[pts[i].Length];
            Assert.True(r.Open(cts[i], opened, "a"u8), $"message {i}");
            Assert.Equal(pts[i], opened);
        }
        Assert.False(r.Open(cts[4], new byte[pts[4].Length], "a"u8)); // replay
        Assert.Equal(5ul, r.SequenceNumber);

        // Both sides export the same secrets; different contexts and lengths give different ones.
        byte[] e1 = new byte[32], e2 = new byte[32], e3 = new byte[32];
        s.Export("label"u8, e1);
        using (Secret fromRecipient = r.Export("label"u8, 32)) Assert.True(fromRecipient.FixedTimeEquals(e1));
        s.Export("label2"u8, e2);
        Assert.NotEqual(e1, e2);
        using HpkeSenderContext s2 = suite.SetupSender(skR.PublicKey, enc, "ctx"u8);
        s2.Export("label"u8, e3);
        Assert.NotEqual(e1, e3); // fresh encapsulation, fresh secrets
    }

    [Theory]
    [MemberData(nameof(Kems))]
    public void Keys_DeriveIsDeterministic_ImportRoundTrips(int kemId)
    {
        HpkeKem kem = HpkeKem.FromId((ushort)kemId)!;
        byte[] ikm = RandomNumberGenerator.GetBytes(kem.PrivateKeySizeInBytes);
        using HpkePrivateKey a = HpkePrivateKey.DeriveKeyPair(kem, ikm, exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        using Secret ikmSecret = Secret.CopyFrom(ikm);
        using HpkePrivateKey b = HpkePrivateKey.DeriveKeyPair(kem, ikmSecret);
        Assert.Equal(a.PublicKey.ToArray(), b.PublicKey.ToArray());
        Assert.Equal(kem.PublicKeySizeInBytes, a.PublicKey.Length);
        using Secret exported = a.ExportPrivateKey();
        Assert.Equal(kem.PrivateKeySizeInBytes, exported.Length);
        using HpkePrivateKey c = HpkePrivateKey.Import(kem, exported);
        Assert.Equal(a.PublicKey.ToArray(), c.PublicKey.ToArray());
        ikm[0] ^= 1;
        using HpkePrivateKey d = HpkePrivateKey.DeriveKeyPair(kem, ikm);
        Assert.NotEqual(a.PublicKey.ToArray(), d.PublicKey.ToArray());
        Assert.DoesNotContain("0x", a.ToString(), StringComparison.Ordinal);
        Assert.Equal($"HpkePrivateKey {kem.Name}", a.ToString());
        a.Dispose();
        Assert.Throws<ObjectDisposedException>(() => a.PublicKey.Length);
        Assert.Throws<ObjectDisposedException>(() => a.ExportPrivateKey());
    }

    private static byte[] Flip(byte[] data, int index)
    {
        byte[] copy = (byte[])data.Clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static void AssertOpenFails(HpkeSuite suite, HpkePrivateKey skR, byte[] enc, byte[] ct, byte[]? info, byte[]? aad,
        Secret? psk = null, byte[]? pskId = null, byte[]? pkS = null)
    {
        byte[] plaintext = new byte[ct.Length - suite.Aead.TagSizeInBytes];
        Array.Fill(plaintext, (byte)0x5A);
        Assert.False(suite.Open(skR, enc, ct, plaintext, info, aad, psk, pskId, pkS));
        Assert.All(plaintext, b => Assert.Equal(0, b));
    }
}
