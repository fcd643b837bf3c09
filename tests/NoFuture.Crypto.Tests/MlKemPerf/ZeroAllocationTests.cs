// A performance goal (bench/RESULTS.md): zero bytes of managed allocation per keygen, encaps and decaps, on every path
// and parameter set, measured with GC.GetAllocatedBytesForCurrentThread after a warm-up (which runs the static
// constructors that build the SIMD tables once).
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;
using static NoFuture.Crypto.Tests.MlKem.MlKemTestSupport;

namespace NoFuture.Crypto.Tests.MlKemPerf;

public class ZeroAllocationTests
{
    [Theory]
    [MemberData(nameof(PathVectorTests.PathsAndSets), MemberType = typeof(PathVectorTests))]
    public void KeyGenEncapsDecapsAllocateNothing(string pathName, string parameterSet)
    {
        MlKemPath path = PathVectorTests.Path(pathName);
        MlKemParameters p = Params(parameterSet);
        var d = new byte[32];
        var z = new byte[32];
        var m = new byte[32];
        var k = new byte[32];
        var ek = new byte[p.EncapsulationKeySizeInBytes];
        var dk = new byte[p.DecapsulationKeySizeInBytes];
        var c = new byte[p.CiphertextSizeInBytes];
        new Random(7).NextBytes(d);
        new Random(8).NextBytes(z);
        new Random(9).NextBytes(m);
        for (int i = 0; i < 20; i++)
        {
            MlKemCore.KeyGenInternal(p, path, d, z, ek, dk);
            MlKemCore.EncapsInternal(p, path, ek, m, k, c);
            MlKemCore.DecapsInternal(p, path, dk, c, k);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) MlKemCore.KeyGenInternal(p, path, d, z, ek, dk);
        long afterKeyGen = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) MlKemCore.EncapsInternal(p, path, ek, m, k, c);
        long afterEncaps = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) MlKemCore.DecapsInternal(p, path, dk, c, k);
        long afterDecaps = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, afterKeyGen - before);
        Assert.Equal(0, afterEncaps - afterKeyGen);
        Assert.Equal(0, afterDecaps - afterEncaps);
    }
}
