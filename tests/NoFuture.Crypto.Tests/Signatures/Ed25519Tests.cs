// Ed25519: every case of Wycheproof ed25519_test.json (C2SP/wycheproof @ dac1dd47, testvectors_v1; see
// shared/vectors/SOURCES.md), RFC 8032 §7.1 TEST 1–3, and misuse. The file has only "valid" and "invalid" results
// (no "acceptable"); invalid signatures of the wrong length must give false, not an exception. Through
// SignatureAlgorithm.Ed25519 (one shot and an imported SignaturePublicKey, which must agree) and SigningKey.
using System.Text.Json;
using NoFuture.Memory;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Signatures;

public class Ed25519Tests
{
    [Fact]
    public void Wycheproof_EveryCase()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("ed25519/ed25519_test.json")));
        int valid = 0, invalid = 0;
        var failures = new List<string>();
        int imported = 0;
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            byte[] pk = Convert.FromHexString(group.GetProperty("publicKey").GetProperty("pk").GetString()!);
            SignaturePublicKey? key = TryImport(pk);
            if (key is not null) imported++;
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                int id = test.GetProperty("tcId").GetInt32();
                byte[] msg = Convert.FromHexString(test.GetProperty("msg").GetString()!);
                byte[] sig = Convert.FromHexString(test.GetProperty("sig").GetString()!);
                string result = test.GetProperty("result").GetString()!;
                bool ok = SignatureAlgorithm.Ed25519.Verify(pk, msg, sig);
                if (key is not null && key.Verify(msg, sig) != ok) failures.Add($"tcId {id}: SignaturePublicKey.Verify disagrees");
                switch (result)
                {
                    case "valid" when ok: valid++; break;
                    case "invalid" when !ok: invalid++; break;
                    default: failures.Add($"tcId {id} ({result}): verify={ok}"); break;
                }
            }
        }
        Assert.Empty(failures);
        TestContext.Current.TestOutputHelper?.WriteLine($"ed25519: {valid} valid, {invalid} invalid; {imported} group keys import");
        Assert.True(imported > 0);
        // Counted from the file, apart from the run: every case ran with the verdict the file gives it.
        VectorCount.AllRan(valid + invalid, VectorCount.Wycheproof(doc.RootElement), "ed25519");
        Assert.Equal(VectorCount.WycheproofResult(doc.RootElement, "valid"), valid);
    }

    [Theory]
    // RFC 8032 §7.1, TEST 1, TEST 2, TEST 3.
    [InlineData("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    [InlineData("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")]
    public void Rfc8032_Section7_1(string seedHex, string pkHex, string msgHex, string sigHex)
    {
        using Secret seed = Secret.CopyFrom(Convert.FromHexString(seedHex));
        using SigningKey key = SignatureAlgorithm.Ed25519.ImportPrivateKey(seed, exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        Assert.Equal(Convert.FromHexString(pkHex), key.PublicKey.ToArray());
        byte[] msg = Convert.FromHexString(msgHex);
        byte[] sig = new byte[64];
        Assert.Equal(64, key.Sign(msg, sig));
        Assert.Equal(Convert.FromHexString(sigHex), sig);
        Assert.Equal(sig, key.Sign(msg));
        Assert.True(SignatureAlgorithm.Ed25519.Verify(key.PublicKey, msg, sig));
        sig[0] ^= 1;
        Assert.False(SignatureAlgorithm.Ed25519.Verify(key.PublicKey, msg, sig));

        using Secret exported = key.ExportPrivateKey();
        Assert.True(exported.FixedTimeEquals(seed));
    }

    [Fact]
    public void Generate_SignVerify()
    {
        using SigningKey key = SignatureAlgorithm.Ed25519.GenerateKey();
        byte[] msg = "hello"u8.ToArray();
        byte[] sig = key.Sign(msg);
        Assert.True(SignatureAlgorithm.Ed25519.Verify(key.PublicKey, msg, sig));
        Assert.True(SignatureAlgorithm.Ed25519.ImportPublicKey(key.PublicKey).Verify(msg, sig));
        msg[0] ^= 1;
        Assert.False(SignatureAlgorithm.Ed25519.Verify(key.PublicKey, msg, sig));
        Assert.Equal("SigningKey Ed25519", key.ToString());
    }

    [Fact]
    public void ImportPublicKey_RefusesSmallOrderNonCanonicalAndOffCurve()
    {
        byte[] identity = new byte[32];
        identity[0] = 1; // y = 1: the neutral element, small order
        byte[] nonCanonical = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        nonCanonical[31] = 0x7F; // y = 2^255 - 1 ≥ p
        foreach (byte[] bad in new[] { identity, nonCanonical, new byte[32] })
        {
            Assert.Equal(CryptoError.InvalidPublicKey,
                Assert.Throws<CryptoException>(() => SignatureAlgorithm.Ed25519.ImportPublicKey(bad)).Error);
            Assert.False(SignatureAlgorithm.Ed25519.Verify(bad, [], new byte[64]));
        }
    }

    [Fact]
    public void Misuse_Throws()
    {
        SignatureAlgorithm ed25519 = SignatureAlgorithm.Ed25519;
        Assert.Throws<ArgumentException>(() => ed25519.ImportPrivateKey(new byte[31]));
        using Secret wrong = Secret.Allocate(64);
        Assert.Throws<ArgumentException>(() => ed25519.ImportPrivateKey(wrong));
        Assert.Throws<ArgumentException>(() => ed25519.Verify(new byte[31], [], new byte[64]));
        Assert.False(ed25519.Verify(new byte[32], [], new byte[63]));

        SigningKey key = ed25519.GenerateKey();
        Assert.Throws<ArgumentException>(() => key.Sign([], new byte[63]));
        byte[] buffer = new byte[100];
        Assert.Throws<ArgumentException>(() => key.Sign(buffer.AsSpan(0, 50), buffer.AsSpan(10, 64)));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Sign([], new byte[64]));
        Assert.Throws<ObjectDisposedException>(() => key.ExportPrivateKey());
    }

    [Fact]
    public void SignAndVerify_SpanForms_AllocateNothingOnTheManagedHeap()
    {
        using SigningKey key = SignatureAlgorithm.Ed25519.GenerateKey();
        byte[] pk = key.ExportPublicKey(), msg = new byte[1024], sig = new byte[64];
        SignaturePublicKey imported = SignatureAlgorithm.Ed25519.ImportPublicKey(pk);
        key.Sign(msg, sig); // warm up (JIT, libsodium initialisation)
        Assert.True(imported.Verify(msg, sig) && SignatureAlgorithm.Ed25519.Verify(pk, msg, sig) && key.TrySign(msg, sig, out _));

        bool allOk = true;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            key.Sign(msg, sig);
            allOk &= key.TrySign(msg, sig, out _);
            allOk &= imported.Verify(msg, sig);
            allOk &= SignatureAlgorithm.Ed25519.Verify(pk, msg, sig);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(allOk);
    }

    private static SignaturePublicKey? TryImport(byte[] pk)
    {
        try
        {
            return SignatureAlgorithm.Ed25519.ImportPublicKey(pk);
        }
        catch (CryptoException e) when (e.Error == CryptoError.InvalidPublicKey)
        {
            return null;
        }
    }
}
