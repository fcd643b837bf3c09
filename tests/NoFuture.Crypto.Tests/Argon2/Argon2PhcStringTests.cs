// The PHC string: the extra vectors' strings parse, verify (and refuse a wrong password) and re-encode identically;
// Hash/Verify round trips; malformed strings give Argon2Exception(MalformedString) naming the field and never echoing the input.
using System.Text;
using System.Text.Json;
using NoFuture.Tests.Shared;

namespace NoFuture.Crypto.Tests.Argon2;

public class Argon2PhcStringTests
{
    [Fact]
    public void ExtraVectors_ParseVerifyAndReencode()
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(VectorFiles.Find("argon2/argon2id-extra.json")));
        CancellationToken ct = TestContext.Current.CancellationToken;
        int count = 0;
        foreach (JsonElement v in json.RootElement.GetProperty("vectors").EnumerateArray())
        {
            string phc = v.GetProperty("phc_string").GetString()!;
            byte[] password = Encoding.UTF8.GetBytes(v.GetProperty("password_utf8").GetString()!);
            Argon2PhcString parsed = Argon2PhcString.Parse(phc);
            Assert.Equal(phc, parsed.ToString());
            Assert.Equal(v.GetProperty("memory_kib").GetInt32(), parsed.Parameters.MemorySizeKib);
            Assert.Equal(v.GetProperty("tag_hex").GetString(), Convert.ToHexStringLower(parsed.HashBytes));
            Assert.Equal(v.GetProperty("salt_hex").GetString(), Convert.ToHexStringLower(parsed.Salt));
            if (parsed.Parameters.MemorySizeKib <= 4096 || count < 3)
            {
                Assert.True(parsed.Verify(password, ct));
                Assert.False(parsed.Verify([.. password, (byte)'!'], ct));
            }
            count++;
        }
        VectorCount.AllRan(count, json.RootElement.GetProperty("vectors").GetArrayLength(), "argon2id-extra.json");
    }

    [Fact]
    public void HashThenVerify_RoundTrips_WithAFreshSaltEachTime()
    {
        var parameters = new Argon2Parameters(Argon2Type.Argon2id, 256, 2, 2);
        CancellationToken ct = TestContext.Current.CancellationToken;
        string a = Argon2PhcString.Hash("correct horse"u8, parameters, ct);
        string b = Argon2PhcString.Hash("correct horse"u8, parameters, ct);
        Assert.NotEqual(a, b);
        Assert.StartsWith("$argon2id$v=19$m=256,t=2,p=2$", a, StringComparison.Ordinal);
        Assert.True(Argon2PhcString.Verify(a, "correct horse"u8, ct));
        Assert.False(Argon2PhcString.Verify(a, "correct horsf"u8, ct));
        foreach (Argon2Type type in new[] { Argon2Type.Argon2d, Argon2Type.Argon2i })
        {
            string s = Argon2PhcString.Hash("x"u8, new Argon2Parameters(type, 64, 1, 1, 16, Argon2Version.Version10), ct);
            Assert.True(Argon2PhcString.Verify(s, "x"u8, ct));
        }
    }

    [Fact]
    public void MissingVersion_MeansVersion0x10()
    {
        const string withV = "$argon2i$v=16$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAA";
        Argon2PhcString parsed = Argon2PhcString.Parse(withV.Replace("v=16$", "", StringComparison.Ordinal));
        Assert.Equal(Argon2Version.Version10, parsed.Parameters.Version);
        Assert.Equal(withV, parsed.ToString());
    }

    [Theory]
    [InlineData("", "structure")]
    [InlineData("argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "structure")]
    [InlineData("$argon2x$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "type")]
    [InlineData("$argon2id$v=18$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "version")]
    [InlineData("$argon2id$x=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "version")]
    [InlineData("$argon2id$v=19$m=064,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "memory")]
    [InlineData("$argon2id$v=19$m=4,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "memory")]
    [InlineData("$argon2id$v=19$m=99999999999,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "memory")]
    [InlineData("$argon2id$v=19$m=64,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "iterations")]
    [InlineData("$argon2id$v=19$m=64,t=-1,p=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "iterations")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=0$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "parallelism")]
    [InlineData("$argon2id$v=19$t=1,m=64,p=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "memory")]
    [InlineData("$argon2id$v=19$m=64,t=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASHSECRETHASHSA", "parameters")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZQ$SECRETHASHSECRETHASHSA", "salt")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA==$SECRETHASHSECRETHASHSA", "salt")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdB$SECRETHASHSECRETHASHSA", "salt")] // non-canonical
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$SECRETHASH*ECRETHASHSE", "hash")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$SECRE", "hash")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$", "hash")]
    public void Malformed_IsAnArgon2ExceptionNamingTheField_WithoutTheContent(string phc, string field)
    {
        var e = Assert.Throws<Argon2Exception>(() => Argon2PhcString.Parse(phc));
        Assert.Equal(Argon2Error.MalformedString, e.Error);
        Assert.Equal(Argon2Error.MalformedString, Assert.Throws<Argon2Exception>(() => Argon2PhcString.Verify(phc, "password"u8, TestContext.Current.CancellationToken)).Error);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c29t", e.Message, StringComparison.Ordinal);
        Assert.False(Argon2PhcString.TryParse(phc, out Argon2PhcString? none));
        Assert.Null(none);
    }
}
