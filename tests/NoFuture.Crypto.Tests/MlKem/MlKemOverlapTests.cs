// Overlapping buffers on every ML-KEM entry point (docs/failure-policy.md): an output that overlaps an input or another
// output is a caller mistake, refused with ArgumentException naming the output before anything is written, as
// X-Wing does. Decapsulating into the ciphertext's own memory used to overwrite c before Decaps_internal compared it
// with c' (FIPS 203, Algorithm 18, steps 9-11), giving a wrong secret without an error.
// The one case that is not ours: the BCL's MLKem.Encapsulate(Span, Span) checks ciphertext/shared-secret overlap
// itself, before our code runs, and throws CryptographicException as it documents; MlKemKey hides that method, so the
// call through an MlKemKey reference gives ArgumentException, and through an MLKem reference the BCL's exception.
using System.Security.Cryptography;
using NoFuture.Crypto.MlKem.Testing;
using static NoFuture.Crypto.Tests.MlKem.MlKemTestSupport;

namespace NoFuture.Crypto.Tests.MlKem;

public class MlKemOverlapTests
{
    public static TheoryData<string> Algorithms => new(ParameterSetNames);

    private static MLKemAlgorithm Algorithm(string name) => name switch
    {
        "ML-KEM-512" => MLKemAlgorithm.MLKem512,
        "ML-KEM-768" => MLKemAlgorithm.MLKem768,
        _ => MLKemAlgorithm.MLKem1024,
    };

