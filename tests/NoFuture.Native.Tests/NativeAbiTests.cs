// The C ABI (include/nofuture.h) exercised from C: one test per scenario of c/scenarios.c, each its own process.
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NoFuture.Crypto;

namespace NoFuture.Native.Tests;

public sealed partial class NativeAbiTests(NativeLibraryFixture native)
{
    public static readonly TheoryData<string> Scenarios =
    [
        "version", "strerror",
        "secret_new", "secret_random", "secret_from_bytes", "secret_read", "secret_write", "secret_callbacks",
        "secret_freeze", "secret_equal", "secret_protection",
        "handle_double_free", "handle_wrong_type", "handle_forged",
        "enclave", "capabilities", "policy", "harden_and_lock",
        "purge", "purge_from_thread", "free_while_used", "handle_churn", "secret_recycle",
        "interrupt", "death_guarded_overflow", "death_frozen_write",
        "mlkem768", "kem", "hpke", "argon2", "x25519", "signatures", "mldsa", "first_call",
    ];

    // Scenarios that need a partner and are run by their own test.
    private static readonly string[] s_interactive = ["mlkem768_peer", "vectors"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario(string name)
    {
        ProcessResult result = native.RunScenario(name);
        Assert.True(result.ExitCode == 0, $"scenario {name} exited with {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.Contains($"{name}: ok", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryScenarioOfTheProgramIsATest()
    {
        ProcessResult result = NativeLibraryFixture.Run(native.Program, ["--list"], 60);
        string[] listed = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(listed.Order(StringComparer.Ordinal),
            Scenarios.Select(row => row.Data).Concat(s_interactive).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LibraryHasTheSoname()
    {
        ProcessResult result = NativeLibraryFixture.Run("readelf", ["-d", native.Library], 60);
        Assert.Matches(@"\(SONAME\)\s+Library soname: \[libnofuture\.so\.0\]", result.Output);
    }

    [Fact]
    public void ExportsAreExactlyTheHeadersFunctions()
    {
        string header = File.ReadAllText(Path.Combine(native.RepositoryRoot, "include", "nofuture.h"));
        var declared = DeclarationPattern().Matches(header).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        ProcessResult result = NativeLibraryFixture.Run("nm", ["-D", "--defined-only", native.Library], 60);
        var exported = ExportPattern().Matches(result.Output).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(declared);
        Assert.Equal(declared.Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
        // Every declared function is called by some scenario.
        string scenarios = File.ReadAllText(Path.Combine(native.RepositoryRoot, "tests", "NoFuture.Native.Tests", "c", "scenarios.c"));
        Assert.All(declared, name => Assert.Contains(name + "(", scenarios, StringComparison.Ordinal));
    }

    /// <summary>
    /// ML-KEM-768 through the C ABI agrees with the managed MlKemKey both ways: the managed side encapsulates to a
    /// key generated in C, which decapsulates; then C encapsulates to a managed key, which decapsulates.
    /// </summary>
    [Fact]
    public async Task MlKem768AgreesWithTheManagedApi()
    {
        var info = new ProcessStartInfo(native.Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("mlkem768_peer");
        info.Environment["ASAN_OPTIONS"] = "detect_leaks=0";
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            byte[] cEncapsulationKey = ReadHex(process, "ek");
            using MlKemKey toC = MlKemKey.ImportEncapsulationKey(MLKemAlgorithm.MLKem768, cEncapsulationKey);
            byte[] ciphertext = new byte[MLKemAlgorithm.MLKem768.CiphertextSizeInBytes];
            byte[] expected = new byte[32];
            toC.Encapsulate(ciphertext, expected);
            process.StandardInput.WriteLine("ct " + Convert.ToHexStringLower(ciphertext));
            process.StandardInput.Flush();
            Assert.True(expected.SequenceEqual(ReadHex(process, "ss")), "C decapsulated another shared secret");

            using MlKemKey managed = MlKemKey.Generate(MLKemAlgorithm.MLKem768);
            process.StandardInput.WriteLine("ek " + Convert.ToHexStringLower(managed.ExportEncapsulationKey()));
            process.StandardInput.Flush();
            byte[] cCiphertext = ReadHex(process, "ct");
            byte[] cSecret = ReadHex(process, "ss");
            byte[] decapsulated = new byte[32];
            managed.Decapsulate(cCiphertext, decapsulated);
            Assert.True(decapsulated.SequenceEqual(cSecret), "the managed key decapsulated another shared secret");
        }
        finally
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(60_000)) process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await error}");
    }

    private static byte[] ReadHex(Process process, string tag)
    {
        string? line = process.StandardOutput.ReadLine();
        Assert.True(line is not null && line.StartsWith(tag + " ", StringComparison.Ordinal), $"expected '{tag} <hex>', got '{line}'");
        return Convert.FromHexString(line.AsSpan(tag.Length + 1));
    }

    [GeneratedRegex(@"^(?:int|const char \*)\s*(nf_\w+)\(", RegexOptions.Multiline)]
    private static partial Regex DeclarationPattern();

    [GeneratedRegex(@"\sT (nf_\w+)(?:@@\S+)?$", RegexOptions.Multiline)]
    private static partial Regex ExportPattern();
}
