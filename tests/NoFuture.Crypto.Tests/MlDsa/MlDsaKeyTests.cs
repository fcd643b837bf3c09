// MlDsaKey's public behaviour: round trips for every creation path, the export policy, public-only keys, HashML-DSA
// OIDs, the expanded-key import checks, disposal, and that no signature altered at a single byte verifies.
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.MlDsa;

public class MlDsaKeyTests
{
    public static TheoryData<string> Sets => new() { "ML-DSA-44", "ML-DSA-65", "ML-DSA-87" };

    private static MLDsaAlgorithm Algorithm(string name) => name switch
    {
        "ML-DSA-44" => MLDsaAlgorithm.MLDsa44,
        "ML-DSA-65" => MLDsaAlgorithm.MLDsa65,
        _ => MLDsaAlgorithm.MLDsa87,
    };

    private static readonly byte[] Message = "NoFuture ML-DSA"u8.ToArray();

    [Theory]
    [MemberData(nameof(Sets))]
    public void GeneratedKeySignsAndVerifiesWithAndWithoutContext(string name)
    {
        MLDsaAlgorithm algorithm = Algorithm(name);
        using MlDsaKey key = MlDsaKey.Generate(algorithm);
        Assert.True(key.HasPrivateKey);
        Assert.True(key.HasPrivateSeed);
        byte[] context = [1, 2, 3];
        byte[] sig = key.SignData(Message, context);
        Assert.Equal(algorithm.SignatureSizeInBytes, sig.Length);
        Assert.True(key.VerifyData(Message, sig, context));
        Assert.False(key.VerifyData(Message, sig)); // another context is another message
        Assert.False(key.VerifyData("NoFuture ML-DSB"u8.ToArray(), sig, context));
        byte[] again = key.SignData(Message, context);
        Assert.NotEqual(sig, again); // hedged: fresh rnd each time
        Assert.True(key.VerifyData(Message, again, context));
        using MlDsaKey publicOnly = MlDsaKey.ImportPublicKey(algorithm, key.ExportMLDsaPublicKey());
        Assert.False(publicOnly.HasPrivateKey);
        Assert.True(publicOnly.VerifyData(Message, sig, context));
        Assert.Throws<InvalidOperationException>(() => publicOnly.SignData(Message));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void SeedAndExpandedKeyExportsRoundTripOnlyWhenAllowed(string name)
    {
        MLDsaAlgorithm algorithm = Algorithm(name);
        using MlDsaKey locked = MlDsaKey.Generate(algorithm);
        Assert.Throws<InvalidOperationException>(() => locked.ExportMLDsaPrivateSeed());
        Assert.Throws<InvalidOperationException>(() => locked.ExportMLDsaPrivateKey());
        using MlDsaKey key = MlDsaKey.Generate(algorithm, KeyExportPolicies.AllowPlaintextExport);
        byte[] seed = key.ExportMLDsaPrivateSeed();
        byte[] sk = key.ExportMLDsaPrivateKey();
        byte[] pk = key.ExportMLDsaPublicKey();
        using MlDsaKey fromSeed = MlDsaKey.ImportPrivateSeed(algorithm, seed);
        using Secret seedSecret = Secret.CopyFrom(seed);
        using MlDsaKey fromSeedSecret = MlDsaKey.ImportPrivateSeed(algorithm, seedSecret, KeyExportPolicies.AllowPlaintextExport);
        using MlDsaKey fromSk = MlDsaKey.ImportPrivateKey(algorithm, sk, KeyExportPolicies.AllowPlaintextExport);
        Assert.Equal(pk, fromSeed.ExportMLDsaPublicKey());
        Assert.Equal(sk, fromSeedSecret.ExportMLDsaPrivateKey());
        Assert.Equal(pk, fromSk.ExportMLDsaPublicKey());
        Assert.Equal(sk, fromSk.ExportMLDsaPrivateKey());
        Assert.False(fromSk.HasPrivateSeed);
        Assert.Throws<InvalidOperationException>(() => fromSk.ExportMLDsaPrivateSeed());
        Assert.True(key.VerifyData(Message, fromSk.SignData(Message)));
        Assert.Throws<InvalidOperationException>(() => MlDsaKey.ImportPublicKey(algorithm, pk).ExportMLDsaPrivateKey());
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void ExpandedKeyImportRejectsOutOfRangeAndInconsistentKeys(string name)
    {
        MLDsaAlgorithm algorithm = Algorithm(name);
        using MlDsaKey key = MlDsaKey.Generate(algorithm, KeyExportPolicies.AllowPlaintextExport);
        byte[] sk = key.ExportMLDsaPrivateKey();
        // s1[0] packed as eta - s1[0] in the low 3 or 4 bits of byte 128: all ones is eta - 7 or eta - 15, out of range.
        byte[] s1OutOfRange = (byte[])sk.Clone();
        s1OutOfRange[128] |= (byte)(algorithm == MLDsaAlgorithm.MLDsa65 ? 0x0F : 0x07);
        CryptoException e = Assert.Throws<CryptoException>(() => MlDsaKey.ImportPrivateKey(algorithm, s1OutOfRange));
        Assert.Equal(CryptoError.InvalidPrivateKey, e.Error);
        byte[] wrongTr = (byte[])sk.Clone();
        wrongTr[64] ^= 1;
        e = Assert.Throws<CryptoException>(() => MlDsaKey.ImportPrivateKey(algorithm, wrongTr));
        Assert.Equal(CryptoError.InvalidPrivateKey, e.Error);
        byte[] wrongT0 = (byte[])sk.Clone();
        wrongT0[^1] ^= 1;
        e = Assert.Throws<CryptoException>(() => MlDsaKey.ImportPrivateKey(algorithm, wrongT0));
        Assert.Equal(CryptoError.InvalidPrivateKey, e.Error);
        Assert.Throws<ArgumentException>(() => MlDsaKey.ImportPrivateKey(algorithm, sk.AsSpan(1)));
        Assert.Throws<ArgumentException>(() => MlDsaKey.ImportPrivateSeed(algorithm, new byte[31]));
        Assert.Throws<ArgumentException>(() => MlDsaKey.ImportPublicKey(algorithm, new byte[algorithm.PublicKeySizeInBytes + 1]));
    }

    // The BCL marks SignPreHash/VerifyPreHash as evaluation-only (SYSLIB5006); MlDsaKey implements their Core methods.
#pragma warning disable SYSLIB5006
    [Theory]
    [MemberData(nameof(Sets))]
    public void PreHashSignaturesVerifyForEachOidAndUnknownOidsAreRefused(string name)
    {
        MLDsaAlgorithm algorithm = Algorithm(name);
        using MlDsaKey key = MlDsaKey.Generate(algorithm);
        (string Oid, int Size)[] hashes =
        [
            ("2.16.840.1.101.3.4.2.1", 32), ("2.16.840.1.101.3.4.2.2", 48), ("2.16.840.1.101.3.4.2.3", 64),
            ("2.16.840.1.101.3.4.2.4", 28), ("2.16.840.1.101.3.4.2.5", 28), ("2.16.840.1.101.3.4.2.6", 32),
            ("2.16.840.1.101.3.4.2.7", 28), ("2.16.840.1.101.3.4.2.8", 32), ("2.16.840.1.101.3.4.2.9", 48),
            ("2.16.840.1.101.3.4.2.10", 64), ("2.16.840.1.101.3.4.2.11", 32), ("2.16.840.1.101.3.4.2.12", 64),
        ];
        var accepted = new List<string>();
        foreach ((string oid, int size) in hashes)
        {
            byte[] hash = RandomNumberGenerator.GetBytes(size);
            byte[] context = [9];
            byte[] sig;
            try
            {
                sig = key.SignPreHash(hash, oid, context);
            }
            catch (CryptographicException) when (oid is not ("2.16.840.1.101.3.4.2.3" or "2.16.840.1.101.3.4.2.12"))
            {
                continue; // the BCL's own policy (hash unknown to it, or weaker than the parameter set) screens it first
            }
            accepted.Add(oid);
            Assert.True(key.VerifyPreHash(hash, sig, oid, context), oid);
            Assert.False(key.VerifyData(hash, sig, context), oid); // HashML-DSA and ML-DSA are domain-separated
            Assert.False(key.VerifyPreHash(hash, sig, oid, new byte[1]), oid);
        }
        Assert.Contains("2.16.840.1.101.3.4.2.3", accepted);  // SHA-512
        Assert.Contains("2.16.840.1.101.3.4.2.10", accepted); // SHA3-512
        Exception e = Assert.ThrowsAny<Exception>(() => key.SignPreHash(new byte[16], "1.2.840.113549.2.5")); // MD5
        Assert.True(e is CryptographicException or ArgumentException, e.GetType().Name);
        e = Assert.ThrowsAny<Exception>(() => key.SignPreHash(new byte[63], "2.16.840.1.101.3.4.2.3"));
        Assert.True(e is CryptographicException or ArgumentException, e.GetType().Name);
    }
#pragma warning restore SYSLIB5006

    [Theory]
    [MemberData(nameof(Sets))]
    public void NoSignatureAlteredAtOneByteVerifies(string name)
    {
        MLDsaAlgorithm algorithm = Algorithm(name);
        using MlDsaKey key = MlDsaKey.Generate(algorithm);
        byte[] sig = key.SignData(Message);
        Assert.True(key.VerifyData(Message, sig));
        var random = new Random(204);
        for (int i = 0; i < sig.Length; i++)
        {
            byte original = sig[i];
            sig[i] ^= (byte)random.Next(1, 256);
            Assert.False(key.VerifyData(Message, sig), $"byte {i} altered still verifies");
            sig[i] = original;
        }
        Assert.True(key.VerifyData(Message, sig));
        Assert.False(key.VerifyData(Message, sig.AsSpan(1).ToArray()));
        Assert.False(key.VerifyData(Message, sig.Append((byte)0).ToArray()));
    }

    [Fact]
    public void ContextLongerThan255BytesIsRefusedAndDisposedKeyThrows()
    {
        MlDsaKey key = MlDsaKey.Generate(MLDsaAlgorithm.MLDsa44);
        Assert.ThrowsAny<ArgumentException>(() => key.SignData(Message, new byte[256]));
        byte[] sig = key.SignData(Message, new byte[255]);
        Assert.True(key.VerifyData(Message, sig, new byte[255]));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.SignData(Message));
    }
}
