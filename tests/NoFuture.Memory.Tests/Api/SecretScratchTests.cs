// SecretScratch: large dont-dump working memory, locked when the budget allows, wiped and unmapped on Dispose.
namespace NoFuture.Memory.Tests.Api;

public class SecretScratchTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(5 << 20)] // above 2 MiB: the huge-page-aligned layout
    public unsafe void Allocate_GivesZeroedWritableMemory(int length)
    {
        using SecretScratch scratch = SecretScratch.Allocate(length);
        Assert.Equal(length, scratch.Length);
        Assert.False(scratch.IsDisposed);
        Assert.Equal(0u, (nuint)scratch.Data % 4096);
        Span<byte> last = scratch.GetSpan(length - 1, 1);
        Assert.Equal(0, last[0]);
        last[0] = 0xA5;
        Assert.Equal(0xA5, scratch.Data[length - 1]);
        Assert.True(scratch.GetSpan(0, length).IndexOfAnyExcept((byte)0) == length - 1);
        Assert.True((scratch.Protection & SecretProtection.GuardPages) != 0);
        if (OperatingSystem.IsLinux()) Assert.True((scratch.Protection & SecretProtection.ExcludedFromDumps) != 0);
    }

    [Fact]
    public void GetSpan_OutsideTheRange_Throws()
    {
        using SecretScratch scratch = SecretScratch.Allocate(100);
        Assert.Throws<ArgumentOutOfRangeException>(() => scratch.GetSpan(99, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => scratch.GetSpan(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => scratch.GetSpan(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SecretScratch.Allocate(0));
    }

    [Fact]
    public unsafe void Dispose_Twice_IsSafe_AndDataIsRefused()
    {
        SecretScratch scratch = SecretScratch.Allocate(8192);
        scratch.GetSpan(0, 8192).Fill(0x5A);
        scratch.Dispose();
        scratch.Dispose();
        Assert.True(scratch.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => (nint)scratch.Data);
    }

    [Fact]
    public void Locked_OnlyWhenTheBudgetAllows_AndNeverRefused()
    {
        // 64 MiB is beyond an unprivileged 8 MiB RLIMIT_MEMLOCK: the allocation must still succeed (without the lock),
        // even under the strict policy, because locking is "if possible" for scratch memory.
        bool budgetAllows = SecureMemory.Capabilities.LockableBytesRemaining >= (64 << 20);
        using SecretScratch big = SecretScratch.Allocate(64 << 20, ProtectionPolicy.Strict);
        if (!budgetAllows) Assert.True((big.Protection & SecretProtection.Locked) == 0);
    }
}
