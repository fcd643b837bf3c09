using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Hashing;

public class SecretHashTests
{
    public static TheoryData<int> Lengths => [0, 1, 31, 72, 135, 136, 137, 168, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void EveryFunctionMatchesTheBcl(int length)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);
        Check(SecretHash.Sha256, (d, o) => SHA256.HashData(d, o), 32);
        Check(SecretHash.Sha384, (d, o) => SHA384.HashData(d, o), 48);
        Check(SecretHash.Sha512, (d, o) => SHA512.HashData(d, o), 64);
        if (SHA3_256.IsSupported) Check(SecretHash.Sha3_256, (d, o) => SHA3_256.HashData(d, o), 32);
        if (SHA3_512.IsSupported) Check(SecretHash.Sha3_512, (d, o) => SHA3_512.HashData(d, o), 64);
        if (Shake128.IsSupported) Check(SecretHash.Shake128, (d, o) => Shake128.HashData(d, o), 200);
        if (Shake256.IsSupported) Check(SecretHash.Shake256, (d, o) => Shake256.HashData(d, o), 200);

        void Check(SpanHash ours, SpanHash bcl, int size)
        {
            byte[] expected = new byte[size], actual = new byte[size];
            bcl(data, expected);
            ours(data, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void HashesASecretThroughALease()
    {
        using Secret key = Secret.CreateRandom(32);
        Span<byte> ours = stackalloc byte[32];
        using (SecretReadLease lease = key.OpenRead()) SecretHash.Sha3_256(lease.Span, ours);
        byte[] bcl = key.Read(0, static (s, _) => SHA3_256.IsSupported ? SHA3_256.HashData(s) : []);
        if (bcl.Length > 0) Assert.True(ours.SequenceEqual(bcl));
        Assert.False(ConstantTime.IsZero(ours));
    }

    [Fact]
    public void WrongDigestSizesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => SecretHash.Sha256([], new byte[31]));
        Assert.Throws<ArgumentException>(() => SecretHash.Sha384([], new byte[64]));
        Assert.Throws<ArgumentException>(() => SecretHash.Sha512([], new byte[32]));
        Assert.Throws<ArgumentException>(() => SecretHash.Sha3_256([], new byte[33]));
        Assert.Throws<ArgumentException>(() => SecretHash.Sha3_512([], new byte[63]));
    }

    private delegate void SpanHash(ReadOnlySpan<byte> data, Span<byte> output);
}
