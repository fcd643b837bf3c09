// Incremental ML-KEM-768 (MlKem768Incremental) against the standard FIPS 203 algorithms: with the same d, z and m,
// c1 || c2 must be the standard ciphertext and the shared secret the standard one; the header and vector must be the
// byte layout SPQR (libcrux's incremental API) uses: rho || H(ek) and ek[0 : 1152]. Then the checks on hostile
// vectors and caller mistakes.
using System.Security.Cryptography;
using NoFuture.Crypto.Keccak;
using NoFuture.Crypto.MlKem;
using NoFuture.Crypto.MlKem.Simd;
using NoFuture.Crypto.MlKem.Testing;
using NoFuture.Crypto.Tests.MlKemPerf;
using static NoFuture.Crypto.Tests.MlKem.MlKemTestSupport;

namespace NoFuture.Crypto.Tests.MlKem;

public class MlKem768IncrementalTests
{
    private const int CtSize = 1088;

    private static (byte[] Header, byte[] Vector) Split(MlKemKey key)
    {
        byte[] ek = key.ExportEncapsulationKey();
        byte[] header = new byte[64], vector = new byte[1152];
        MlKem768Incremental.SplitEncapsulationKey(ek, header, vector);
        return (header, vector);
    }

    [Fact]
    public void SplitEncapsulation_EqualsStandardEncapsulation_ForManyKeys()
    {
        var rng = new Random(20251206);
        byte[] d = new byte[32], z = new byte[32], m = new byte[32];
        for (int iteration = 0; iteration < 60; iteration++)
        {
            rng.NextBytes(d);
            rng.NextBytes(z);
            rng.NextBytes(m);
            using MlKemKey key = MlKemTesting.GenerateDerandomized(MLKemAlgorithm.MLKem768, d, z);
            byte[] ct = new byte[CtSize], ss = new byte[32];
            MlKemTesting.EncapsulateDerandomized(key, m, ct, ss);

            (byte[] header, byte[] vector) = Split(key);
            byte[] ct1 = new byte[960], state = new byte[128], ss1 = new byte[32], ct2 = new byte[128];
            MlKemTesting.Encapsulate1Derandomized(header, m, ct1, state, ss1);
            MlKem768Incremental.Encapsulate2(state, vector, ct2);

            Assert.Equal(ct, ct1.Concat(ct2).ToArray());
            Assert.Equal(ss, ss1);
            byte[] ssDecaps = new byte[32];
            MlKem768Incremental.Decapsulate(key, ct1, ct2, ssDecaps);
            Assert.Equal(ss, ssDecaps);
        }
    }

    [Fact]
    public void Header_IsRhoThenHashOfEk_AndVector_IsTheEncodedT()
    {
        using MlKemKey key = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
        byte[] ek = key.ExportEncapsulationKey();
        (byte[] header, byte[] vector) = Split(key);
        byte[] hash = new byte[32];
        Sha3.Sha3_256(ek, hash);
        Assert.Equal(ek.AsSpan(1152, 32).ToArray(), header[..32]);
        Assert.Equal(hash, header[32..]);
        Assert.Equal(ek.AsSpan(0, 1152).ToArray(), vector);
        Assert.True(MlKem768Incremental.EncapsulationKeyMatchesHeader(header, vector));
    }

    [Fact]
    public void RandomEncapsulation_DecapsulatesToTheSameSecret_AndDiffersEachTime()
    {
        using MlKemKey key = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
        (byte[] header, byte[] vector) = Split(key);
        byte[] previous = new byte[32];
        for (int i = 0; i < 5; i++)
        {
            byte[] ct1 = new byte[960], state = new byte[128], ss = new byte[32], ct2 = new byte[128], ssDecaps = new byte[32];
            MlKem768Incremental.Encapsulate1(header, ct1, state, ss);
            MlKem768Incremental.Encapsulate2(state, vector, ct2);
            key.Decapsulate([.. ct1, .. ct2], ssDecaps);
            Assert.Equal(ss, ssDecaps);
            Assert.NotEqual(previous, ss);
            previous = ss;
        }
    }

