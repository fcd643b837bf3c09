// Verify's ceiling on a stored string's cost: a PHC string is input (from a database, a backup, a user's import), and
// its m and t decide how much memory Verify takes and how long it runs. Strings above the limits are refused with an
// Argon2Exception before any work: no Secret, no matrix, no derivation. The default admits every built-in preset.
using System.Security.Cryptography;

namespace NoFuture.Crypto.Tests.Argon2;

public class Argon2VerifyLimitsTests
{
    private const string Salt = "c29tZXNhbHRzb21lc2FsdA"; // "somesaltsomesalt"
    private const string Hash = "SECRETHASHSECRETHASHSECRETHASHSECRETHASHSEA"; // 32 bytes, canonical base64

    private static string Phc(int m, int t, int p) => $"$argon2id$v=19$m={m},t={t},p={p}${Salt}${Hash}";

    [Theory]
    [InlineData(4 * 1024 * 1024, 1, 4)]       // 4 GiB: twice RFC 9106's first recommendation
    [InlineData(2 * 1024 * 1024 + 8, 1, 1)]   // just above the 2 GiB memory ceiling
    [InlineData(int.MaxValue, 1, 1)]          // 2 TiB: beyond the machine as well
    public void DefaultLimits_RefuseMemoryAboveTwoGiB_BeforeAnyWork(int m, int t, int p)
    {
        string phc = Phc(m, t, p);
        CancellationToken ct = TestContext.Current.CancellationToken;
        var e = Assert.ThrowsAny<CryptographicException>(() => Argon2PhcString.Verify(phc, "password"u8, ct));
        AssertRefusal(e, Argon2Error.MemoryLimitExceeded, "m =");
        e = Assert.ThrowsAny<CryptographicException>(() => Argon2PhcString.Parse(phc).Verify("password"u8, ct));
        AssertRefusal(e, Argon2Error.MemoryLimitExceeded, "m =");
    }

    [Fact]
    public void AStoredStringAskingForMoreThanTheProcessCanGet_IsAnArgon2Exception_NotAnArgumentException()
    {
        // Limits lifted to the maximum, so only the memory check stands between the string and a 2 TiB allocation:
        // the string is untrusted input, so the refusal is Argon2Exception(MemoryUnavailable), not a caller mistake.
        var open = new Argon2VerifyLimits(maxMemorySizeKib: int.MaxValue, maxWorkKib: long.MaxValue);
        var e = Assert.Throws<Argon2Exception>(() =>
            Argon2PhcString.Verify(Phc(int.MaxValue, 1, 1), "password"u8, open, TestContext.Current.CancellationToken));
        Assert.Equal(Argon2Error.MemoryUnavailable, e.Error);
    }

    [Theory]
    [InlineData(2 * 1024 * 1024, 2, 4)]        // RFC 9106's 2 GiB with a second pass
    [InlineData(64 * 1024, 33, 4)]             // 64 MiB, 33 passes: 2 GiB + 64 MiB of blocks
    [InlineData(8, 262_145, 1)]                // the smallest matrix, passed over more than 2^21 KiB in all
    public void DefaultLimits_RefuseWorkAboveTheCostliestPreset(int m, int t, int p)
    {
        var e = Assert.ThrowsAny<CryptographicException>(() =>
            Argon2PhcString.Verify(Phc(m, t, p), "password"u8, TestContext.Current.CancellationToken));
        AssertRefusal(e, Argon2Error.WorkLimitExceeded, "m*t");
    }

