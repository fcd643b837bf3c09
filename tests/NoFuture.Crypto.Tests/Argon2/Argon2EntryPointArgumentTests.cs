// Every public Argon2 entry point names the argument it refuses (ArgumentException.ParamName) with a parameter the
// method really has: a huge tag length used to surface as "length", the parameter of the Secret.Allocate call inside
// DeriveSecret, and as an OutOfMemoryException (or an unparseable string) from Argon2PhcString.Hash.
using NoFuture.Memory;
using Argon2Kdf = NoFuture.Crypto.Argon2;

namespace NoFuture.Crypto.Tests.Argon2;

public class Argon2EntryPointArgumentTests
{
    private static readonly byte[] Salt = new byte[16];
    private static readonly Argon2Parameters Small = new(Argon2Type.Argon2id, 64, 1, 1);
    private static readonly Argon2Parameters BeyondTheMachine = new(Argon2Type.Argon2id, int.MaxValue, 1, 1); // 2 TiB

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Secret.MaxLength + 1)]
    [InlineData(int.MaxValue)]
    public void DeriveSecret_TagLongerThanASecret_NamesParameters(int tagLength)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Argon2Kdf.DeriveSecret("pw"u8, Salt, Small.WithTagLength(tagLength), cancellationToken: Ct));
        Assert.Equal("parameters", e.ParamName);
    }

    [Fact]
    public void DeriveSecret_OtherArguments_AreNamed_BeforeAnyAllocation()
    {
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() =>
            Argon2Kdf.DeriveSecret("pw"u8, Salt, null!, cancellationToken: Ct)).ParamName);
        Assert.Equal("salt", Assert.Throws<ArgumentException>(() =>
            Argon2Kdf.DeriveSecret("pw"u8, new byte[7], Small, cancellationToken: Ct)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Argon2Kdf.DeriveSecret("pw"u8, Salt, BeyondTheMachine, cancellationToken: Ct)).ParamName);
    }

    [Fact]
    public void DeriveKey_Arguments_AreNamed()
    {
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() =>
            Argon2Kdf.DeriveKey("pw"u8, Salt, null!, new byte[32], cancellationToken: Ct)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() =>
            Argon2Kdf.DeriveKey("pw"u8, Salt, Small, new byte[33], cancellationToken: Ct)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() =>
            Argon2Kdf.DeriveKey("pw"u8, Salt, Small.WithTagLength(int.MaxValue), new byte[32], cancellationToken: Ct)).ParamName);
        Assert.Equal("salt", Assert.Throws<ArgumentException>(() =>
            Argon2Kdf.DeriveKey("pw"u8, Salt.AsSpan(0, 7), Small, new byte[32], cancellationToken: Ct)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Argon2Kdf.DeriveKey("pw"u8, Salt, BeyondTheMachine, new byte[32], cancellationToken: Ct)).ParamName);
    }

    [Theory]
    [InlineData(3034)]            // one byte more than a PHC string of this shape can hold (Parse stops at 4096 characters)
    [InlineData(Secret.MaxLength)]
    [InlineData(int.MaxValue)]
    public void Hash_TagTooLongForThePhcString_NamesParameters(int tagLength)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Argon2PhcString.Hash("pw"u8, Small.WithTagLength(tagLength), Ct));
        Assert.Equal("parameters", e.ParamName);
    }

    [Fact]
    public void Hash_LongestTagThatFits_RoundTrips()
    {
        // "$argon2id$v=19$m=64,t=1,p=1$" + 22 salt characters + "$" = 51 characters; 4045 left hold 3033 bytes of base64.
        string phc = Argon2PhcString.Hash("pw"u8, Small.WithTagLength(3033), Ct);
        Assert.True(phc.Length <= 4096, phc.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Argon2PhcString.Verify(phc, "pw"u8, Ct));
    }

    [Fact]
    public void Hash_Verify_Parse_Format_OtherArguments_AreNamed()
    {
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => Argon2PhcString.Hash("pw"u8, null!, Ct)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentOutOfRangeException>(() => Argon2PhcString.Hash("pw"u8, BeyondTheMachine, Ct)).ParamName);
        Assert.Equal("phc", Assert.Throws<ArgumentNullException>(() => Argon2PhcString.Verify(null!, "pw"u8, Ct)).ParamName);
        Assert.Equal("phc", Assert.Throws<ArgumentNullException>(() => Argon2PhcString.Parse(null!)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => Argon2PhcString.Format(null!, Salt, new byte[32])).ParamName);
        Assert.Equal("salt", Assert.Throws<ArgumentException>(() => Argon2PhcString.Format(Small, new byte[7], new byte[32])).ParamName);
        Assert.Equal("hash", Assert.Throws<ArgumentException>(() => Argon2PhcString.Format(Small, Salt, new byte[31])).ParamName);
        Assert.Equal("tagLength", Assert.Throws<ArgumentOutOfRangeException>(() => Small.WithTagLength(3)).ParamName);
    }
}
