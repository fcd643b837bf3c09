// Zero bytes of managed allocation per ML-DSA key generation, signature (MlDsaKey.SignData after the first, which
// caches the public A-hat) and verification, measured with GC.GetAllocatedBytesForCurrentThread after a warm-up.
using System.Security.Cryptography;
using NoFuture.Crypto.MlDsa;
using static NoFuture.Crypto.Tests.MlDsa.MlDsaTestSupport;

namespace NoFuture.Crypto.Tests.MlDsa;

public class ZeroAllocationTests
{
    [Theory]
    [InlineData("ML-DSA-44"), InlineData("ML-DSA-65"), InlineData("ML-DSA-87")]
    public void KeyGenSignVerifyAllocateNothing(string parameterSet)
    {
        MlDsaParameters p = Params(parameterSet);
        MLDsaAlgorithm algorithm = WycheproofTests.Algorithm(parameterSet[^2..]);
        var seed = new byte[32];
        var pk = new byte[p.PublicKeySizeInBytes];
        var sk = new byte[p.PrivateKeySizeInBytes];
        byte[] message = new byte[100], context = new byte[10];
        var sig = new byte[p.SignatureSizeInBytes];
        using MlDsaKey key = MlDsaKey.ImportPrivateSeed(algorithm, seed);
        for (int i = 0; i < 5; i++)
        {
            MlDsaCore.KeyGenInternal(p, seed, pk, sk);
            key.SignData(message, sig, context);
            Assert.True(key.VerifyData(message, sig, context));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) MlDsaCore.KeyGenInternal(p, seed, pk, sk);
        long afterKeyGen = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) key.SignData(message, sig, context);
        long afterSign = GC.GetAllocatedBytesForCurrentThread();
        bool all = true;
        for (int i = 0; i < 5; i++) all &= key.VerifyData(message, sig, context);
        long afterVerify = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(all);
        Assert.Equal(0, afterKeyGen - before);
        Assert.Equal(0, afterSign - afterKeyGen);
        Assert.Equal(0, afterVerify - afterSign);
    }
}
