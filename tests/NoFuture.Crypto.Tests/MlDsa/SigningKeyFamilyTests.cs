// The SignatureAlgorithm family's ML-DSA keys (MlDsaSigningKey) against MlDsaKey made from the same seed: same public
// key, and signatures (hedged, so compared by verification, not bytes) accepted by MlDsaKey and by BouncyCastle, with
// and without a context, over several signatures so rejection iterations of various counts run. The family key signs
// from NTT forms it computes once at creation, on the fastest path; this pins that those forms belong to its key.
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcParameters = Org.BouncyCastle.Crypto.Parameters.MLDsaParameters;

namespace NoFuture.Crypto.Tests.MlDsa;

public class SigningKeyFamilyTests
{
    [Theory]
    [InlineData("44"), InlineData("65"), InlineData("87")]
    public void FamilyKeySignaturesVerifyUnderMlDsaKeyAndBouncyCastle(string set)
    {
        (SignatureAlgorithm family, MLDsaAlgorithm bcl, BcParameters bcParameters) = set switch
        {
            "44" => (SignatureAlgorithm.MlDsa44, MLDsaAlgorithm.MLDsa44, BcParameters.ml_dsa_44),
            "65" => (SignatureAlgorithm.MlDsa65, MLDsaAlgorithm.MLDsa65, BcParameters.ml_dsa_65),
            _ => (SignatureAlgorithm.MlDsa87, MLDsaAlgorithm.MLDsa87, BcParameters.ml_dsa_87),
        };
        byte[] seed = RandomNumberGenerator.GetBytes(32);
        using SigningKey key = family.ImportPrivateKey(seed);
        using MlDsaKey reference = MlDsaKey.ImportPrivateSeed(bcl, seed);
        byte[] publicKey = key.ExportPublicKey();
        Assert.Equal(reference.ExportMLDsaPublicKey(), publicKey);
        var bcKey = MLDsaPublicKeyParameters.FromEncoding(bcParameters, publicKey);
        byte[] context = [1, 2, 3];
        for (int i = 0; i < 6; i++)
        {
            byte[] message = RandomNumberGenerator.GetBytes(1 + i * 17);
            byte[] ctx = i % 2 == 0 ? [] : context;
            byte[] signature = new byte[family.SignatureSizeInBytes];
            Assert.Equal(signature.Length, key.Sign(message, signature, ctx));
            Assert.True(reference.VerifyData(message, signature, ctx));
            Assert.True(family.Verify(publicKey, message, signature, ctx));
            var verifier = new MLDsaSigner(bcParameters, deterministic: false);
            verifier.Init(false, new ParametersWithContext(bcKey, ctx));
            verifier.BlockUpdate(message, 0, message.Length);
            Assert.True(verifier.VerifySignature(signature));
            signature[i] ^= 1;
            Assert.False(reference.VerifyData(message, signature, ctx));
        }
    }
}
