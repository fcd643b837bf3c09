// docs/failure-policy.md: every exception of the libraries is built in a throw helper (src/NoFuture.Memory/ThrowHelper.cs,
// src/NoFuture.Crypto/CryptoThrowHelper.cs, src/NoFuture.Mls/MlsThrowHelper.cs, and in NoFuture.Sessions one per layer:
// SessionThrowHelper.cs, Spqr/SpqrThrowHelper.cs, Storage/SessionStoreThrowHelper.cs), so one review of these files
// covers every message for secrets and lengths.
// This test reads the sources and fails on a `throw new` anywhere else.
using System.Text.RegularExpressions;

namespace NoFuture.Crypto.Tests.Api;

public partial class ThrowSiteTests
{
    private static readonly string[] Helpers =
        ["ThrowHelper.cs", "CryptoThrowHelper.cs", "MlsThrowHelper.cs", "SessionThrowHelper.cs", "SpqrThrowHelper.cs", "SessionStoreThrowHelper.cs"];

    [GeneratedRegex(@"\bthrow\s+new\b")]
    private static partial Regex ThrowNew();

    [Fact]
    public void EveryExceptionIsBuiltInAThrowHelper()
    {
        string root = RepositoryRoot();
        var offenders = new List<string>();
        int scanned = 0;
        foreach (string project in new[] { "NoFuture.Memory", "NoFuture.Crypto", "NoFuture.Mls", "NoFuture.Sessions" })
        {
            string folder = Path.Combine(root, "src", project);
            foreach (string file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(folder, file);
                if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)) continue;
                scanned++;
                if (Helpers.Contains(Path.GetFileName(file))) continue;
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    string code = lines[i];
                    int comment = code.IndexOf("//", StringComparison.Ordinal);
                    if (comment >= 0) code = code[..comment];
                    if (ThrowNew().IsMatch(code)) offenders.Add($"{project}/{relative}:{i + 1}");
                }
            }
        }
        Assert.True(scanned > 100, $"only {scanned} source files found under {root}/src");
        Assert.True(offenders.Count == 0, "throw new outside the throw helpers:\n" + string.Join('\n', offenders));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NoFuture.slnx"))) return d.FullName;
        throw new InvalidOperationException("The test runs from inside the repository (NoFuture.slnx not found above " + AppContext.BaseDirectory + ").");
    }
}
