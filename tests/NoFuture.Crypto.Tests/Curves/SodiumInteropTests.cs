// The libsodium bindings load the native asset shipped in the `libsodium` NuGet package (not a system copy).
using NoFuture.Crypto.Interop;

namespace NoFuture.Crypto.Tests.Curves;

public class SodiumInteropTests
{
    [Fact]
    public void LoadsTheNuGetNativeAsset()
    {
        Sodium.EnsureInitialized();
        Sodium.EnsureInitialized(); // idempotent
        Assert.True(Sodium.LibraryVersionMajor() >= 10);
        if (!OperatingSystem.IsLinux()) return;
        string[] mapped = File.ReadAllLines("/proc/self/maps").Where(l => l.Contains("libsodium", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, l => Assert.Contains(Path.Combine("runtimes", "linux-x64", "native", "libsodium.so"), l, StringComparison.Ordinal));
    }

    [Fact]
    public void InitialisesOnceUnderConcurrency()
    {
        Parallel.For(0, 64, _ => Sodium.EnsureInitialized());
        Assert.True(Sodium.LibraryVersionMajor() >= 10);
    }
}
