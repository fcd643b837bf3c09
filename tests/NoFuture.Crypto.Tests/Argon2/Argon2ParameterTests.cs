// Absurd parameters and bad buffers (m < 8p, t = 0, m beyond the process's memory; docs/failure-policy.md): each is a
// typed exception naming the parameter, thrown before any memory is allocated, and the output is left untouched.
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Argon2;

public class Argon2ParameterTests
{
    private static readonly byte[] Salt = new byte[16];

    [Theory]
    [InlineData(31, 1, 4, "memorySizeKib")]   // m < 8p
    [InlineData(7, 1, 1, "memorySizeKib")]
    [InlineData(0, 1, 1, "memorySizeKib")]
    [InlineData(-1, 1, 1, "memorySizeKib")]
    [InlineData(64, 0, 1, "iterations")]      // t = 0
    [InlineData(64, -5, 1, "iterations")]
    [InlineData(64, 1, 0, "parallelism")]
    [InlineData(int.MaxValue, 1, 1 << 24, "parallelism")]
    public void OutOfRange_IsRefusedWithTheParameterName(int m, int t, int p, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2Parameters(Argon2Type.Argon2id, m, t, p));
        Assert.Equal(name, e.ParamName);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void TagTooShort_UndefinedTypeOrVersion_AreRefused()
    {
        Assert.Equal("tagLength", Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2Parameters(Argon2Type.Argon2id, 64, 1, 1, 3)).ParamName);
        Assert.Equal("type", Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2Parameters((Argon2Type)3, 64, 1, 1)).ParamName);
        Assert.Equal("version", Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2Parameters(Argon2Type.Argon2id, 64, 1, 1, 32, (Argon2Version)0x12)).ParamName);
    }

    [Fact]
    public void MemoryBeyondTheMachine_IsAClearError_NotACrash()
    {
        var huge = new Argon2Parameters(Argon2Type.Argon2id, int.MaxValue, 1, 1); // 2 TiB
        byte[] output = new byte[32];
        output.AsSpan().Fill(0x77);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => NoFuture.Crypto.Argon2.DeriveKey("pw"u8, Salt, huge, output,
            cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("MiB", e.Message, StringComparison.Ordinal);
        Assert.All(output, b => Assert.Equal(0x77, b)); // untouched
    }

    [Fact]
    public void WrongOutputOrShortSalt_AreRefused()
    {
        var parameters = new Argon2Parameters(Argon2Type.Argon2id, 64, 1, 1);
        CancellationToken ct = TestContext.Current.CancellationToken;
        Assert.Equal("output", Assert.Throws<ArgumentException>(() =>
            NoFuture.Crypto.Argon2.DeriveKey("pw"u8, Salt, parameters, new byte[31], cancellationToken: ct)).ParamName);
        Assert.Equal("salt", Assert.Throws<ArgumentException>(() =>
            NoFuture.Crypto.Argon2.DeriveKey("pw"u8, new byte[7], parameters, new byte[32], cancellationToken: ct)).ParamName);
        Assert.Throws<ArgumentNullException>(() => NoFuture.Crypto.Argon2.DeriveKey("pw"u8, Salt, null!, new byte[32], cancellationToken: ct));
    }

    [Fact]
    public void SmallestAndOddShapes_Work_AndAgreeAcrossForms()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        // m = 8p exactly; m not a multiple of 4p (rounded down to m'); tags of 4, 64, 65 and 1000 bytes (H' branches).
        foreach (var parameters in new[]
        {
            new Argon2Parameters(Argon2Type.Argon2id, 8, 1, 1, 4),
            new Argon2Parameters(Argon2Type.Argon2i, 24, 2, 3, 64),
            new Argon2Parameters(Argon2Type.Argon2d, 37, 1, 4, 65),
            new Argon2Parameters(Argon2Type.Argon2id, 100, 2, 2, 1000),
        })
        {
            byte[] tag = new byte[parameters.TagLength];
            NoFuture.Crypto.Argon2.DeriveKey("password"u8, Salt, parameters, tag, cancellationToken: ct);
            using Secret secret = NoFuture.Crypto.Argon2.DeriveSecret("password"u8, Salt, parameters, cancellationToken: ct);
            using SecretReadLease lease = secret.OpenRead();
            Assert.True(lease.Span.SequenceEqual(tag), parameters.ToString());
            Assert.False(tag.AsSpan().IndexOfAnyExcept((byte)0) < 0, parameters.ToString());
        }
    }

    [Fact]
    public void ToString_ShowsParametersOnly()
    {
        Assert.Equal("Argon2id(m=65536,t=3,p=4,T=32,v=19)", Argon2Parameters.Rfc9106Second.ToString());
    }
}
