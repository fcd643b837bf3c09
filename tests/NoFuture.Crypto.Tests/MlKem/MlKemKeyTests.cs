// The public NoFuture.Crypto.MlKemKey key type: round trips over the BCL's MLKem surface, known answers through the
// seed import and the derandomized testing hooks (CCTV PR #13 unluckysample, final FIPS 203), misuse (sizes,
// null, invalid keys, missing private key, disposal) and zero managed allocation per encaps/decaps.
using System.Security.Cryptography;
using NoFuture.Crypto.MlKem.Testing;
using NoFuture.Memory;
using static NoFuture.Crypto.Tests.MlKem.MlKemTestSupport;

namespace NoFuture.Crypto.Tests.MlKem;

public class MlKemKeyTests
{
    public static TheoryData<string> Algorithms => new(ParameterSetNames);

    private static MLKemAlgorithm Algorithm(string name) => name switch
    {
        "ML-KEM-512" => MLKemAlgorithm.MLKem512,
        "ML-KEM-768" => MLKemAlgorithm.MLKem768,
        _ => MLKemAlgorithm.MLKem1024,
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void GenerateEncapsulateDecapsulateRoundTrip(string name)
    {
        MLKemAlgorithm algorithm = Algorithm(name);
        using MlKemKey key = MlKemKey.Generate(algorithm);
        Assert.Same(algorithm, key.Algorithm);
        Assert.True(key.HasPrivateKey && key.HasPrivateSeed);
        var ciphertext = new byte[algorithm.CiphertextSizeInBytes];
        Span<byte> sent = stackalloc byte[32], received = stackalloc byte[32];
        for (int i = 0; i < 20; i++)
        {
            key.Encapsulate(ciphertext, sent);
            key.Decapsulate(ciphertext, received);
            Assert.True(sent.SequenceEqual(received));
        }
        // Through the public key alone, as a peer would.
        using MlKemKey peer = MlKemKey.ImportEncapsulationKey(algorithm, key.ExportEncapsulationKey());
        Assert.False(peer.HasPrivateKey);
        peer.Encapsulate(ciphertext, sent);
        key.Decapsulate(ciphertext, received);
        Assert.True(sent.SequenceEqual(received));
        // A tampered ciphertext decapsulates (implicit rejection) to a different secret, without an exception.
        ciphertext[5] ^= 1;
        key.Decapsulate(ciphertext, received);
        Assert.False(sent.SequenceEqual(received));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SeedImportAndDerandomizedEncapsMatchKnownAnswers(string name)
    {
        MLKemAlgorithm algorithm = Algorithm(name);
        Dictionary<string, byte[]> v = ReadCctv($"mlkem/cctv-pr13-final/unluckysample/{name}.txt");
        using MlKemKey key = MlKemTesting.GenerateDerandomized(algorithm, v["d"], v["z"]);
        Assert.Equal(v["ek"], key.ExportEncapsulationKey());
        // The testing hook's key is not exportable (KeyExportPolicies.None); the same seed imported with the policy is.
        Assert.Throws<InvalidOperationException>(() => key.ExportPrivateSeed());
        using MlKemKey exportable = MlKemKey.ImportPrivateSeed(algorithm, [.. v["d"], .. v["z"]], KeyExportPolicies.AllowPlaintextExport);
        Assert.Equal(v["dk"], exportable.ExportDecapsulationKey());
        Assert.Equal([.. v["d"], .. v["z"]], exportable.ExportPrivateSeed());
        var ciphertext = new byte[algorithm.CiphertextSizeInBytes];
        var shared = new byte[32];
        MlKemTesting.EncapsulateDerandomized(key, v["m"], ciphertext, shared);
        Assert.Equal(v["c"], ciphertext);
        Assert.Equal(v["K"], shared);
        Assert.Equal(v["K"], key.Decapsulate(v["c"]));

        // The same key from a Secret holding the seed, and from the expanded decapsulation key.
        using Secret seed = Secret.CopyFrom([.. v["d"], .. v["z"]]);
        using MlKemKey fromSecret = MlKemKey.ImportPrivateSeed(algorithm, seed);
        Assert.Equal(v["K"], fromSecret.Decapsulate(v["c"]));
        using MlKemKey fromDk = MlKemKey.ImportDecapsulationKey(algorithm, v["dk"]);
        Assert.False(fromDk.HasPrivateSeed);
        Assert.Equal(v["ek"], fromDk.ExportEncapsulationKey());
        Assert.Equal(v["K"], fromDk.Decapsulate(v["c"]));
        Assert.Throws<InvalidOperationException>(() => fromDk.ExportPrivateSeed());
    }

    [Fact]
    public void WrongSizesAndNullsThrowArgumentExceptions()
    {
        MLKemAlgorithm algorithm = MLKemAlgorithm.MLKem768;
        using MlKemKey key = MlKemKey.Generate(algorithm);
        Assert.Throws<ArgumentNullException>(() => MlKemKey.Generate(null!));
        Assert.Throws<ArgumentException>(() => MlKemKey.ImportPrivateSeed(algorithm, new byte[63]));
        Assert.Throws<ArgumentException>(() => MlKemKey.ImportEncapsulationKey(algorithm, new byte[1183]));
        Assert.Throws<ArgumentException>(() => MlKemKey.ImportDecapsulationKey(algorithm, new byte[2401]));
        Assert.Throws<ArgumentException>(() => MlKemKey.ImportEncapsulationKey(MLKemAlgorithm.MLKem512, key.ExportEncapsulationKey()));
        Assert.ThrowsAny<ArgumentException>(() => key.Encapsulate(new byte[1087], new byte[32]));
        Assert.ThrowsAny<ArgumentException>(() => key.Encapsulate(new byte[1088], new byte[31]));
        Assert.ThrowsAny<ArgumentException>(() => key.Decapsulate(new byte[1089], new byte[32]));
        Assert.ThrowsAny<ArgumentException>(() => key.Decapsulate(new byte[1088], new byte[33]));
        Assert.ThrowsAny<ArgumentException>(() => MlKemTesting.EncapsulateDerandomized(key, new byte[31], new byte[1088], new byte[32]));
    }

    [Fact]
    public void InvalidKeysAreRejected()
    {
        MLKemAlgorithm algorithm = MLKemAlgorithm.MLKem512;
        using MlKemKey key = MlKemKey.Generate(algorithm, KeyExportPolicies.AllowPlaintextExport);
        byte[] ek = key.ExportEncapsulationKey();
        ek[0] = 0xFF;
        ek[1] |= 0x0F; // first coefficient = 4095 >= q
        Assert.Equal(CryptoError.InvalidPublicKey, Assert.Throws<CryptoException>(() => MlKemKey.ImportEncapsulationKey(algorithm, ek)).Error);
        byte[] dk = key.ExportDecapsulationKey();
        dk[^40] ^= 1; // inside H(ek)
        Assert.Equal(CryptoError.InvalidPrivateKey, Assert.Throws<CryptoException>(() => MlKemKey.ImportDecapsulationKey(algorithm, dk)).Error);
        using MlKemKey publicOnly = MlKemKey.ImportEncapsulationKey(algorithm, key.ExportEncapsulationKey());
        // Asking a public-only key to decapsulate or export is the caller's mistake, not hostile input.
        Assert.Throws<InvalidOperationException>(() => publicOnly.Decapsulate(new byte[algorithm.CiphertextSizeInBytes], new byte[32]));
        Assert.Throws<InvalidOperationException>(() => publicOnly.ExportPrivateSeed());
        Assert.Throws<InvalidOperationException>(() => publicOnly.ExportDecapsulationKey());
#pragma warning disable SYSLIB5006 // the BCL marks PKCS#8 for ML-KEM experimental; we only check that it is refused
        Assert.Throws<NotSupportedException>(() => key.ExportPkcs8PrivateKey());
#pragma warning restore SYSLIB5006
    }

    [Fact]
    public void DisposedKeysThrowObjectDisposedException()
    {
        MLKemAlgorithm algorithm = MLKemAlgorithm.MLKem1024;
        MlKemKey key = MlKemKey.Generate(algorithm);
        key.Dispose();
        key.Dispose(); // idempotent
        var ciphertext = new byte[algorithm.CiphertextSizeInBytes];
        var shared = new byte[32];
        Assert.Throws<ObjectDisposedException>(() => key.Encapsulate(ciphertext, shared));
        Assert.Throws<ObjectDisposedException>(() => key.Decapsulate(ciphertext, shared));
        Assert.Throws<ObjectDisposedException>(() => key.ExportEncapsulationKey());
        Assert.Throws<ObjectDisposedException>(() => key.ExportPrivateSeed());
        Assert.Throws<ObjectDisposedException>(() => MlKemTesting.EncapsulateDerandomized(key, new byte[32], ciphertext, shared));
    }

    [Fact]
    public void WorksWhileTheBclReportsNoSupport()
    {
        // The base constructor is protected and does not consult MLKem.IsSupported (false on OpenSSL < 3.5).
        using MLKem key = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
        Assert.Equal(1184, key.ExportEncapsulationKey().Length);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void EncapsulateAndDecapsulateAllocateNothing(string name)
    {
        MLKemAlgorithm algorithm = Algorithm(name);
        using MlKemKey key = MlKemKey.Generate(algorithm);
        var ciphertext = new byte[algorithm.CiphertextSizeInBytes];
        var shared = new byte[32];
        for (int i = 0; i < 200; i++) // warm up past tiered compilation
        {
            key.Encapsulate(ciphertext, shared);
            key.Decapsulate(ciphertext, shared);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            key.Encapsulate(ciphertext, shared);
            key.Decapsulate(ciphertext, shared);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
