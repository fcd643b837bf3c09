using System.Security.Cryptography;

namespace NoFuture.Memory.Tests.Api;

public class EnclaveTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(5000)]
    public void SealThenOpenRoundTripsAndConsumesTheSecret(int length)
    {
        var secret = Secret.CreateRandom(length);
        using Secret expected = secret.Clone();
        Enclave enclave = Enclave.Seal(secret);
        Assert.True(secret.IsDisposed);
        Assert.Equal(length, enclave.Length);
        using Secret opened = enclave.Open();
        Assert.True(opened.FixedTimeEquals(expected));
        using Secret again = enclave.Open(new SecretOptions { Tier = SecretTier.Guarded });
        Assert.True(again.FixedTimeEquals(expected));
    }

    [Fact]
    public void CiphertextIsNotThePlaintext()
    {
        using var secret = Secret.CopyFrom(new byte[64]);
        Enclave enclave = Enclave.SealCopy(new byte[64]);
        Assert.False(ConstantTime.IsZero(enclave.SealedBytesForTesting.Slice(12, 64)));
        Assert.Equal("Enclave", enclave.ToString());
    }

    [Fact]
    public void TamperingIsDetectedAndTheDestinationStaysClean()
    {
        Enclave enclave = Enclave.Random(32);
        enclave.SealedBytesForTesting[20] ^= 1;
        using var destination = Secret.Allocate(32);
        destination.Write(0, static (s, _) => s.Fill(0xEE));
        Assert.Equal(SecureMemoryError.EnclaveTampered, Assert.Throws<SecureMemoryException>(() => enclave.OpenInto(destination)).Error);
        Assert.True(destination.Read(0, static (s, _) => ConstantTime.IsZero(s)));
        Assert.Throws<ArgumentException>(() => enclave.OpenInto(Secret.Allocate(31)));
    }

    [Fact]
    public void EachSealUsesAFreshNonce()
    {
        Enclave a = Enclave.SealCopy(new byte[16]);
        Enclave b = Enclave.SealCopy(new byte[16]);
        Assert.False(a.SealedBytesForTesting[..12].SequenceEqual(b.SealedBytesForTesting[..12]));
        Assert.False(a.SealedBytesForTesting.SequenceEqual(b.SealedBytesForTesting));
    }

    [Fact]
    public async Task TheKeySurvivesLazyRekeying()
    {
        using var original = Secret.CreateRandom(32);
        Enclave enclave = Enclave.SealCopy(original.Read(0, static (s, _) => s.ToArray()));
        await Task.Delay(600, TestContext.Current.CancellationToken); // past the 500 ms re-split interval
        Enclave.SealCopy(new byte[1]); // triggers the re-split
        using Secret opened = enclave.Open();
        Assert.True(opened.FixedTimeEquals(original));
        Assert.True((Enclave.KeyProtection & SecretProtection.Locked) != 0);
    }
}
