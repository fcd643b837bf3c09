// Locates official test vectors (docs/conventions.md, "Tests"): NOFUTURE_VECTORS (the vectors folder, or one file in
// it), else the first shared/vectors folder found walking up from the test binary (CI puts ../shared beside the clone).
// A missing file skips the test with the reason; under CI=true it fails instead, so absent vectors can never pass
// silently.
// Linked into every test project.
namespace NoFuture.Tests.Shared;

internal static class VectorFiles
{
    /// <summary>The full path of a file under shared/vectors; skips the test (fails under CI=true) when absent.</summary>
    internal static string Find(string relativePath)
    {
        string? found = TryFind(relativePath);
        if (found is not null) return found;

        string reason = $"Test vector file {relativePath} not found (set NOFUTURE_VECTORS to the shared/vectors folder).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(reason);
        Assert.Skip(reason);
        return null!; // not reached: Assert.Skip throws
    }

    /// <summary>
    /// The full path of a file under shared/vectors, or null when absent: for theory data read at discovery, where
    /// a skip cannot be raised yet (the test that then runs calls <see cref="Find"/>, which skips or fails).
    /// </summary>
    internal static string? TryFind(string relativePath)
    {
        string? configured = Environment.GetEnvironmentVariable("NOFUTURE_VECTORS");
        string? found = null;
        if (!string.IsNullOrEmpty(configured))
        {
            // A file path names one vector file; its siblings are looked up next to it.
            string candidate = File.Exists(configured)
                ? Path.Combine(Path.GetDirectoryName(configured)!, Path.GetFileName(relativePath))
                : Path.Combine(configured, relativePath);
            if (File.Exists(candidate)) found = candidate;
        }
        else
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                string vectors = Path.Combine(directory.FullName, "shared", "vectors");
                if (!Directory.Exists(vectors)) continue;
                if (File.Exists(Path.Combine(vectors, relativePath))) found = Path.Combine(vectors, relativePath);
                break;
            }
        }
        return found;
    }
}
