// Ed448 / Ed448ph (RFC 8032 §5.2): every vector of shared/vectors/ed448/rfc8032.json (RFC 8032 §7.4 and §7.5, with
// contexts), every case of Wycheproof ed448_test.json (see shared/vectors/SOURCES.md), 1,000 random cases against
// BouncyCastle's Ed448Signer / Ed448phSigner (test-only oracle), misuse, and no allocation in sign and verify; all through
// SignatureAlgorithm.Ed448 / Ed448ph, SigningKey and SignaturePublicKey.
using System.Security.Cryptography;
using System.Text.Json;
using NoFuture.Crypto.Curves.Curve448;
using NoFuture.Memory;
using NoFuture.Tests.Shared;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace NoFuture.Crypto.Tests.Signatures;

public class Ed448Tests
{
    [Fact]
    public void Rfc8032_EveryVector()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("ed448/rfc8032.json")));
        int ran = 0, inFile = 0;
        foreach (JsonElement v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            inFile++;
            string name = v.GetProperty("name").GetString()!;
            bool ph = v.GetProperty("algorithm").GetString() switch
            {
                "Ed448" => false,
                "Ed448ph" => true,
                var other => throw new InvalidOperationException($"unknown algorithm {other}"),
            };
            byte[] sk = Convert.FromHexString(v.GetProperty("secret_key_hex").GetString()!);
            byte[] pk = Convert.FromHexString(v.GetProperty("public_key_hex").GetString()!);
            byte[] msg = Convert.FromHexString(v.GetProperty("message_hex").GetString()!);
            byte[] ctx = Convert.FromHexString(v.GetProperty("context_hex").GetString()!);
            byte[] expected = Convert.FromHexString(v.GetProperty("signature_hex").GetString()!);
            Assert.Equal(v.GetProperty("message_length").GetInt32(), msg.Length);

            using Secret seed = Secret.CopyFrom(sk);
            using SigningKey key = Alg(ph).ImportPrivateKey(seed, exportPolicy: KeyExportPolicies.AllowPlaintextExport);
            Assert.True(pk.AsSpan().SequenceEqual(key.PublicKey), $"{name}: public key");

            byte[] sig = new byte[Alg(ph).SignatureSizeInBytes];
            Assert.Equal(114, key.Sign(msg, sig, ctx));
            if (ctx.Length == 0) Assert.Equal(sig, key.Sign(msg));
            Assert.True(expected.AsSpan().SequenceEqual(sig), $"{name}: signature");

            Assert.True(Verify(ph, pk, msg, sig, ctx), $"{name}: verify");
            // The other algorithm, another context, a flipped bit anywhere: all rejected.
            Assert.False(Verify(!ph, pk, msg, sig, ctx), $"{name}: verified as the other algorithm");
            Assert.False(Verify(ph, pk, msg, sig, [.. ctx, 0x00]), $"{name}: verified under another context");
            for (int bit = 0; bit < sig.Length * 8; bit += 37)
            {
                sig[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.False(Verify(ph, pk, msg, sig, ctx), $"{name}: bit {bit} flipped still verifies");
                sig[bit / 8] ^= (byte)(1 << (bit % 8));
            }
            if (msg.Length > 0)
            {
                msg[0] ^= 1;
                Assert.False(Verify(ph, pk, msg, sig, ctx), $"{name}: changed message verifies");
            }

            using Secret exported = key.ExportPrivateKey();
            Assert.True(exported.FixedTimeEquals(seed));
            ran++;
        }
        VectorCount.AllRan(ran, inFile, "ed448 rfc8032");
    }

    private static SignatureAlgorithm Alg(bool ph) => ph ? SignatureAlgorithm.Ed448ph : SignatureAlgorithm.Ed448;

    // Both verify paths: the one-shot form and an imported SignaturePublicKey must agree on every input.
    private static bool Verify(bool ph, byte[] pk, byte[] msg, byte[] sig, byte[] ctx)
    {
        bool oneShot = Alg(ph).Verify(pk, msg, sig, ctx);
        if (IsValid(pk)) Assert.Equal(oneShot, Alg(ph).ImportPublicKey(pk).Verify(msg, sig, ctx));
        return oneShot;
    }

    private static bool IsValid(byte[] pk)
    {
        try
        {
            SignatureAlgorithm.Ed448.ImportPublicKey(pk);
            return true;
        }
        catch (CryptoException e) when (e.Error == CryptoError.InvalidPublicKey)
        {
            return false;
        }
    }

    [Fact]
    public void Wycheproof_EveryCase()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("ed448/ed448_test.json")));
        int valid = 0, invalid = 0;
        var failures = new List<string>();
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            byte[] pk = Convert.FromHexString(group.GetProperty("publicKey").GetProperty("pk").GetString()!);
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                int id = test.GetProperty("tcId").GetInt32();
                byte[] msg = Convert.FromHexString(test.GetProperty("msg").GetString()!);
                byte[] sig = Convert.FromHexString(test.GetProperty("sig").GetString()!);
                string result = test.GetProperty("result").GetString()!;
                bool ok = Verify(false, pk, msg, sig, []);
                switch (result)
                {
                    case "valid" when ok: valid++; break;
                    case "invalid" when !ok: invalid++; break;
                    default: failures.Add($"tcId {id} ({result}): verify={ok}"); break;
                }
            }
        }
        Assert.Empty(failures);
        TestContext.Current.TestOutputHelper?.WriteLine($"ed448: {valid} valid, {invalid} invalid");
        VectorCount.AllRan(valid + invalid, VectorCount.Wycheproof(doc.RootElement), "ed448");
        Assert.Equal(VectorCount.WycheproofResult(doc.RootElement, "valid"), valid);
    }

    // RFC 8032 §5.2.7 allows the cofactored check ([4]-multiplied) or the cofactorless one; we ship cofactorless
    // (Ed448Core). This pins that Wycheproof's verdicts do not depend on the choice, for every case in the file.
    [Fact]
    public void Wycheproof_CofactoredAndCofactorlessAgree()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(VectorFiles.Find("ed448/ed448_test.json")));
        int compared = 0;
        foreach (JsonElement group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            byte[] pk = Convert.FromHexString(group.GetProperty("publicKey").GetProperty("pk").GetString()!);
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                byte[] msg = Convert.FromHexString(test.GetProperty("msg").GetString()!);
                byte[] sig = Convert.FromHexString(test.GetProperty("sig").GetString()!);
                bool expected = test.GetProperty("result").GetString() == "valid";
                if (sig.Length == SignatureAlgorithm.Ed448.SignatureSizeInBytes)
                {
                    Assert.Equal(expected, Ed448Core.Verify(pk, 0, default, msg, sig));
                    Assert.Equal(expected, Ed448Core.VerifyCofactored(pk, 0, default, msg, sig));
                }
                compared++;
            }
        }
        VectorCount.AllRan(compared, VectorCount.Wycheproof(doc.RootElement), "ed448 cofactor");
    }

    [Fact]
    public void BouncyCastle_1000RandomCases_SameSignaturesBothWays()
    {
        var rng = new Random(8032_448);
        byte[] seedBytes = new byte[57];
        for (int n = 0; n < 1000; n++)
        {
            rng.NextBytes(seedBytes);
            byte[] msg = new byte[rng.Next(n % 10 == 0 ? 600 : 80)];
            rng.NextBytes(msg);
            byte[] ctx = new byte[n % 3 == 0 ? 0 : rng.Next(256)];
            rng.NextBytes(ctx);
            bool ph = n % 2 == 1;

            using SigningKey ours = Alg(ph).ImportPrivateKey(seedBytes);
            var bcPriv = new Ed448PrivateKeyParameters(seedBytes, 0);
            byte[] bcPub = bcPriv.GeneratePublicKey().GetEncoded();
            Assert.Equal(bcPub, ours.PublicKey.ToArray());

            byte[] sig = new byte[114];
            ours.Sign(msg, sig, ctx);

            Org.BouncyCastle.Crypto.ISigner signer = ph ? new Ed448phSigner(ctx) : new Ed448Signer(ctx);
            signer.Init(true, bcPriv);
            signer.BlockUpdate(msg, 0, msg.Length);
            byte[] bcSig = signer.GenerateSignature();
            Assert.True(bcSig.AsSpan().SequenceEqual(sig), $"case {n} (ph={ph}): signatures differ");

            Org.BouncyCastle.Crypto.ISigner verifier = ph ? new Ed448phSigner(ctx) : new Ed448Signer(ctx);
            verifier.Init(false, new Ed448PublicKeyParameters(bcPub, 0));
            verifier.BlockUpdate(msg, 0, msg.Length);
            Assert.True(verifier.VerifySignature(sig), $"case {n}: BouncyCastle rejects ours");
            Assert.True(Verify(ph, bcPub, msg, bcSig, ctx), $"case {n}: we reject BouncyCastle's");

            // A corrupted signature: both reject.
            sig[rng.Next(114)] ^= (byte)(1 << rng.Next(8));
            verifier.Init(false, new Ed448PublicKeyParameters(bcPub, 0));
            verifier.BlockUpdate(msg, 0, msg.Length);
            bool bcAccepts = verifier.VerifySignature(sig);
            Assert.Equal(bcAccepts, Verify(ph, bcPub, msg, sig, ctx));
            Assert.False(bcAccepts, $"case {n}: corrupted signature accepted");
        }
    }

    [Fact]
    public void Generate_SignVerify_ExportPolicy()
    {
        using SigningKey key = SignatureAlgorithm.Ed448.GenerateKey();
        using SigningKey phKey = SignatureAlgorithm.Ed448ph.GenerateKey();
        byte[] msg = "hello"u8.ToArray();
        byte[] sig = key.Sign(msg);
        Assert.True(SignatureAlgorithm.Ed448.Verify(key.PublicKey, msg, sig));
        Assert.True(SignatureAlgorithm.Ed448ph.Verify(phKey.PublicKey, msg, phKey.Sign(msg)));
        Assert.False(SignatureAlgorithm.Ed448ph.Verify(key.PublicKey, msg, sig));
        Assert.True(IsValid(key.PublicKey.ToArray()));
        Assert.True(SignatureAlgorithm.Ed448.ImportPublicKey(key.ExportPublicKey()).Verify(msg, sig));
        Assert.Equal("SigningKey Ed448", key.ToString());
        Assert.Equal(KeyExportPolicies.None, key.ExportPolicy);
        Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey());
        Assert.Throws<InvalidOperationException>(() => key.ExportPrivateKey(new byte[57]));

        byte[] big = new byte[200];
        Assert.True(key.TrySign(msg, big, out int written, "ctx"u8));
        Assert.Equal(114, written);
        Assert.True(SignatureAlgorithm.Ed448.Verify(key.PublicKey, msg, big.AsSpan(0, 114), "ctx"u8));
        Assert.False(key.TrySign(msg, new byte[113], out written));
        Assert.Equal(0, written);
        Assert.True(key.TryExportPublicKey(big, out written));
        Assert.Equal(57, written);
    }

    [Fact]
    public void PublicKeyChecks_RejectNonCanonicalAndOffCurve()
    {
        using SigningKey key = SignatureAlgorithm.Ed448.GenerateKey();
        byte[] pk = key.ExportPublicKey();
        // Bits 448–454 set: y ≥ 2^448 > p.
        byte[] high = (byte[])pk.Clone();
        high[56] |= 0x01;
        Assert.False(IsValid(high));
        // y = p (non-canonical encoding of 0... the all-ones-but-limb-4 pattern): rejected though y mod p = 0 would decode.
        byte[] yIsP = new byte[57];
        yIsP.AsSpan(0, 56).Fill(0xFF);
        yIsP[28] = 0xFE;
        Assert.False(IsValid(yIsP));
        // y = 1 gives x = 0: the sign bit set is "negative zero", rejected; clear it is the identity, which decodes.
        byte[] one = new byte[57];
        one[0] = 1;
        Assert.True(IsValid(one));
        one[56] = 0x80;
        Assert.False(IsValid(one));
        Assert.Equal(CryptoError.InvalidPublicKey, Assert.Throws<CryptoException>(() => SignatureAlgorithm.Ed448ph.ImportPublicKey(one)).Error);
        // Some y has no x (about half do): find one and check it is refused.
        byte[] probe = new byte[57];
        bool foundOffCurve = false;
        for (byte b = 2; b < 40 && !foundOffCurve; b++)
        {
            probe[0] = b;
            foundOffCurve = !IsValid(probe);
        }
        Assert.True(foundOffCurve);
        Assert.Equal(CryptoError.InvalidPublicKey, Assert.Throws<CryptoException>(() => SignatureAlgorithm.Ed448.ImportPublicKey(probe)).Error);
        Assert.False(SignatureAlgorithm.Ed448.Verify(probe, [], new byte[114]));
        Assert.Throws<ArgumentException>(() => SignatureAlgorithm.Ed448.ImportPublicKey(new byte[56]));
    }

    [Fact]
    public void Misuse_Throws()
    {
        SignatureAlgorithm ed448 = SignatureAlgorithm.Ed448;
        Assert.Throws<ArgumentException>(() => ed448.ImportPrivateKey(new byte[56]));
        using (Secret wrong = Secret.Allocate(32))
            Assert.Throws<ArgumentException>(() => ed448.ImportPrivateKey(wrong));
        Assert.Throws<ArgumentOutOfRangeException>(() => ed448.GenerateKey(exportPolicy: (KeyExportPolicies)8));
        Assert.Throws<ArgumentException>(() => ed448.Verify(new byte[56], [], new byte[114]));
        Assert.False(ed448.Verify(new byte[57], [], new byte[113]));
        Assert.False(ed448.Verify(new byte[57], [], new byte[115]));
        Assert.Throws<ArgumentException>(() => ed448.Verify(new byte[57], [], new byte[114], new byte[256]));
        Assert.Throws<ArgumentException>(() => SignatureAlgorithm.Ed448ph.Verify(new byte[57], [], new byte[114], new byte[256]));

        SigningKey key = ed448.GenerateKey();
        using SigningKey phKey = SignatureAlgorithm.Ed448ph.GenerateKey();
        Assert.Throws<ArgumentException>(() => key.Sign([], new byte[113]));
        Assert.Throws<ArgumentException>(() => key.Sign([], new byte[114], new byte[256]));
        Assert.Throws<ArgumentException>(() => phKey.Sign([], new byte[114], new byte[256]));
        Assert.Throws<ArgumentException>(() => key.TrySign([], new byte[114], out _, new byte[256]));
        key.Sign([], new byte[114], new byte[255]); // 255 is allowed
        byte[] buffer = new byte[300];
        Assert.Throws<ArgumentException>(() => key.Sign(buffer.AsSpan(0, 50), buffer.AsSpan(10, 114)));
        Assert.Throws<ArgumentException>(() => key.Sign([], buffer.AsSpan(0, 114), buffer.AsSpan(100, 20)));
        // A refused call writes nothing.
        byte[] untouched = new byte[114];
        Assert.Throws<ArgumentException>(() => key.Sign([], untouched, new byte[256]));
        Assert.All(untouched, b => Assert.Equal(0, b));
        Assert.Throws<ArgumentException>(() => key.ExportPublicKey(new byte[56]));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Sign([], new byte[114]));
        Assert.Throws<ObjectDisposedException>(() => key.ExportPrivateKey());
        Assert.Throws<ObjectDisposedException>(() => _ = key.PublicKey.Length);
    }

    [Fact]
    public void SignAndVerify_AllocateNothingOnTheManagedHeap()
    {
        using SigningKey key = SignatureAlgorithm.Ed448.GenerateKey();
        using SigningKey phKey = SignatureAlgorithm.Ed448ph.GenerateKey();
        byte[] pk = key.ExportPublicKey(), phPk = phKey.ExportPublicKey(), msg = new byte[100], ctx = "context"u8.ToArray(), sig = new byte[114];
        SignaturePublicKey imported = SignatureAlgorithm.Ed448.ImportPublicKey(pk);
        // Warm up (JIT, the base-point table, secret-memory first touch).
        key.Sign(msg, sig, ctx);
        Assert.True(SignatureAlgorithm.Ed448.Verify(pk, msg, sig, ctx));
        Assert.True(imported.Verify(msg, sig, ctx));
        phKey.Sign(msg, sig, ctx);
        Assert.True(SignatureAlgorithm.Ed448ph.Verify(phPk, msg, sig, ctx));

        bool allOk = true;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            key.Sign(msg, sig, ctx);
            allOk &= SignatureAlgorithm.Ed448.Verify(pk, msg, sig, ctx);
            allOk &= imported.Verify(msg, sig, ctx);
            phKey.Sign(msg, sig, ctx);
            allOk &= SignatureAlgorithm.Ed448ph.Verify(phPk, msg, sig, ctx);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(allOk);
    }
}
