using Xunit;
namespace NoFuture.Memory.Tests;
public class SmokeTests { [Fact] public void Works() => Assert.True(true); [Fact(Skip="x")] public void Sk() {} }