    /// <summary>(ciphertext offset, shared-secret offset) in one buffer of ctLen + 64 bytes, all overlapping.</summary>
    private static IEnumerable<(int Ct, int Ss)> OverlappingLayouts(int ctLength) =>
    [
        (0, 0),                      // the secret over the first bytes of c
        (0, ctLength / 2),           // in the middle
        (0, ctLength - 32),          // over the last bytes
        (0, ctLength - 1),           // one byte of overlap at the end
        (31, 0),                     // one byte of overlap at the start
    ];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Decapsulate_IntoTheCiphertext_IsRefusedBeforeWriting(string name)
    {
        MLKemAlgorithm algorithm = Algorithm(name);
        using MlKemKey key = MlKemKey.Generate(algorithm);
        int ctLength = algorithm.CiphertextSizeInBytes;
        byte[] ciphertext = new byte[ctLength], expected = new byte[32];
        key.Encapsulate(ciphertext, expected);
        foreach ((int ct, int ss) in OverlappingLayouts(ctLength))
        {
            byte[] buffer = new byte[ctLength + 64];
            ciphertext.CopyTo(buffer, ct);
            byte[] before = (byte[])buffer.Clone();
            // Through the MlKemKey type and through the BCL base type: both reach DecapsulateCore.
            var e = Assert.Throws<ArgumentException>(() => key.Decapsulate(buffer.AsSpan(ct, ctLength), buffer.AsSpan(ss, 32)));
            Assert.Equal("sharedSecret", e.ParamName);
            Assert.Equal(before, buffer);
            MLKem asBcl = key;
            e = Assert.Throws<ArgumentException>(() => asBcl.Decapsulate(buffer.AsSpan(ct, ctLength), buffer.AsSpan(ss, 32)));
            Assert.Equal("sharedSecret", e.ParamName);
            Assert.Equal(before, buffer);
        }
        // Adjacent is not overlapping: the secret right after the ciphertext is the right one.
        byte[] adjacent = new byte[ctLength + 32];
        ciphertext.CopyTo(adjacent, 0);
        key.Decapsulate(adjacent.AsSpan(0, ctLength), adjacent.AsSpan(ctLength, 32));
        Assert.Equal(expected, adjacent.AsSpan(ctLength).ToArray());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Encapsulate_WithOverlappingOutputs_IsRefusedBeforeWriting(string name)
    {
        MLKemAlgorithm algorithm = Algorithm(name);
        using MlKemKey key = MlKemKey.Generate(algorithm);
        int ctLength = algorithm.CiphertextSizeInBytes;
        foreach ((int ct, int ss) in OverlappingLayouts(ctLength))
        {
            byte[] buffer = Enumerable.Repeat((byte)0x5A, ctLength + 64).ToArray();
            byte[] before = (byte[])buffer.Clone();
            var e = Assert.Throws<ArgumentException>(() => key.Encapsulate(buffer.AsSpan(ct, ctLength), buffer.AsSpan(ss, 32)));
            Assert.Equal("sharedSecret", e.ParamName);
            Assert.Equal(before, buffer);

            e = Assert.Throws<ArgumentException>(() => key.TryEncapsulate(buffer.AsSpan(ct, ctLength), buffer.AsSpan(ss, 32), out _));
            Assert.Equal("sharedSecret", e.ParamName);
            Assert.Equal(before, buffer);
            // TryEncapsulate writes only the first CiphertextSizeInBytes of a larger destination: overlap is judged there.
            if (ct == 0 && ss <= ctLength - 32)
            {
                e = Assert.Throws<ArgumentException>(() => key.TryEncapsulate(buffer.AsSpan(ct), buffer.AsSpan(ss, 32), out _));
                Assert.Equal("sharedSecret", e.ParamName);
                Assert.Equal(before, buffer);
            }

            e = Assert.Throws<ArgumentException>(() => MlKemTesting.EncapsulateDerandomized(key, new byte[32], buffer.AsSpan(ct, ctLength), buffer.AsSpan(ss, 32)));
            Assert.Equal("sharedSecret", e.ParamName);
            Assert.Equal(before, buffer);

            // Through the BCL base type its own check runs first, with the exception type it documents.
            MLKem asBcl = key;
            Assert.Throws<CryptographicException>(() => asBcl.Encapsulate(buffer.AsSpan(ct, ctLength), buffer.AsSpan(ss, 32)));
            Assert.Equal(before, buffer);
        }
    }

    [Fact]
    public void TryEncapsulate_SecretAfterTheWrittenCiphertext_IsNotAnOverlap()
    {
        // The destination is larger than the ciphertext; the secret sits in its unused tail, which is never written.
        MLKemAlgorithm algorithm = MLKemAlgorithm.MLKem768;
        using MlKemKey key = MlKemKey.Generate(algorithm);
        byte[] buffer = new byte[algorithm.CiphertextSizeInBytes + 32];
        Assert.True(key.TryEncapsulate(buffer, buffer.AsSpan(algorithm.CiphertextSizeInBytes), out int written));
        Assert.Equal(algorithm.CiphertextSizeInBytes, written);
        Assert.Equal(buffer.AsSpan(algorithm.CiphertextSizeInBytes).ToArray(), key.Decapsulate(buffer[..written]));
    }

    [Fact]
    public void DerandomizedEncapsulate_WithMOverlappingAnOutput_IsRefused()
    {
        MLKemAlgorithm algorithm = MLKemAlgorithm.MLKem512;
        using MlKemKey key = MlKemKey.Generate(algorithm);
        byte[] ct = new byte[algorithm.CiphertextSizeInBytes], ss = new byte[32];
        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() =>
            MlKemTesting.EncapsulateDerandomized(key, ct.AsSpan(100, 32), ct, ss)).ParamName);
        Assert.Equal("sharedSecret", Assert.Throws<ArgumentException>(() =>
            MlKemTesting.EncapsulateDerandomized(key, ss, ct, ss)).ParamName);
    }

    [Fact]
    public void WrongSizes_AreCheckedBeforeOverlap_WithTheBclParameterNames()
    {
        MLKemAlgorithm algorithm = MLKemAlgorithm.MLKem768;
        using MlKemKey key = MlKemKey.Generate(algorithm);
        byte[] buffer = new byte[2000];
        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => key.Encapsulate(buffer.AsSpan(0, 1087), buffer.AsSpan(0, 32))).ParamName);
        Assert.Equal("sharedSecret", Assert.Throws<ArgumentException>(() => key.Encapsulate(buffer.AsSpan(0, 1088), buffer.AsSpan(0, 31))).ParamName);
        Assert.Equal("sharedSecret", Assert.Throws<ArgumentException>(() => key.TryEncapsulate(buffer, buffer.AsSpan(0, 33), out _)).ParamName);
        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => key.Decapsulate(buffer.AsSpan(0, 1089), buffer.AsSpan(0, 32))).ParamName);
        Assert.Equal("sharedSecret", Assert.Throws<ArgumentException>(() => key.Decapsulate(buffer.AsSpan(0, 1088), buffer.AsSpan(0, 33))).ParamName);
    }

    [Fact]
    public void DisposedKey_ThrowsObjectDisposedException_FromTheHidingEncapsulate()
    {
        MlKemKey key = MlKemKey.Generate(MLKemAlgorithm.MLKem512);
        key.Dispose();
        byte[] ct = new byte[MLKemAlgorithm.MLKem512.CiphertextSizeInBytes], ss = new byte[32];
        Assert.Throws<ObjectDisposedException>(() => key.Encapsulate(ct, ss));
        Assert.Throws<ObjectDisposedException>(() => key.TryEncapsulate(ct, ss, out _));
        Assert.Throws<ObjectDisposedException>(() => ((MLKem)key).Encapsulate(ct, ss));
    }
}
