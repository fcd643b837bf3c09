// ECDSA on P-256/384/521 through SignatureAlgorithm, cross-checked against BouncyCastle.Cryptography (an independent
// implementation, a test-only oracle: docs/dependencies.md): our signatures verified by BC and BC's verified by us, in
// both encodings, with the same scalar; plus tampering, invalid points and misuse. The Wycheproof files run in
// EcdsaWycheproofTests.
using System.Security.Cryptography;
using NoFuture.Memory;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Utilities;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace NoFuture.Crypto.Tests.Signatures;

public class EcdsaTests
{
    public static TheoryData<string> Curves => new() { "P-256", "P-384", "P-521" };

    private static NistCurve Get(string name) => name switch
    {
        "P-256" => NistCurve.P256,
        "P-384" => NistCurve.P384,
        _ => NistCurve.P521,
    };

    [Theory]
    [MemberData(nameof(Curves))]
    public void Ecdsa_CrossCheckedWithBouncyCastle(string name)
    {
        NistCurve curve = Get(name);
        var domain = new ECDomainParameters(ECNamedCurveTable.GetByName(name)!);
        SignatureAlgorithm p1363 = EcdsaWycheproofTests.AlgorithmOf(curve, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        SignatureAlgorithm der = EcdsaWycheproofTests.AlgorithmOf(curve, DSASignatureFormat.Rfc3279DerSequence);
        using SigningKey key = p1363.GenerateKey(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
        byte[] data = RandomNumberGenerator.GetBytes(77);
        byte[] signature = new byte[p1363.SignatureSizeInBytes];
        key.Sign(data, signature);
        Assert.True(p1363.Verify(key.PublicKey, data, signature));

        int n = curve.CoordinateSizeInBytes;
        byte[] hash = curve.DefaultHashAlgorithm.Name switch
        {
            "SHA256" => SHA256.HashData(data),
            "SHA384" => SHA384.HashData(data),
            _ => SHA512.HashData(data),
        };
        var pub = new ECPublicKeyParameters(domain.Curve.DecodePoint(key.PublicKey.ToArray()), domain);
        var verifier = new ECDsaSigner();
        verifier.Init(false, pub);
        Assert.True(verifier.VerifySignature(hash, new BigInteger(1, signature, 0, n), new BigInteger(1, signature, n, n)));

        // A BC signature under our key verifies here, in both encodings.
        using Secret d = key.ExportPrivateKey();
        BigInteger dInt;
        using (SecretReadLease lease = d.OpenRead()) dInt = new BigInteger(1, lease.Span.ToArray());
        var signer = new ECDsaSigner();
        signer.Init(true, new ECPrivateKeyParameters(dInt, domain));
        BigInteger[] rs = signer.GenerateSignature(hash);
        byte[] bcSignature = [.. BigIntegers.AsUnsignedByteArray(n, rs[0]), .. BigIntegers.AsUnsignedByteArray(n, rs[1])];
        Assert.True(p1363.Verify(key.PublicKey, data, bcSignature));
        byte[] bcDer = new Org.BouncyCastle.Asn1.DerSequence(new Org.BouncyCastle.Asn1.DerInteger(rs[0]), new Org.BouncyCastle.Asn1.DerInteger(rs[1])).GetEncoded();
        Assert.True(der.Verify(key.PublicKey, data, bcDer));
        Assert.True(der.ImportPublicKey(key.PublicKey).Verify(data, bcDer));

        // Our DER signature (same scalar, DER member) verified by BC.
        using SigningKey derKey = der.ImportPrivateKey(d);
        byte[] ourDer = derKey.Sign(data);
        var seq = (Org.BouncyCastle.Asn1.Asn1Sequence)Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(ourDer);
        Assert.True(verifier.VerifySignature(hash, ((Org.BouncyCastle.Asn1.DerInteger)seq[0]).Value, ((Org.BouncyCastle.Asn1.DerInteger)seq[1]).Value));

        // Tampering.
        signature[3] ^= 1;
        Assert.False(p1363.Verify(key.PublicKey, data, signature));
        signature[3] ^= 1;
        data[0] ^= 1;
        Assert.False(p1363.Verify(key.PublicKey, data, signature));
        Assert.False(p1363.Verify(key.PublicKey, data, signature.AsSpan(1)));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void InvalidPoints_VerifyFalse_ImportThrows(string name)
    {
        NistCurve curve = Get(name);
        SignatureAlgorithm alg = EcdsaWycheproofTests.AlgorithmOf(curve, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using SigningKey key = alg.GenerateKey();
        byte[] notOnCurve = key.PublicKey.ToArray();
        notOnCurve[^1] ^= 1; // y changed: off the curve
        byte[] compressedPrefix = key.PublicKey.ToArray();
        compressedPrefix[0] = 0x02;
        byte[] zeros = new byte[curve.PublicKeySizeInBytes];
        zeros[0] = 0x04; // (0, 0) is not on these curves
        foreach (byte[] bad in new[] { notOnCurve, compressedPrefix, zeros, new byte[curve.PublicKeySizeInBytes] })
        {
            Assert.False(alg.Verify(bad, [1], new byte[alg.SignatureSizeInBytes]));
            Assert.Equal(CryptoError.InvalidPublicKey, Assert.Throws<CryptoException>(() => alg.ImportPublicKey(bad)).Error);
        }
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Misuse_Throws(string name)
    {
        NistCurve curve = Get(name);
        SignatureAlgorithm alg = EcdsaWycheproofTests.AlgorithmOf(curve, DSASignatureFormat.Rfc3279DerSequence);
        Assert.Throws<ArgumentException>(() => alg.ImportPrivateKey(new byte[curve.ScalarSizeInBytes - 1]));
        Assert.Equal(CryptoError.InvalidPrivateKey, Assert.Throws<CryptoException>(() => alg.ImportPrivateKey(new byte[curve.ScalarSizeInBytes])).Error); // d = 0: an imported key failing its check
        Assert.Equal(CryptoError.InvalidPrivateKey, Assert.Throws<CryptoException>(() => alg.ImportPrivateKey(Enumerable.Repeat((byte)0xFF, curve.ScalarSizeInBytes).ToArray())).Error); // d ≥ n
        using Secret wrong = Secret.Allocate(curve.ScalarSizeInBytes + 1);
        Assert.Throws<ArgumentException>(() => alg.ImportPrivateKey(wrong));

        SigningKey key = alg.GenerateKey();
        Assert.Equal($"SigningKey {alg.Name}", key.ToString());
        Assert.Throws<ArgumentException>(() => key.Sign([1, 2], new byte[alg.SignatureSizeInBytes - 1]));
        byte[] buffer = new byte[300];
        Assert.Throws<ArgumentException>(() => key.Sign(buffer.AsSpan(0, 10), buffer.AsSpan(5, alg.SignatureSizeInBytes)));
        Assert.Throws<ArgumentException>(() => alg.Verify(new byte[5], [], new byte[alg.SignatureSizeInBytes]));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Sign([1], new byte[alg.SignatureSizeInBytes]));
        Assert.Throws<ObjectDisposedException>(() => key.ExportPrivateKey());
    }
}
