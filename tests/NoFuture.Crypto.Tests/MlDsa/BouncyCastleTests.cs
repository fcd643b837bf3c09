// Cross-check against BouncyCastle 2.7.0 (test-only oracle): keys from the same seed, byte-identical
// deterministic signatures (rnd = 0^32) over random messages and contexts, each side verifying the other's hedged
// signatures. Inputs come from a seeded generator, so a failure reproduces. 200 cases per parameter set always run;
// 10,000 per set with NOFUTURE_SLOW_TESTS=1.
using System.Security.Cryptography;
using NoFuture.Crypto.MlDsa.Testing;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcParameters = Org.BouncyCastle.Crypto.Parameters.MLDsaParameters;

namespace NoFuture.Crypto.Tests.MlDsa;

public class BouncyCastleTests
{
    private static (MLDsaAlgorithm Ours, BcParameters Theirs) Pair(string set) => set switch
    {
        "44" => (MLDsaAlgorithm.MLDsa44, BcParameters.ml_dsa_44),
        "65" => (MLDsaAlgorithm.MLDsa65, BcParameters.ml_dsa_65),
        _ => (MLDsaAlgorithm.MLDsa87, BcParameters.ml_dsa_87),
    };

    [Theory]
    [InlineData("44", 200), InlineData("65", 200), InlineData("87", 200)]
    [InlineData("44", 10_000), InlineData("65", 10_000), InlineData("87", 10_000)]
    public void DeterministicSignaturesMatchAndHedgedOnesCrossVerify(string set, int cases)
    {
        Assert.SkipWhen(cases > 200 && Environment.GetEnvironmentVariable("NOFUTURE_SLOW_TESTS") != "1",
            "The 10,000-case BouncyCastle cross-check runs only with NOFUTURE_SLOW_TESTS=1.");
        (MLDsaAlgorithm algorithm, BcParameters bcParameters) = Pair(set);
        var random = new Random(2040 + int.Parse(set, System.Globalization.CultureInfo.InvariantCulture));
        var seed = new byte[32];
        var zeroRnd = new byte[32];
        var ours = new byte[algorithm.SignatureSizeInBytes];
        var hedged = new byte[algorithm.SignatureSizeInBytes];
        for (int i = 0; i < cases; i++)
        {
            random.NextBytes(seed);
            byte[] message = new byte[random.Next(0, 300)];
            random.NextBytes(message);
            byte[] context = new byte[random.Next(4) == 0 ? 0 : random.Next(0, 256)];
            random.NextBytes(context);

            using MlDsaKey key = MlDsaKey.ImportPrivateSeed(algorithm, seed);
            MLDsaPrivateKeyParameters bcKey = MLDsaPrivateKeyParameters.FromSeed(bcParameters, seed);
            byte[] pk = key.ExportMLDsaPublicKey();
            Assert.True(bcKey.GetPublicKeyEncoded().AsSpan().SequenceEqual(pk), $"case {i}: public keys differ");

            MlDsaTesting.SignData(key, message, context, zeroRnd, ours);
            var signer = new MLDsaSigner(bcParameters, deterministic: true);
            signer.Init(true, new ParametersWithContext(bcKey, context));
            signer.BlockUpdate(message, 0, message.Length);
            byte[] theirs = signer.GenerateSignature();
            Assert.True(theirs.AsSpan().SequenceEqual(ours), $"case {i}: deterministic signatures differ");

            key.SignData(message, hedged, context);
            var verifier = new MLDsaSigner(bcParameters, deterministic: false);
            verifier.Init(false, new ParametersWithContext(bcKey.GetPublicKey(), context));
            verifier.BlockUpdate(message, 0, message.Length);
            Assert.True(verifier.VerifySignature(hedged), $"case {i}: BouncyCastle rejects our hedged signature");

            var hedgedSigner = new MLDsaSigner(bcParameters, deterministic: false);
            hedgedSigner.Init(true, new ParametersWithContext(bcKey, context));
            hedgedSigner.BlockUpdate(message, 0, message.Length);
            byte[] theirsHedged = hedgedSigner.GenerateSignature();
            using MlDsaKey publicOnly = MlDsaKey.ImportPublicKey(algorithm, pk);
            Assert.True(publicOnly.VerifyData(message, theirsHedged, context), $"case {i}: we reject BouncyCastle's hedged signature");
        }
    }
}
