namespace NoFuture.Crypto.Tests;

public class SkeletonTests
{
    [Fact]
    public void TheCryptoAssemblyLoadsWithItsMemoryDependency() =>
        Assert.Equal("NoFuture.Crypto", typeof(CryptoThrowHelper).Assembly.GetName().Name);
}