    [Fact]
    public void DefaultLimits_AdmitEveryBuiltInPreset()
    {
        // Admitted means the derivation starts: with a cancelled token that is an OperationCanceledException at once.
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        foreach (Argon2Parameters preset in new[] { Argon2Parameters.Rfc9106First, Argon2Parameters.Rfc9106Second, Argon2Parameters.Owasp })
        {
            Assert.True(Argon2VerifyLimits.Default.Admits(preset), preset.ToString());
            string phc = Argon2PhcString.Format(preset, new byte[16], new byte[preset.TagLength]);
            Exception? e = Record.Exception(() => Argon2PhcString.Verify(phc, "password"u8, cancelled.Token));
            // Past the limits: cancelled, or (2 GiB on a small machine) refused by DeriveKey's memory check.
            Assert.True(e is OperationCanceledException or ArgumentOutOfRangeException { ParamName: "parameters" }, $"{preset}: {e}");
        }
        // The boundary itself: exactly 2 GiB over one pass, and 2^21 KiB of blocks in all.
        Assert.True(Argon2VerifyLimits.Default.Admits(new Argon2Parameters(Argon2Type.Argon2id, 2 * 1024 * 1024, 1, 1)));
        Assert.True(Argon2VerifyLimits.Default.Admits(new Argon2Parameters(Argon2Type.Argon2id, 8, 262_144, 1)));
        Assert.False(Argon2VerifyLimits.Default.Admits(new Argon2Parameters(Argon2Type.Argon2id, 8, 262_145, 1)));
    }

    [Fact]
    public void CustomLimits_AreHonoured_BothWays()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var parameters = new Argon2Parameters(Argon2Type.Argon2id, 64, 2, 1);
        string phc = Argon2PhcString.Hash("pw"u8, parameters, ct);

        var exact = new Argon2VerifyLimits(maxMemorySizeKib: 64, maxWorkKib: 128);
        Assert.True(Argon2PhcString.Verify(phc, "pw"u8, exact, ct));
        Assert.False(Argon2PhcString.Verify(phc, "wrong"u8, exact, ct));
        Assert.True(Argon2PhcString.Parse(phc).Verify("pw"u8, exact, ct));

        var lessMemory = new Argon2VerifyLimits(maxMemorySizeKib: 56);
        AssertRefusal(Assert.Throws<Argon2Exception>(() => Argon2PhcString.Verify(phc, "pw"u8, lessMemory, ct)),
            Argon2Error.MemoryLimitExceeded, "56 KiB");
        var lessWork = new Argon2VerifyLimits(maxWorkKib: 127);
        AssertRefusal(Assert.Throws<Argon2Exception>(() => Argon2PhcString.Parse(phc).Verify("pw"u8, lessWork, ct)),
            Argon2Error.WorkLimitExceeded, "127 KiB");

        // A higher ceiling admits what the default refuses (here stopped at once by a cancelled token).
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var generous = new Argon2VerifyLimits(maxMemorySizeKib: 4 * 1024 * 1024, maxWorkKib: 4L * 1024 * 1024);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Argon2PhcString.Verify(Phc(4 * 1024 * 1024, 1, 4), "pw"u8, generous, cancelled.Token));
    }

    [Fact]
    public void LimitsAreValidated_WithTheRealParameterNames()
    {
        Assert.Equal("maxMemorySizeKib", Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2VerifyLimits(maxMemorySizeKib: 7)).ParamName);
        Assert.Equal("maxWorkKib", Assert.Throws<ArgumentOutOfRangeException>(() => new Argon2VerifyLimits(maxWorkKib: 7)).ParamName);
        Assert.Equal("limits", Assert.Throws<ArgumentNullException>(() => Argon2PhcString.Verify(Phc(64, 1, 1), "pw"u8, null!, TestContext.Current.CancellationToken)).ParamName);
        Assert.Equal("limits", Assert.Throws<ArgumentNullException>(() => Argon2PhcString.Parse(Phc(64, 1, 1)).Verify("pw"u8, null!, TestContext.Current.CancellationToken)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => Argon2VerifyLimits.Default.Admits(null!)).ParamName);
        Assert.Equal(2 * 1024 * 1024, Argon2VerifyLimits.Default.MaxMemorySizeKib);
        Assert.Equal(2L * 1024 * 1024, Argon2VerifyLimits.Default.MaxWorkKib);
    }

    private static void AssertRefusal(Exception e, Argon2Error error, string inMessage)
    {
        Argon2Exception argon2 = Assert.IsType<Argon2Exception>(e);
        Assert.Equal(error, argon2.Error);
        Assert.Contains(inMessage, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Salt, e.Message, StringComparison.Ordinal);
    }
}