    [Fact]
    public void Encapsulate2_VectorOfAnotherKey_IsRejected_AndNothingWritten()
    {
        using MlKemKey key = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
        using MlKemKey other = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
        (byte[] header, _) = Split(key);
        (_, byte[] otherVector) = Split(other);
        Assert.False(MlKem768Incremental.EncapsulationKeyMatchesHeader(header, otherVector));
        byte[] ct1 = new byte[960], state = new byte[128], ss = new byte[32];
        MlKem768Incremental.Encapsulate1(header, ct1, state, ss);
        byte[] ct2 = new byte[128];
        var ex = Assert.Throws<CryptoException>(() => MlKem768Incremental.Encapsulate2(state, otherVector, ct2));
        Assert.Equal(CryptoError.InvalidPublicKey, ex.Error);
        Assert.All(ct2, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Encapsulate2_VectorFailingTheModulusCheck_IsRejected_EvenWithAMatchingHash()
    {
        using MlKemKey key = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
        byte[] ek = key.ExportEncapsulationKey();
        // First coefficient 0xFFF >= q; a header made for this ek would match its hash, so only the modulus check fails.
        ek[0] = 0xFF;
        ek[1] |= 0x0F;
        byte[] header = new byte[64];
        ek.AsSpan(1152).CopyTo(header);
        Sha3.Sha3_256(ek, header.AsSpan(32));
        byte[] vector = ek[..1152];
        Assert.False(MlKem768Incremental.EncapsulationKeyMatchesHeader(header, vector));
        byte[] ct1 = new byte[960], state = new byte[128], ss = new byte[32], ct2 = new byte[128];
        MlKem768Incremental.Encapsulate1(header, ct1, state, ss);
        Assert.Equal(CryptoError.InvalidPublicKey,
            Assert.Throws<CryptoException>(() => MlKem768Incremental.Encapsulate2(state, vector, ct2)).Error);
        Assert.Equal(CryptoError.InvalidPublicKey,
            Assert.Throws<CryptoException>(() => MlKem768Incremental.SplitEncapsulationKey(ek, new byte[64], new byte[1152])).Error);
    }

    [Fact]
    public void WrongSizes_AreArgumentExceptions()
    {
        byte[] h = new byte[64], ct1 = new byte[960], st = new byte[128], ss = new byte[32], v = new byte[1152], ct2 = new byte[128];
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Encapsulate1(new byte[63], ct1, st, ss));
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Encapsulate1(h, new byte[961], st, ss));
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Encapsulate1(h, ct1, new byte[127], ss));
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Encapsulate1(h, ct1, st, new byte[31]));
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Encapsulate2(new byte[129], v, ct2));
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Encapsulate2(st, new byte[1184], ct2));
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Encapsulate2(st, v, new byte[127]));
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.SplitEncapsulationKey(new byte[1152], h, v));
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.EncapsulationKeyMatchesHeader(new byte[65], v));
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.EncapsulationKeyMatchesHeader(h, new byte[1151]));
        using MlKemKey key = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Decapsulate(key, new byte[959], ct2, ss));
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Decapsulate(key, ct1, new byte[129], ss));
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Decapsulate(key, ct1, ct2, new byte[33]));
        using MlKemKey key512 = MlKemKey.Generate(MLKemAlgorithm.MLKem512);
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Decapsulate(key512, ct1, ct2, ss));
    }

    [Fact]
    public void OverlappingBuffers_AreArgumentExceptions_BeforeWriting()
    {
        using MlKemKey key = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
        (byte[] header, byte[] vector) = Split(key);
        byte[] big = new byte[960 + 128];
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Encapsulate1(header, big.AsSpan(0, 960), big.AsSpan(900, 128), new byte[32]));
        Assert.All(big, b => Assert.Equal(0, b));
        byte[] ct1 = new byte[960], state = new byte[128], ss = new byte[32];
        MlKem768Incremental.Encapsulate1(header, ct1, state, ss);
        byte[] stateCopy = (byte[])state.Clone();
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.Encapsulate2(state, vector, state));
        Assert.Equal(stateCopy, state);
        byte[] ek = key.ExportEncapsulationKey();
        Assert.Throws<ArgumentException>(() => MlKem768Incremental.SplitEncapsulationKey(ek, ek.AsSpan(0, 64), new byte[1152]));
    }

    [Fact]
    public void Decapsulate_OfACorruptedCiphertext_GivesTheImplicitRejectionSecret()
    {
        using MlKemKey key = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
        (byte[] header, byte[] vector) = Split(key);
        byte[] ct1 = new byte[960], state = new byte[128], ss = new byte[32], ct2 = new byte[128];
        MlKem768Incremental.Encapsulate1(header, ct1, state, ss);
        MlKem768Incremental.Encapsulate2(state, vector, ct2);
        ct2[5] ^= 1;
        byte[] split = new byte[32], whole = new byte[32];
        MlKem768Incremental.Decapsulate(key, ct1, ct2, split);
        key.Decapsulate([.. ct1, .. ct2], whole);
        Assert.Equal(whole, split);
        Assert.NotEqual(ss, split);
    }

    [Theory]
    [MemberData(nameof(PathVectorTests.PathsAndSets), MemberType = typeof(PathVectorTests))]
    public void EncryptHalves_EqualKPkeEncrypt_OnEveryPathAndSet(string pathName, string parameterSet)
    {
        MlKemPath path = PathVectorTests.Path(pathName);
        MlKemParameters p = Params(parameterSet);
        var rng = new Random(parameterSet.Length * 31 + pathName.Length);
        byte[] d = new byte[32], m = new byte[32], r = new byte[32];
        byte[] ek = new byte[p.EncapsulationKeySizeInBytes], dkPke = new byte[p.EncodedVectorSizeInBytes];
        for (int i = 0; i < 10; i++)
        {
            rng.NextBytes(d);
            rng.NextBytes(m);
            rng.NextBytes(r);
            KPke.KeyGen(p, path, d, ek, dkPke);
            byte[] c = new byte[p.CiphertextSizeInBytes], split = new byte[p.CiphertextSizeInBytes];
            KPke.Encrypt(p, path, ek, m, r, c);
            KPke.EncryptFirstPart(p, path, ek.AsSpan(p.EncodedVectorSizeInBytes), r, split.AsSpan(0, p.C1SizeInBytes));
            KPke.EncryptSecondPart(p, path, ek.AsSpan(0, p.EncodedVectorSizeInBytes), m, r, split.AsSpan(p.C1SizeInBytes));
            Assert.Equal(c, split);
        }
    }

    [Fact]
    public void SplitEncapsulation_AllocatesNothing()
    {
        using MlKemKey key = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
        (byte[] header, byte[] vector) = Split(key);
        byte[] ct1 = new byte[960], state = new byte[128], ss = new byte[32], ct2 = new byte[128];
        for (int i = 0; i < 20; i++)
        {
            MlKem768Incremental.Encapsulate1(header, ct1, state, ss);
            MlKem768Incremental.Encapsulate2(state, vector, ct2);
            MlKem768Incremental.Decapsulate(key, ct1, ct2, ss);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            MlKem768Incremental.Encapsulate1(header, ct1, state, ss);
            MlKem768Incremental.Encapsulate2(state, vector, ct2);
            MlKem768Incremental.Decapsulate(key, ct1, ct2, ss);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
